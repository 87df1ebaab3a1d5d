import Foundation

/// Lexical helpers for the book-relative paths chapters and pages are known by.
public enum BookPaths {
    /// `./a//b/../c.md` → `a/c.md`. Leading `..` components are kept.
    public static func normalize(_ path: String) -> String {
        // Most paths have nothing to normalize (no empty, `.` or `..` part): found by bytes,
        // they are returned as they are.
        if isNormal(path) { return path }
        var parts: [Substring] = []
        for component in path.asciiParts(separatedBy: UInt8(ascii: "/")) ?? path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }

    /// Whether `normalize` leaves `path` as it is: it has parts, none of them empty, `.` or `..`.
    private static func isNormal(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                let length = index - start
                if length == 0 { return false }
                if bytes[start] == UInt8(ascii: "."), length == 1 || (length == 2 && bytes[start + 1] == UInt8(ascii: ".")) { return false }
                start = index + 1
            }
            return true
        }
    }

    /// How a book-relative path is shown in diagnostics: under the book folder as the user named it.
    public static func display(_ relative: String, under root: String) -> String {
        root.isEmpty || root == "." ? relative : (root.hasSuffix("/") ? root + relative : root + "/" + relative)
    }

    /// How a file that `reference` names from the file shown as `displayFile` is shown: beside
    /// that file, with `..` resolved; an absolute reference, or one from an absolute display
    /// path, stays absolute (`/books/a/x.md`, not `books/a/x.md`).
    public static func display(_ reference: String, from displayFile: String) -> String {
        if reference.hasPrefix("/") { return "/" + normalize(reference) }
        let folder = directory(of: displayFile)
        let joined = normalize(folder.isEmpty ? reference : folder + "/" + reference)
        return displayFile.hasPrefix("/") ? "/" + joined : joined
    }

    /// The folder part of a book-relative path (`a/b.md` → `a`, `b.md` → ``).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(ofASCII: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Resolves `reference` (relative, or `/`-rooted at the book folder) against the folder of `page`.
    public static func resolve(_ reference: String, from page: String) -> String {
        if reference.hasPrefix("/") { return normalize(String(reference.dropFirst())) }
        let folder = directory(of: page)
        return normalize(folder.isEmpty ? reference : folder + "/" + reference)
    }

    /// The page a chapter becomes: `a/b.md` → `a/b.html`. A chapter outside the book folder
    /// (`../notes/x.md`) gets a page inside the site, under `_outside/`, each leading `..`
    /// becoming `_up` (`_outside/_up/notes/x.html`), as assets outside the book go under `_assets/`.
    public static func pagePath(forChapter path: String) -> String {
        var page = path.hasSuffix(".md") ? String(path.dropLast(3)) : path
        if page.hasPrefix("../") {
            page = "_outside/" + page.split(separator: "/").map { $0 == ".." ? "_up" : String($0) }.joined(separator: "/")
        }
        return page + ".html"
    }

    /// The relative URL from the page at `from` (a site path) to the site path `to`.
    public static func relativeURL(from: String, to: String) -> String {
        var (page, target) = (from, to)
        let url = page.withUTF8 { page in
            target.withUTF8 { target -> String? in
                // Bytes compare as Characters do only in ASCII (`hasPrefix` below compares Characters).
                guard page.allSatisfy({ $0 < 0x80 }), target.allSatisfy({ $0 < 0x80 }) else { return nil }
                return relativeURL(fromASCII: page, to: target)
            }
        }
        if let url { return url }
        // Fast path: both in the site's root folder, or `to` in the same folder as `from`.
        let fromFolder = directory(of: from)
        if !to.hasPrefix("/") {
            if fromFolder.isEmpty { return to.isEmpty ? "./" : to }
            if to.hasPrefix(fromFolder + "/"), !to.dropFirst(fromFolder.count + 1).containsByte(UInt8(ascii: "/")) {
                return String(to.dropFirst(fromFolder.count + 1))
            }
        }
        return RelativeLinks(from: from).url(to: to)
    }

    /// `relativeURL(from:to:)` of two ASCII paths, on their bytes.
    private static func relativeURL(fromASCII page: UnsafeBufferPointer<UInt8>, to target: UnsafeBufferPointer<UInt8>) -> String {
        let slash = UInt8(ascii: "/")
        let folderEnd = RelativeLinks.folderEnd(of: page)
        if target.first != slash {
            if folderEnd == 0 { return target.isEmpty ? "./" : String(decoding: target, as: UTF8.self) }
            let rest = UnsafeBufferPointer(rebasing: target[min(folderEnd + 1, target.count)...])
            if target.count > folderEnd, target[folderEnd] == slash, rest.firstOffset(of: slash) == nil,
               UnsafeBufferPointer(rebasing: target[..<folderEnd]).hasSameBytes(as: UnsafeBufferPointer(rebasing: page[..<folderEnd])) {
                return String(decoding: rest, as: UTF8.self)
            }
        }
        let folder = UnsafeBufferPointer(rebasing: page[..<folderEnd])
        return RelativeLinks.url(folder: folder, parts: folder.nonEmptyParts(separatedBy: slash), to: target)
    }

    /// The file `relative` names in `folder`: `folder.appendingPathComponent(relative)` with the
    /// same `path`, without its look at the file system (a `stat` on every call, to learn whether
    /// the result is a folder), which a build would make for every chapter, link and image.
    static func file(_ relative: String, in folder: URL) -> URL {
        folder.appending(path: relative, directoryHint: .notDirectory)
    }

    /// `url.standardizedFileURL.path`, without making a new URL when the path has nothing to
    /// standardize (no `.` or `..` component, no empty one): most paths a build looks at.
    static func standardPath(_ url: URL) -> String {
        let path = url.path
        return isStandard(path) ? path : url.standardizedFileURL.path
    }

    /// An absolute `path` with runs of `/` made one, `.` and `..` taken out and no final `/`:
    /// `URL.standardizedFileURL.path` of a path that is not there (Foundation resolves the links
    /// of a path with `..` only when it can), without looking at the file system. Worked out on
    /// the bytes, component by component (`..` at the root stays there, as Foundation has it).
    static func lexicalPath(_ path: String) -> String {
        var path = path
        return path.withUTF8 { bytes in
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            // The components kept, as ranges of `bytes`.
            var kept: [Range<Int>] = []
            for part in bytes.nonEmptyParts(separatedBy: slash) {
                switch part.count {
                case 1 where bytes[part.lowerBound] == dot: continue
                case 2 where bytes[part.lowerBound] == dot && bytes[part.lowerBound + 1] == dot: _ = kept.popLast()
                default: kept.append(part)
                }
            }
            guard !kept.isEmpty else { return "/" }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            for component in kept {
                result.append(slash)
                result.append(contentsOf: bytes[component])
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Whether `path` is absolute and has no empty component (`//`), no component of dots alone
    /// (`.`, `..`, `...`) and no final `/`: then standardizing it changes nothing.
    static func isStandard(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard bytes.first == UInt8(ascii: "/") else { return false }
            // Bytes since the last slash: 0 at a slash, and -1 once the component is not all dots.
            var dots = 0
            for byte in bytes.dropFirst() {
                switch byte {
                case UInt8(ascii: "/"):
                    if dots >= 0 { return false }  // "//", or a component of dots alone
                    dots = 0
                case UInt8(ascii: "."):
                    if dots >= 0 { dots += 1 }
                default:
                    dots = -1
                }
            }
            return dots < 0 || bytes.count == 1
        }
    }
}
