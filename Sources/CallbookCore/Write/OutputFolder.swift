import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder callbook writes a site into (the staging folder of a build, or the folder `serve`
/// writes in place). `place(_:)` is the one check every written path goes through.
///
/// A staging folder may be `recycled`: it holds an earlier site (the spare the last build set
/// aside, see `SiteWriter.begin`), so what is at a path is replaced, never written into (its
/// files may be the current site's, linked), and what the build did not place goes before the
/// exchange (`removeUnplaced`).
struct OutputFolder: Sendable {
    /// The folder's absolute path, symbolic links resolved.
    let root: String
    let recycled: Bool
    /// The folders inside (relative paths) already found to be real folders, or made, by this
    /// value or its copies: each is looked at once, not once per file written below it.
    private let checked = CheckedFolders()
    /// In a recycled folder, every path placed (`place`) by this value or its copies.
    private let placed = CheckedFolders()

    init(root: String, recycled: Bool = false) {
        self.root = root
        self.recycled = recycled
    }

    private final class CheckedFolders: Sendable {
        let paths = Mutex<Set<Substring>>([])
    }

    /// The absolute path of `relative` inside the folder, after checking that it stays inside:
    /// a site path is relative, has no `.`, `..` or empty component, and no folder on the way
    /// to it is a symbolic link or anything but a folder. Anything else is refused.
    func place(_ relative: String) throws -> String {
        let components = relative.asciiParts(separatedBy: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            ?? relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.utf8.contains(0),
              components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw Self.refusal(relative, "it is not a plain relative path inside the site")
        }
        if recycled { placed.paths.withLock { _ = $0.insert(relative[...]) } }
        let parent = relative[..<(relative.lastIndex(ofASCII: UInt8(ascii: "/")) ?? relative.startIndex)]
        guard !parent.isEmpty, !checked.paths.withLock({ $0.contains(parent) }) else { return root + "/" + relative }
        var folder = root
        var found: [Substring] = []
        for (index, component) in components.dropLast().enumerated() {
            folder += "/" + component
            var status = stat()
            guard lstat(folder, &status) == 0 else {
                if errno == ENOENT { break }  // made later, by `makeFolder`, through this check
                throw Self.refusal(relative, String(cString: strerror(errno)))
            }
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw Self.refusal(relative, "'\(folder)' is a symbolic link or a file, not a folder")
            }
            found.append(relative[..<components[index].endIndex])
        }
        checked.paths.withLock { $0.formUnion(found) }
        return root + "/" + relative
    }

    /// Makes the folder `relative` (and those above it) inside the output; an existing one
    /// must be a real folder.
    func makeFolder(_ relative: String) throws {
        var path = ""
        for component in relative.split(separator: "/", omittingEmptySubsequences: false) {
            path += path.isEmpty ? String(component) : "/" + component
            if checked.paths.withLock({ $0.contains(path[...]) }) { continue }
            let absolute = try place(path)
            if mkdir(absolute, 0o755) != 0 {
                let failure = errno
                var status = stat()
                guard failure == EEXIST, lstat(absolute, &status) == 0 else {
                    throw CallbookError("write-failed", "cannot create the folder '\(absolute)': \(String(cString: strerror(failure)))")
                }
                if status.st_mode & S_IFMT != S_IFDIR {
                    // An earlier site's file (or link) where this site has a folder: replaced.
                    guard recycled, unlink(absolute) == 0, mkdir(absolute, 0o755) == 0 else {
                        throw Self.refusal(path, "'\(absolute)' is a symbolic link or a file, not a folder")
                    }
                }
            }
            checked.paths.withLock { _ = $0.insert(path[...]) }
        }
    }

    /// In a recycled folder, readies the place of a file: true when the file at `absolute` is
    /// already the one at `previous` (the same file of the current site, linked: nothing to do),
    /// else false once whatever was there (a file, a link, a folder) is gone.
    func clear(_ absolute: String, keeping previous: String?) throws -> Bool {
        guard recycled else { return false }
        var status = stat()
        guard lstat(absolute, &status) == 0 else {
            if errno == ENOENT { return false }
            throw CallbookError("write-failed", "cannot look at '\(absolute)': \(String(cString: strerror(errno)))")
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            guard TreeRemoval.remove(absolute) else { throw CallbookError("write-failed", "cannot remove the folder '\(absolute)'") }
            return false
        }
        var kept = stat()
        if status.st_mode & S_IFMT == S_IFREG, let previous, lstat(previous, &kept) == 0,
           kept.st_mode & S_IFMT == S_IFREG, kept.st_dev == status.st_dev, kept.st_ino == status.st_ino {
            return true
        }
        guard unlink(absolute) == 0 || errno == ENOENT else {
            throw CallbookError("write-failed", "cannot replace '\(absolute)': \(String(cString: strerror(errno)))")
        }
        return false
    }

    /// Removes from a recycled folder what this build did not place: the earlier site's files
    /// that this one does not have, and its folders that hold none of this site's files.
    func removeUnplaced() throws {
        guard recycled else { return }
        let (files, folders) = (placed.paths.withLock { $0 }, checked.paths.withLock { $0 })
        /// The folder open as `descriptor`, at `relative` inside the root.
        func sweep(_ descriptor: Int32, _ relative: String) throws {
            guard let entries = TreeRemoval.entries(of: descriptor) else {
                throw CallbookError("write-failed", "cannot list '\(root)/\(relative)': \(String(cString: strerror(errno)))")
            }
            func inner(_ name: [CChar]) -> String? {
                String(validating: name.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self).map { relative.isEmpty ? $0 : relative + "/" + $0 }
            }
            for name in entries.others where inner(name).map({ !files.contains($0[...]) }) ?? true {
                guard unlinkat(descriptor, name, 0) == 0 || errno == ENOENT else { throw leftover(name, relative) }
            }
            for name in entries.folders {
                guard let path = inner(name), folders.contains(path[...]) else {
                    guard TreeRemoval.removeFolder(name, in: descriptor) else { throw leftover(name, relative) }
                    continue
                }
                let folder = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard folder >= 0 else { throw leftover(name, relative) }
                defer { close(folder) }
                try sweep(folder, path)
            }
        }
        func leftover(_ name: [CChar], _ relative: String) -> CallbookError {
            let shown = String(decoding: name.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return CallbookError("write-failed", "cannot remove '\(root)/\(relative.isEmpty ? "" : relative + "/")\(shown)', left from an earlier site: \(String(cString: strerror(errno)))")
        }
        let top = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard top >= 0 else { throw CallbookError("write-failed", "cannot open '\(root)': \(String(cString: strerror(errno)))") }
        defer { close(top) }
        try sweep(top, "")
    }

    static func refusal(_ relative: String, _ reason: String) -> CallbookError {
        CallbookError("write-outside-output", "refusing to write '\(relative)': \(reason); callbook writes only inside the output folder")
    }
}
