import Foundation

/// A heading listed in a page's "on this page" outline.
public struct OutlineEntry: Hashable, Sendable {
    public var depth: Int
    public var title: String
    public var identifier: String
}

/// A chapter after resolution: its page path, titles, anchors and rewritten links.
public struct ResolvedChapter: Sendable {
    /// The chapter as parsed, without its tree: `document` is the resolved one, and the parsed
    /// tree is not kept alive through rendering.
    public var chapter: Chapter
    /// The page in the site, e.g. `community-calls/cafe.html`.
    public var pagePath: String
    /// The page title: front matter title, else the TOC title, else the first heading.
    public var title: String
    /// The title in navigation: the TOC title, else the short title, else the page title.
    public var navTitle: String
    public var document: Document
    /// The h2 and h3 headings, for "on this page".
    public var outline: [OutlineEntry]
    /// True when the page has math (then it loads KaTeX, copied into the site only for such books).
    public var hasMath: Bool
    /// Every reference of the page and what it was bound to.
    public var references: [ResolvedReference] = []
    /// The previews of the targets the page references, for their popovers.
    public var previews: [ReferencePreview] = []
    /// The labels and anchors its binding looked up in the book's index.
    public var lookups = TargetLookups()

    public var path: String { chapter.path }
}

/// One reference of a chapter as it was bound: what it names and where it lands.
public struct ResolvedReference: Hashable, Sendable {
    public var kind: ReferenceKind
    public var label: String
    /// The page it lands on (site path) and the anchor there; nil page when unresolved.
    public var page: String?
    public var htmlID: String?
    public var range: SourceRange?
    /// The text the reference shows, once bound.
    public var text: String = ""
}

/// The Resolve stage's result: every chapter bound to its page, with the assets it uses.
public struct ResolvedBook: Sendable {
    public var book: Book
    public var chapters: [ResolvedChapter]
    /// Every target of the book, by label.
    public var index: BookIndex
    public var assets: [Asset]
    /// The calls of `calls.yml`, bound to their chapters; nil when the book has none.
    public var calendar: ResolvedCalendar?
    public var diagnostics: [Diagnostic]

    /// The same book with each chapter's last commit (`Book.lastCommits`), for "Last updated".
    public func dated(_ lastCommits: [String: Date]) -> ResolvedBook {
        var copy = self
        copy.book.lastCommits = lastCommits
        return copy
    }
}
