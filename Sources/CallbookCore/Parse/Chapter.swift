import Foundation
import Synchronization

/// A parsed chapter: the typed tree of its body plus what its front matter says.
public struct Chapter: Sendable {
    public var source: ChapterSource
    public var frontMatter: FrontMatter?
    public var document: Document
    public var diagnostics: [Diagnostic]
    /// Files this chapter `include`s (absolute paths).
    public var includes: Set<String> = []
    /// `pic.*` figure paths (absolute) and the file each picked.
    public var wildcards: [String: String] = [:]
    /// `.bib` files named by `{bibliography}` directives.
    public var bibliographyRequests: [BibliographyRequest] = []
    /// Identifies this parse: a chapter reused from an earlier build keeps it, so the
    /// incremental cache can reuse what later stages made of it too. Numbered in the order of
    /// parses in this process (the only place the number is compared), not drawn at random: a
    /// random draw was a `getrandom` system call per chapter.
    public var parseID = Chapter.nextParseID()
    /// A stable hash of the source text (see `StableHasher`), for the page's cache key: the
    /// text itself may be dropped once parsed (`Book.droppingChapterTexts`).
    public var sourceHash: UInt64 = 0

    public var path: String { source.path }

    private static let parses = Atomic<UInt64>(0)

    /// A number no other parse in this process has.
    static func nextParseID() -> UInt64 {
        parses.wrappingAdd(1, ordering: .relaxed).newValue
    }
}

/// The Parse stage for one chapter: front matter, then libcmark, then the MyST layer.
public struct ChapterParser: Sendable {
    /// Reads included files inside the project root (Load's reader); nil: no file is read.
    public var files: (any BookFiles)?

    public init(files: (any BookFiles)? = nil) {
        self.files = files
    }

    public func parse(_ source: ChapterSource) -> Chapter {
        // Swift reads "\r\n" as one character: make every line end "\n" before anything splits lines.
        let text = LineEndings.normalize(source.text)
        let (frontMatter, body, frontMatterDiagnostics) = FrontMatter.split(text, file: source.displayPath)
        let parser = MystParser(file: source.displayPath, sourceURL: source.url, files: files)
        let (blocks, session) = parser.parseSession(body)
        var hasher = StableHasher()
        hasher.combine(source.text)
        var chapter = Chapter(source: source, frontMatter: frontMatter, document: Document(children: blocks),
                              diagnostics: frontMatterDiagnostics + session.diagnostics, includes: session.includedFiles,
                              wildcards: session.wildcards, bibliographyRequests: session.bibliographyRequests)
        chapter.sourceHash = hasher.value
        return chapter
    }

    /// Parses every chapter in parallel (see `Parallel`), keeping the book's order.
    public func parse(_ sources: [ChapterSource]) async -> [Chapter] {
        await Parallel.map(sources) { self.parse($0) }
    }
}

/// Line endings as `\n` only (`\r\n` and lone `\r` converted), so line numbers stay true.
enum LineEndings {
    static func normalize(_ text: String) -> String {
        guard text.containsByte(13) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
