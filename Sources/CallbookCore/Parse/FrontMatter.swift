import Yams

/// The YAML block between `---` lines at the top of a chapter (MyST page front matter).
public struct FrontMatter: Hashable, Sendable {
    public var title: String?
    public var subtitle: String?
    public var shortTitle: String?
    public var label: String?
    public var description: String?
    public var keywords: [String] = []
    public var authors: [String] = []
    public var date: String?
    /// The page's picture for link previews (`thumbnail`, as mystmd names it): a web address.
    public var thumbnail: String?

    public init() {}

    /// Splits front matter off `text`. Returns the front matter, the text with those lines
    /// blanked (so libcmark still reports true line numbers), and any diagnostics.
    public static func split(_ text: String, file: String) -> (FrontMatter?, String, [Diagnostic]) {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return (nil, text, []) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let close = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingSuffix(while: { $0 == " " || $0 == "\r" })
            return line == "---" || line == "..."
        }) else { return (nil, text, []) }
        let yaml = lines[1..<close].joined(separator: "\n")
        for index in 0...close { lines[index] = "" }
        let body = lines.joined(separator: "\n")
        do {
            let file = try YAMLFile(path: file, text: yaml, lineOffset: 1)
            return (try FrontMatter(file), body, [])
        } catch let error as CallbookError {
            return (nil, body, [error.diagnostic])
        } catch {
            return (nil, body, [.error("front-matter", "front matter could not be read: \(error)",
                                       at: SourceRange(file: file, line: 1, column: 1))])
        }
    }

    init(_ file: YAMLFile) throws {
        guard let root = file.root else { return }
        guard case .mapping = root else {
            throw CallbookError("front-matter", "front matter must be a YAML mapping", at: file.range(of: root))
        }
        title = try file.string(root["title"], key: "title")
        subtitle = try file.string(root["subtitle"], key: "subtitle")
        shortTitle = try file.string(root["short_title"], key: "short_title")
        label = try file.string(root["label"], key: "label")
        description = try file.string(root["description"], key: "description")
        thumbnail = try file.string(root["thumbnail"], key: "thumbnail")
        date = try file.string(root["date"], key: "date")
        keywords = root["keywords"]?.sequenceItems.compactMap(\.scalarString)
            ?? root["keywords"]?.scalarString.map { $0.split(separator: ",").map { $0.trimmingWhitespace() } }
            ?? []
        authors = root["authors"]?.sequenceItems.compactMap { $0["name"]?.scalarString ?? $0.scalarString }
            ?? root["author"]?.scalarString.map { [$0] } ?? []
    }
}

extension Substring {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var copy = self
        while let last = copy.last, predicate(last) { copy.removeLast() }
        return copy
    }
}
