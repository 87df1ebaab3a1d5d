/// A file of the finished site, as text, with its path inside the site.
public struct SiteFile: Hashable, Sendable {
    public var path: String
    public var contents: String
}

/// Everything the Write stage puts in the output folder.
public struct RenderedSite: Sendable {
    public var pages: [SiteFile]
    /// Files copied as they are: figures, downloads, the theme's static files.
    public var assets: [Asset]
}

/// The Render stage: turns each resolved chapter into a full HTML page through the theme's
/// `page` template, with sidebar, breadcrumbs, previous/next and "on this page" data.
/// Pages render in parallel; nothing here touches the disk.
public struct SiteRenderer: Sendable {
    public let theme: Theme

    public init(theme: Theme) {
        self.theme = theme
    }

    public func render(_ book: ResolvedBook) async throws -> RenderedSite {
        let navigation = Navigation(book: book)
        let shared = SharedContext(book: book.book)
        let pages = try await withThrowingTaskGroup(of: (Int, SiteFile).self) { group in
            for (index, chapter) in book.chapters.enumerated() {
                group.addTask {
                    (index, try self.page(for: chapter, navigation: navigation, shared: shared))
                }
            }
            var pages = [SiteFile?](repeating: nil, count: book.chapters.count)
            for try await (index, page) in group { pages[index] = page }
            return pages.compactMap { $0 }
        }
        var files = pages
        if let first = book.chapters.first, !book.chapters.contains(where: { $0.pagePath == "index.html" }) {
            files.append(SiteFile(path: "index.html", contents: try redirect(to: first.pagePath, title: first.title)))
        }
        let themeAssets = theme.staticFiles.map { Asset(source: $0.value, sitePath: "_static/" + $0.key) }
        return RenderedSite(pages: files, assets: book.assets + themeAssets.sorted { $0.sitePath < $1.sitePath })
    }

    /// Book-wide values every page shows.
    struct SharedContext: Sendable {
        var bookTitle: String
        var language: String
        var author: String?
        var logo: String?
        var favicon: String?

        init(book: Book) {
            bookTitle = book.title
            language = book.configuration.language ?? "en"
            author = book.configuration.author
            logo = book.configuration.logo.map { LinkRewriter.sitePath(forAsset: BookPaths.normalize($0)) }
            favicon = book.configuration.favicon.map { LinkRewriter.sitePath(forAsset: BookPaths.normalize($0)) }
        }
    }

    func page(for chapter: ResolvedChapter, navigation: Navigation, shared: SharedContext) throws -> SiteFile {
        let page = chapter.pagePath
        let root = String(repeating: "../", count: page.split(separator: "/").count - 1)
        var context: [String: Any] = [
            "lang": shared.language,
            "bookTitle": shared.bookTitle,
            "title": chapter.title,
            "root": root,
            "homeURL": BookPaths.relativeURL(from: page, to: navigation.readingOrder.first?.pagePath ?? "index.html"),
            "sidebar": navigation.sidebarHTML(for: page),
            "breadcrumbs": navigation.breadcrumbs(for: page),
            "body": HTMLRenderer().render(chapter.document),
            "outline": chapter.outline.map { ["title": $0.title, "id": $0.identifier, "nested": $0.depth == 3] as [String: Any] },
            "hasOutline": !chapter.outline.isEmpty,
            "hasMath": chapter.hasMath,
            "sourcePath": chapter.path,
        ]
        if chapter.title != shared.bookTitle { context["titleSuffix"] = shared.bookTitle }
        if let description = chapter.chapter.frontMatter?.description { context["description"] = description }
        if let author = shared.author { context["author"] = author }
        if let logo = shared.logo { context["logo"] = BookPaths.relativeURL(from: page, to: logo) }
        if let favicon = shared.favicon { context["favicon"] = BookPaths.relativeURL(from: page, to: favicon) }
        if let previous = navigation.neighbour(of: page, offset: -1) { context["previous"] = previous }
        if let next = navigation.neighbour(of: page, offset: 1) { context["next"] = next }
        return SiteFile(path: page, contents: try theme.render(context, template: "page"))
    }

    func redirect(to page: String, title: String) throws -> String {
        try theme.render(["url": page, "title": title], template: "redirect")
    }
}
