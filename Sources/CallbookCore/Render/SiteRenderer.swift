import Foundation

/// A file of the finished site, as text, with its path inside the site.
public struct SiteFile: Hashable, Sendable {
    public var path: String
    public var contents: String
}

/// Everything the Write stage puts in the output folder.
public struct RenderedSite: Sendable {
    /// One page per chapter (and the `index.html` redirect when no chapter is `index.md`).
    public var pages: [SiteFile]
    /// Everything else generated: calendar, feeds, search page and index, 404 page, sitemap.
    public var generated: [SiteFile] = []
    /// Files copied as they are: figures, downloads, the theme's static files.
    public var assets: [Asset]
    /// Pages not rendered because they are unchanged since the last build: the file in the
    /// output stands.
    public var reused: [String] = []

    /// Pages and generated files together.
    public var allFiles: [SiteFile] { pages + generated }
}

/// The Render stage: turns each resolved chapter into a full HTML page through the theme's
/// `page` template, with sidebar, breadcrumbs, previous/next and "on this page" data.
/// Pages render in parallel; nothing here touches the disk.
public struct SiteRenderer: Sendable {
    public let theme: Theme

    public init(theme: Theme) {
        self.theme = theme
    }

    /// The search index of the book: `_static/search-index.js` and its text chunks.
    public static func searchFiles(_ book: ResolvedBook) async -> [SiteFile] {
        await SearchIndex.build(book.chapters).files()
    }

    /// The published address with a final `/`, from the option or the book's configuration.
    public static func base(_ book: ResolvedBook, _ baseURL: String?) -> String? {
        (baseURL ?? book.book.configuration.baseURL ?? book.book.calls?.baseURL).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    /// The chapter pages (and the `index.html` redirect) and the assets, without the generated
    /// files: `callbook serve` writes these first, so an edited page appears at once.
    /// - Parameter unchanged: pages not to render, whose file in the output stands (they are
    ///   listed in `reused`).
    public func renderPages(_ book: ResolvedBook, baseURL: String? = nil,
                            unchanged skip: Set<String> = []) async throws -> RenderedSite {
        let navigation = Navigation(book: book)
        let base = Self.base(book, baseURL)
        let shared = SharedContext(book: book.book, hasCalendar: book.calendar != nil, baseURL: base)
        let reused = book.chapters.map(\.pagePath).filter(skip.contains)
        let pages = try await withThrowingTaskGroup(of: (Int, SiteFile).self) { group in
            for (index, chapter) in book.chapters.enumerated() where !skip.contains(chapter.pagePath) {
                group.addTask {
                    (index, try self.page(for: chapter, navigation: navigation, shared: shared, calendar: book.calendar))
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
        return RenderedSite(pages: files, generated: [], assets: book.assets + themeAssets.sorted { $0.sitePath < $1.sitePath },
                            reused: reused)
    }

    /// Everything besides the pages: search index and page, 404 page, sitemap, calendar, feeds.
    /// - Parameter searchFiles: the search index, when it was made already (alongside the pages).
    public func renderGenerated(_ book: ResolvedBook, stamp: Date = Date(), baseURL: String? = nil,
                                searchFiles: [SiteFile]? = nil) async throws -> [SiteFile] {
        let navigation = Navigation(book: book)
        let base = Self.base(book, baseURL)
        let shared = SharedContext(book: book.book, hasCalendar: book.calendar != nil, baseURL: base)
        var generated: [SiteFile] = []
        if let searchFiles { generated += searchFiles } else { generated += await Self.searchFiles(book) }
        generated.append(SiteFile(path: "search.html", contents: try theme.render(
            baseContext(page: "search.html", title: "Search", navigation: navigation, shared: shared), template: "search")))
        var notFound = baseContext(page: "404.html", title: "Page not found", navigation: navigation, shared: shared)
        if let base {
            notFound["root"] = base
            notFound["homeURL"] = base + (navigation.readingOrder.first?.pagePath ?? "")
        } else {
            notFound["rootFinder"] = Self.rootFinder(book)
        }
        generated.append(SiteFile(path: "404.html", contents: try theme.render(notFound, template: "404")))
        if let base {
            let pages = book.chapters.map(\.pagePath) + (book.calendar != nil ? [CalendarPage.path] : [])
            generated.append(SiteFile(path: "sitemap.xml", contents: Sitemap.xml(pages: pages, baseURL: base)))
        }
        if let calendar = book.calendar {
            let page = CalendarPage(calendar: calendar, baseURL: base)
            var context = baseContext(page: CalendarPage.path, title: "Calendar", navigation: navigation, shared: shared)
            context.merge(page.context()) { _, new in new }
            context["eventsJSONLD"] = EventJSONLD(calendar: calendar, organizer: shared.author ?? shared.bookTitle, baseURL: base)
                .script(for: page.upcomingSessions.filter { $0.start >= calendar.startOfToday })
            generated.append(SiteFile(path: CalendarPage.path, contents: try theme.render(context, template: "calendar")))
            generated += page.feeds(bookTitle: shared.bookTitle, stamp: stamp)
            generated.append(SiteFile(path: CallsJSON.path, contents: CallsJSON(calendar: calendar, bookTitle: shared.bookTitle,
                                                                              baseURL: base, stamp: stamp).text()))
        }
        return generated
    }

    /// Book-wide values every page shows.
    struct SharedContext: Sendable {
        var bookTitle: String
        var language: String
        var author: String?
        var logo: String?
        var favicon: String?
        var license: String?
        var hasCalendar: Bool
        var baseURL: String?
        var description: String?
        var repository: SourceRepository?

        init(book: Book, hasCalendar: Bool, baseURL: String?) {
            self.hasCalendar = hasCalendar
            repository = book.configuration.repository
            self.baseURL = baseURL
            description = book.configuration.description
            bookTitle = book.title
            language = book.configuration.language ?? "en"
            author = book.configuration.author
            license = book.configuration.license
            logo = book.configuration.logo.map { LinkRewriter.sitePath(forAsset: BookPaths.normalize($0)) }
            favicon = (book.configuration.favicon ?? book.configuration.logo).map { LinkRewriter.sitePath(forAsset: BookPaths.normalize($0)) }
        }
    }

    /// What every page of the layout needs: titles, links home, to the calendar and to assets,
    /// the sidebar.
    func baseContext(page: String, title: String, navigation: Navigation, shared: SharedContext) -> [String: Any] {
        let root = String(repeating: "../", count: page.split(separator: "/").count - 1)
        var context: [String: Any] = [
            "lang": shared.language,
            "version": CallbookVersion.current,
            "bookTitle": shared.bookTitle,
            "title": title,
            "root": root,
            "homeURL": BookPaths.relativeURL(from: page, to: navigation.readingOrder.first?.pagePath ?? "index.html"),
            "sidebar": navigation.sidebarHTML(for: page),
            "pagePath": page,
        ]
        if title != shared.bookTitle { context["titleSuffix"] = shared.bookTitle }
        if let description = shared.description { context["description"] = description }
        if let base = shared.baseURL { context["canonical"] = base + page }
        if shared.hasCalendar {
            context["calendarURL"] = BookPaths.relativeURL(from: page, to: CalendarPage.path)
            context["isCalendar"] = page == CalendarPage.path
        }
        if let author = shared.author { context["author"] = author }
        if let license = shared.license { context["license"] = license }
        if let logo = shared.logo {
            context["logo"] = BookPaths.relativeURL(from: page, to: logo)
            // Link previews need an absolute address: only with a base URL.
            if let base = shared.baseURL { context["image"] = base + logo }
        }
        if let favicon = shared.favicon { context["favicon"] = BookPaths.relativeURL(from: page, to: favicon) }
        return context
    }

    func page(for chapter: ResolvedChapter, navigation: Navigation, shared: SharedContext,
              calendar: ResolvedCalendar?) throws -> SiteFile {
        let page = chapter.pagePath
        var context = baseContext(page: page, title: chapter.title, navigation: navigation, shared: shared)
        context["breadcrumbs"] = navigation.breadcrumbs(for: page)
        context["isHome"] = page == navigation.readingOrder.first?.pagePath
        let events = calendar.map { EventJSONLD(calendar: $0, organizer: shared.author ?? shared.bookTitle, baseURL: shared.baseURL) }
        context["body"] = HTMLRenderer(calls: CallsListingHTML(calendar: calendar, pagePath: page, events: events))
            .render(chapter.document)
        context["outline"] = chapter.outline.map { ["title": $0.title, "id": $0.identifier, "nested": $0.depth == 3] as [String: Any] }
        context["hasOutline"] = !chapter.outline.isEmpty
        context["hasMath"] = chapter.hasMath
        if let previews = ReferencePreviewsJSON.script(chapter.previews) { context["refPreviews"] = previews }
        context["sourcePath"] = chapter.path
        // Link previews: the front matter's description, else the page's first paragraph.
        if let description = chapter.chapter.frontMatter?.description ?? Self.firstParagraph(of: chapter.document) {
            context["description"] = description
        }
        if let thumbnail = chapter.chapter.frontMatter?.thumbnail, LinkRewriter.isExternal(thumbnail) {
            context["image"] = thumbnail
        }
        if let repository = shared.repository {
            // Where the chapter's place in the repository is unknown, the repository itself.
            if let source = repository.sourceURL(of: chapter.path) {
                context["sourceURL"] = source
                context["editURL"] = repository.editURL(of: chapter.path)
            } else {
                context["repositoryURL"] = repository.url
            }
        }
        if let previous = navigation.neighbour(of: page, offset: -1) { context["previous"] = previous }
        if let next = navigation.neighbour(of: page, offset: 1) { context["next"] = next }
        return SiteFile(path: page, contents: try theme.render(context, template: "page"))
    }

    /// The 404 page is served for a missing address at any depth, and without a base URL its
    /// relative links would point nowhere: this script, run first in the page, finds the site's
    /// root in the address (the part before the first name the site has at its top: a chapter
    /// folder, `_static`, …) and makes it the page's `<base>`. Without a known name, the folder
    /// of the address is taken.
    static func rootFinder(_ book: ResolvedBook) -> String {
        var names = Set(book.chapters.map { String($0.pagePath.split(separator: "/").first ?? "") })
        names.formUnion(book.assets.map { String($0.sitePath.split(separator: "/").first ?? "") })
        names.formUnion(["_static", "index.html", "search.html", "404.html", CalendarPage.path])
        let list = "[" + names.sorted().map { JSONString.quote($0, scriptSafe: true) }.joined(separator: ",") + "]"
        return "(function(){var names=" + list + ";var parts=location.pathname.split('/');"
            + "var root=parts.slice(0,-1).join('/')+'/',known=false;"
            + "for(var i=1;i<parts.length;i++){if(names.indexOf(decodeURIComponent(parts[i]))>=0){root=parts.slice(0,i).join('/')+'/';known=true;break;}}"
            + "function safe(r){return r.replace(/[\"<>&']/g,encodeURIComponent);}"
            + "document.write('<base href=\"'+safe(root)+'\">');"
            // No known name in the address: ask each folder of it, from the top, for the style sheet.
            + "if(known||!window.fetch)return;var tries=[];for(var k=1;k<parts.length-1;k++)tries.push(parts.slice(0,k).join('/')+'/');"
            + "(function next(n){if(n>=tries.length)return;fetch(tries[n]+'_static/style.css',{method:'HEAD'}).then(function(r){"
            + "if(!r.ok)return next(n+1);document.querySelector('base').href=tries[n];"
            + "document.querySelectorAll('link[rel=stylesheet]').forEach(function(l){l.parentNode.replaceChild(l.cloneNode(),l);});"
            + "}).catch(function(){next(n+1);});})(0);})();"
    }

    /// The text of a page's first paragraph, cut at a word to about 200 characters, for
    /// `<meta name="description">`; nil when the page has none.
    static func firstParagraph(of document: Document) -> String? {
        for block in document.children {
            guard case .paragraph(let inlines) = block.kind else { continue }
            let text = TextExcerpt.cut(inlines.plainText, limit: 200)
            if !text.isEmpty { return text }
        }
        return nil
    }

    func redirect(to page: String, title: String) throws -> String {
        try theme.render(["url": page, "title": title], template: "redirect")
    }
}
