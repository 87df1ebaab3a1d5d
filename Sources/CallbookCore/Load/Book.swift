import Foundation

/// A chapter file as loaded: its text and what the TOC says about it.
public struct ChapterSource: Hashable, Sendable {
    /// Path relative to the book folder, e.g. `community-calls/cafe.md`.
    public var path: String
    /// Path shown in diagnostics, e.g. `content/community-calls/cafe.md`.
    public var displayPath: String
    public var text: String
    /// The title given by the TOC entry, if any.
    public var tocTitle: String?
    /// The file on disk (for `include` and `.*` figure paths); nil for standard input.
    public var url: URL?
    /// False when the load left the text out (`BookLoader.load(readingTextsOf:)`): `text` is
    /// empty until `BookLoader.readingTexts` reads it.
    public var isRead = true

    public init(path: String, displayPath: String, text: String, tocTitle: String? = nil, url: URL? = nil) {
        self.path = path
        self.displayPath = displayPath
        self.text = text
        self.tocTitle = tocTitle
        self.url = url
    }

    /// This chapter with its text, read through `files` if the load left it out; nil when it
    /// cannot be read as UTF-8.
    public func read(through files: BookFileReader) -> ChapterSource? {
        guard !isRead else { return self }
        guard let url, case .success(let text) = files.text(at: url) else { return nil }
        var read = self
        read.text = text
        read.isRead = true
        return read
    }
}

/// A loaded book: configuration, table of contents, and chapter texts in reading order.
public struct Book: Sendable {
    public var directory: URL
    /// The book folder as the user named it, used to build display paths.
    public var displayRoot: String
    public var configuration: BookConfiguration
    /// The TOC tree; entries whose files could not be loaded are left out.
    public var toc: [TOCEntry]
    public var chapters: [ChapterSource]
    /// The book's own `_templates/` folder, overriding the theme's files by name.
    public var templatesOverride: URL?
    /// The calls described in `calls.yml`, if the book has one.
    public var calls: CallsConfiguration?
    /// Reads the book's files inside its project root: later stages ask it for included files,
    /// images and linked files.
    public var files: BookFileReader
    /// Chapter path → when its file was last committed (`GitHistory`); empty outside git.
    public var lastCommits: [String: Date] = [:]
    /// The logo's intrinsic size, when its file could be read as an image: pages reserve its box.
    public var logoSize: ImageSize?
    /// What the configuration files were read into, for a later load to take over; nil when
    /// the book has none.
    public var parsedConfiguration: ParsedConfiguration?

    public var title: String { configuration.title ?? "Untitled book" }

    /// The book without its chapters' texts, once they are parsed and nothing will read them
    /// again (a build that keeps no state for the next): a large chapter is not held twice,
    /// as text and as tree, through the later stages.
    public func droppingChapterTexts() -> Book {
        var book = self
        for index in book.chapters.indices { book.chapters[index].text = "" }
        return book
    }

    /// The path shown in diagnostics for a book-relative path.
    public func displayPath(_ relative: String) -> String {
        BookPaths.display(relative, under: displayRoot)
    }

    public init(directory: URL, displayRoot: String, configuration: BookConfiguration, toc: [TOCEntry],
                chapters: [ChapterSource], templatesOverride: URL? = nil, files: BookFileReader? = nil) {
        self.directory = directory
        self.files = files ?? BookFileReader(near: directory)
        self.displayRoot = displayRoot
        self.configuration = configuration
        self.toc = toc
        self.chapters = chapters
        self.templatesOverride = templatesOverride
    }
}
