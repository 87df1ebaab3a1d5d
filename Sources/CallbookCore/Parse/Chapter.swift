/// A parsed chapter: the typed tree of its body plus what its front matter says.
public struct Chapter: Sendable {
    public var source: ChapterSource
    public var frontMatter: FrontMatter?
    public var document: Document
    public var diagnostics: [Diagnostic]

    public var path: String { source.path }
}

/// The Parse stage for one chapter: front matter, then libcmark, then the MyST layer.
public struct ChapterParser: Sendable {
    public init() {}

    public func parse(_ source: ChapterSource) -> Chapter {
        // Swift reads "\r\n" as one character: make every line end "\n" before anything splits lines.
        let text = LineEndings.normalize(source.text)
        let (frontMatter, body, frontMatterDiagnostics) = FrontMatter.split(text, file: source.displayPath)
        let (document, diagnostics) = MystParser(file: source.displayPath, sourceURL: source.url).parse(body)
        return Chapter(source: source, frontMatter: frontMatter, document: document,
                       diagnostics: frontMatterDiagnostics + diagnostics)
    }

    /// Parses every chapter in parallel, keeping the book's order.
    public func parse(_ sources: [ChapterSource]) async -> [Chapter] {
        await withTaskGroup(of: (Int, Chapter).self) { group in
            for (index, source) in sources.enumerated() {
                group.addTask { (index, self.parse(source)) }
            }
            var chapters = [Chapter?](repeating: nil, count: sources.count)
            for await (index, chapter) in group { chapters[index] = chapter }
            return chapters.compactMap { $0 }
        }
    }
}

/// Line endings as `\n` only (`\r\n` and lone `\r` converted), so line numbers stay true.
enum LineEndings {
    static func normalize(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
