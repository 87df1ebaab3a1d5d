import Foundation

/// What `page.mustache` shows of a chapter, besides the layout's `LayoutContext`: its body,
/// breadcrumbs, "On this page", links to its source and the previous and next pages.
struct PageContext: Encodable {
    /// The chapter's HTML, for `{{{body}}}`.
    var body: String
    /// Whether this is the first page of the reading order (which shows no breadcrumbs).
    var isHome: Bool
    /// The entries above the page in the table of contents.
    var breadcrumbs: [Breadcrumb]
    /// The same as HTML list items, for `{{{breadcrumbItems}}}` (`Breadcrumb.listItems`).
    var breadcrumbItems: String
    /// The page's sections, for "On this page".
    var outline: [OutlineLink]
    /// The same as HTML list items, for `{{{outlineItems}}}` (`OutlineLink.listItems`).
    var outlineItems: String
    var hasOutline: Bool
    /// The chapter's source file, relative to the book.
    var sourcePath: String
    /// The chapter's file in the book's repository, and where to edit it (with a branch).
    var sourceURL: String?
    var editURL: String?
    /// The repository itself, where the chapter's place in it is unknown.
    var repositoryURL: String?
    /// The pages before and after this one in the reading order.
    var previous: PageLink?
    var next: PageLink?
    /// Whether the chapter has a `{calls}` listing (the page then loads `calendar.js`).
    var hasCalls: Bool
    /// The day of the chapter's file's last commit, when the book is in git.
    var lastUpdated: LastUpdated?
    /// The previews of the targets the chapter references (`<script id="ref-previews">`), if any.
    var refPreviews: String?

    init(chapter: ResolvedChapter, body: String, navigation: Navigation, repository: SourceRepository?,
         hasCalls: Bool, lastCommit: Date?) {
        let page = chapter.pagePath
        self.body = body
        isHome = page == navigation.readingOrder.first?.pagePath
        breadcrumbs = navigation.breadcrumbs(for: page)
        breadcrumbItems = Breadcrumb.listItems(breadcrumbs)
        outline = chapter.outline.map { OutlineLink(title: $0.title, id: $0.identifier, nested: $0.depth == 3) }
        outlineItems = OutlineLink.listItems(outline)
        hasOutline = !chapter.outline.isEmpty
        sourcePath = chapter.path
        if let repository {
            if let source = repository.sourceURL(of: chapter.path) {
                sourceURL = source
                editURL = repository.editURL(of: chapter.path)
            } else {
                repositoryURL = repository.url
            }
        }
        previous = navigation.neighbour(of: page, offset: -1)
        next = navigation.neighbour(of: page, offset: 1)
        self.hasCalls = hasCalls
        lastUpdated = lastCommit.map(LastUpdated.init)
        refPreviews = ReferencePreviewsJSON.script(chapter.previews)
    }
}
