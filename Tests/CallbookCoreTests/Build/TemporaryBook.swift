import CallbookCore
import Foundation
import Testing

/// A scratch folder for one test: `<tmp>/callbook-test-<UUID>/`, holding a book folder
/// (`book/` by default, so that `../figures` lies outside the book) and, beside it, room for
/// output folders. Call `remove()` (in a `defer`) when done.
struct TemporaryBook {
    /// The scratch folder (parent of the book).
    let root: URL
    /// The book folder.
    let directory: URL

    init(bookFolder: String = "book") throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("callbook-test-\(UUID().uuidString)", isDirectory: true)
        directory = root.appendingPathComponent(bookFolder, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes a text file at a book-relative path, creating folders.
    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Data(text.utf8))
    }

    /// Writes raw bytes at a book-relative path (`../x` reaches outside the book).
    func write(_ path: String, bytes: Data) throws {
        let url = directory.appendingPathComponent(path).standardizedFileURL
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
    }

    /// A folder beside the book (not inside it), for build output.
    func outside(_ name: String) -> URL {
        root.appendingPathComponent(name, isDirectory: true)
    }

    /// Loads the book with a short display root, so diagnostics read `book/…`.
    func load() throws -> (Book, [Diagnostic]) {
        try BookLoader(directory: directory, displayRoot: "book").load()
    }

    /// Builds the book with the default theme into `output` (default: `<root>/site`).
    func build(output: URL? = nil, strict: Bool = false) async -> BuildResult {
        await Build.run(BuildOptions(bookDirectory: directory, displayRoot: "book",
                                     output: output ?? outside("site"),
                                     themeDirectory: TemporaryBook.themeDirectory, strict: strict))
    }
}

extension TemporaryBook {
    /// The default theme of the package (`templates/`).
    static var themeDirectory: URL { SharedData.packageRoot.appendingPathComponent("templates") }
}

/// Small helpers over build results and written folders.
enum BuildInspection {
    /// The rendered page at `path`, or nil.
    static func page(_ result: BuildResult, _ path: String) -> String? {
        result.site?.pages.first { $0.path == path }?.contents
    }

    static func errors(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { $0.severity == .error }
    }

    /// Warnings and errors: what a build without problems has none of (notes, such as
    /// `calls-no-base-url` for a book with calls but no site address, are not problems).
    static func problems(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { $0.severity != .note }
    }

    static func describe(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(\.description).joined(separator: "\n")
    }

    /// Every regular file below `folder`: relative path → contents.
    static func snapshot(_ folder: URL) -> [String: Data] {
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return [:]
        }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(prefix) else { continue }
            result[String(path.dropFirst(prefix.count))] = FileManager.default.contents(atPath: url.path)
        }
        return result
    }

    /// The names directly inside `folder`, sorted (hidden ones included).
    static func listing(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// The part of `html` from the first `<tag … class="name"` to the matching close of that
    /// tag name (no nesting of the same tag assumed), or nil.
    static func section(_ html: String, tag: String, class name: String) -> String? {
        guard let start = html.range(of: "<\(tag) class=\"\(name)\"") else { return nil }
        guard let end = html.range(of: "</\(tag)>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// The `<a …>text</a>` elements of `html`: attributes and inner text (tags stripped).
    static func anchors(_ html: String) -> [(attributes: [String: String], text: String)] {
        let anchor = try! NSRegularExpression(pattern: #"<a\s([^>]*)>(.*?)</a>"#, options: [.dotMatchesLineSeparators])
        let attribute = try! NSRegularExpression(pattern: #"([A-Za-z][A-Za-z0-9-]*)="([^"]*)""#)
        let tags = try! NSRegularExpression(pattern: "<[^>]*>")
        let ns = html as NSString
        return anchor.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { match in
            let attributeText = ns.substring(with: match.range(at: 1))
            var attributes: [String: String] = [:]
            let attributeNS = attributeText as NSString
            for found in attribute.matches(in: attributeText, range: NSRange(location: 0, length: attributeNS.length)) {
                attributes[attributeNS.substring(with: found.range(at: 1))] = attributeNS.substring(with: found.range(at: 2))
            }
            let inner = ns.substring(with: match.range(at: 2))
            let text = tags.stringByReplacingMatches(in: inner, range: NSRange(location: 0, length: (inner as NSString).length),
                                                     withTemplate: "")
            return (attributes, text)
        }
    }

    /// Every value of `attribute` on `<tag>` elements of `html`, in order.
    static func attributeValues(_ html: String, tag: String, attribute: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "<\(tag)\\s[^>]*\\b\(attribute)=\"([^\"]*)\"")
        let ns = html as NSString
        return pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)).map {
            ns.substring(with: $0.range(at: 1))
        }
    }
}

extension Array where Element == TOCEntry {
    /// A compact picture of the tree for assertions: `chapter:a.md "Title" [ … ]`.
    var testShape: [String] {
        map { $0.testShape }
    }
}

extension TOCEntry {
    var testShape: String {
        var text: String
        switch target {
        case .chapter(let path): text = "chapter:\(path)"
        case .part: text = "part"
        case .url(let url): text = "url:\(url)"
        }
        if let title { text += " \"\(title)\"" }
        if !children.isEmpty { text += " [" + children.testShape.joined(separator: ", ") + "]" }
        return text
    }
}
