/// One entry of a book's table of contents, whichever file format declared it.
public struct TOCEntry: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        /// A chapter: the Markdown file's path relative to the book folder (`a/b.md`).
        case chapter(String)
        /// A part: a caption grouping its children, with no page of its own.
        case part
        /// A link to another site.
        case url(String)
    }

    public var target: Target
    /// The title the TOC gives, if any (a part's caption, a chapter's nav title).
    public var title: String?
    public var children: [TOCEntry]
    /// Where the entry is declared, for diagnostics.
    public var range: SourceRange?

    public init(_ target: Target, title: String? = nil, children: [TOCEntry] = [], at range: SourceRange? = nil) {
        self.target = target
        self.title = title
        self.children = children
        self.range = range
    }

    /// The chapter path of this entry, if it is a chapter.
    public var chapterPath: String? {
        if case .chapter(let path) = target { return path }
        return nil
    }
}

extension Array where Element == TOCEntry {
    /// Every chapter entry, depth first: the reading order of the book.
    public var chaptersInReadingOrder: [TOCEntry] {
        var result: [TOCEntry] = []
        func visit(_ entries: [TOCEntry]) {
            for entry in entries {
                if entry.chapterPath != nil { result.append(entry) }
                visit(entry.children)
            }
        }
        visit(self)
        return result
    }
}

/// What a book configuration file says, before files are checked and read.
public struct BookConfiguration: Sendable, Equatable {
    public var title: String?
    public var author: String?
    public var description: String?
    public var language: String?
    /// Paths relative to the book folder.
    public var logo: String?
    public var favicon: String?
    /// The license of the book's content, as an SPDX identifier (`CC-BY-4.0`): `project.license`.
    public var license: String?
    /// Base URL where the site is published (for canonical links), if configured.
    public var baseURL: String?
    public var exclude: [String] = []
    /// BibTeX files (relative to the book folder): `project.bibliography` in `myst.yml`,
    /// `bibtex_bibfiles` in `_config.yml`.
    public var bibliography: [String] = []
    /// Where the book's sources are published (`project.github`, `repository.url`), the branch
    /// (`repository.branch`) and the book's folder in it (`repository.path_to_book`).
    public var repository: SourceRepository?
    /// Nil when no TOC file exists (then every Markdown file is a chapter).
    public var toc: [TOCEntry]?
    /// The configuration files read, as shown in diagnostics.
    public var sources: [String] = []

    public init() {}
}
