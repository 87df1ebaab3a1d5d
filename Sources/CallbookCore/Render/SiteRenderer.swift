import Foundation

/// A file of the finished site, as text, with its path inside the site.
public struct SiteFile: Hashable, Sendable {
    public var path: String
    private var storage: Storage

    /// The contents as text, or, for the large files made as bytes (the search index's), as
    /// their UTF-8 bytes, written out as they are: making a `String` of them checked 4 MB of
    /// UTF-8 at every build of The Turing Way.
    private enum Storage: Sendable {
        case text(String)
        case bytes([UInt8])
    }

    public init(path: String, contents: String) {
        (self.path, storage) = (path, .text(contents))
    }

    /// A file whose contents are `bytes`, which must be UTF-8.
    init(path: String, bytes: [UInt8]) {
        (self.path, storage) = (path, .bytes(bytes))
    }

    public var contents: String {
        get {
            switch storage {
            case .text(let text): text
            case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
            }
        }
        set { storage = .text(newValue) }
    }

    /// Hands the contents' UTF-8 bytes to `body`.
    func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch storage {
        case .text(var text): try text.withUTF8(body)
        case .bytes(let bytes): try bytes.withUnsafeBufferPointer(body)
        }
    }

    public static func == (left: SiteFile, right: SiteFile) -> Bool {
        left.path == right.path && left.withUTF8 { leftBytes in right.withUTF8 { leftBytes.hasSameBytes(as: $0) } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
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
    /// Pages handed on as they were rendered (written into the new site at once): not in
    /// `pages`, and not held.
    public var handedOn: [String] = []

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
        await searchFiles(book, stored: [:], storing: false).files
    }

    /// The search index's files, and (when `storing`) each page's sections in the form the
    /// search cache keeps, in book order.
    /// - Parameters:
    ///   - stored: the sections of pages an earlier build found, by page path, which are not
    ///     read again.
    ///   - decoded: pages of `stored` decoded already.
    ///   - words: the words of the last build's index, where `stored` comes from.
    ///   - handOn: offered each text chunk once it is complete (see `SearchIndex.files`).
    /// - Returns: also, when `storing`, this index's words for the next build.
    static func searchFiles(_ book: ResolvedBook, stored: [String: ArraySlice<UInt8>], decoded: [String: SearchIndex.PageSections] = [:],
                            words: SearchIndex.BookWords? = nil, storing: Bool, handOn: (@Sendable (SiteFile) -> Bool)? = nil) async
        -> (files: [SiteFile], stored: [ArraySlice<UInt8>], words: SearchIndex.BookWords?) {
        let (index, pages) = await SearchIndex.build(book.chapters, stored: stored, decoded: decoded, storing: storing, book: words,
                                                     handOn: handOn)
        let (files, kept) = await index.files(keepingWords: storing, handOn: handOn)
        return (files, pages, kept)
    }

    /// The published address with a final `/`, from the option or the book's configuration.
    public static func base(_ book: ResolvedBook, _ baseURL: String?) -> String? {
        (baseURL ?? book.book.configuration.baseURL ?? book.book.calls?.baseURL).map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    /// The chapter pages (and the `index.html` redirect) and the assets, without the generated
    /// files: `callbook serve` writes these first, so an edited page appears at once.
    /// - Parameters:
    ///   - unchanged: pages not to render, whose file in the output stands (they are listed in
    ///     `reused`).
    ///   - handOn: when given, takes each chapter page as soon as it is rendered (the build
    ///     writes it), and the page is listed in `handedOn` rather than kept.
    public func renderPages(_ book: ResolvedBook, baseURL: String? = nil, unchanged skip: Set<String> = [],
                            handOn: (@Sendable (PageText) throws -> Void)? = nil) async throws -> RenderedSite {
        let navigation = Navigation(book: book)
        let base = Self.base(book, baseURL)
        let shared = SharedContext(book: book.book, hasCalendar: book.calendar != nil, baseURL: base)
        let reused = book.chapters.map(\.pagePath).filter(skip.contains)
        let pages = try await Parallel.map(book.chapters.filter { !skip.contains($0.pagePath) }) { chapter -> SiteFile? in
            let page = try self.page(for: chapter, navigation: navigation, shared: shared, calendar: book.calendar,
                                     lastCommit: book.book.lastCommits[chapter.path])
            guard let handOn else { return page.file }
            try handOn(page)
            return nil
        }
        var files = pages.compactMap { $0 }
        if let first = book.chapters.first, !book.chapters.contains(where: { $0.pagePath == "index.html" }) {
            files.append(SiteFile(path: "index.html", contents: try redirect(to: first.pagePath, title: first.title)))
        }
        return RenderedSite(pages: files, generated: [], assets: assets(of: book), reused: reused,
                            handedOn: handOn == nil ? [] : book.chapters.map(\.pagePath).filter { !skip.contains($0) })
    }

    /// The files the site copies: the book's figures, downloads and logo, and the theme's.
    public func assets(of book: ResolvedBook) -> [Asset] {
        book.assets + Self.themeAssets(theme, hasMath: book.chapters.contains { $0.hasMath })
    }

    /// The theme's static files to copy under `_static/`, in path order: KaTeX (`katex/`, about
    /// 600 KB) only when some page has maths, since only such pages load it.
    static func themeAssets(_ theme: Theme, hasMath: Bool) -> [Asset] {
        theme.staticFiles.filter { hasMath || !$0.key.hasPrefix("katex/") }
            .map { Asset(source: $0.value, sitePath: "_static/" + $0.key) }
            .sorted { $0.sitePath < $1.sitePath }
    }

    /// Everything besides the pages: search index and page, the whole table of contents
    /// (`toc.js`), 404 page, sitemap, calendar, feeds.
    /// - Parameter searchFiles: the search index, when it was made already (alongside the pages).
    public func renderGenerated(_ book: ResolvedBook, stamp: Date = Date(), baseURL: String? = nil,
                                searchFiles: [SiteFile]? = nil) async throws -> [SiteFile] {
        let navigation = Navigation(book: book)
        let base = Self.base(book, baseURL)
        let shared = SharedContext(book: book.book, hasCalendar: book.calendar != nil, baseURL: base)
        var generated: [SiteFile] = []
        if let searchFiles { generated += searchFiles } else { generated += await Self.searchFiles(book) }
        generated.append(navigation.tocScript())
        generated.append(SiteFile(path: "search.html", contents: try theme.render(
            LayoutContext(page: "search.html", title: "Search", navigation: navigation, shared: shared), template: "search")))
        var notFound = LayoutContext(page: "404.html", title: "Page not found", navigation: navigation, shared: shared)
        if let base {
            // Served at any depth: every link of the page is absolute.
            notFound.root = base
            notFound.homeURL = base + (navigation.readingOrder.first?.pagePath ?? "")
            notFound.sidebar = navigation.sidebarHTML(for: "404.html", base: base)
            notFound.calendarURL = notFound.calendarURL.map { _ in base + CalendarPage.path }
            notFound.logo = shared.logo.map { base + $0 }
            notFound.favicon = shared.favicon.map { base + $0 }
        } else {
            notFound.rootFinder = Self.rootFinder(book)
        }
        generated.append(SiteFile(path: "404.html", contents: try theme.render(notFound, template: "404")))
        if let base {
            let pages = book.chapters.map(\.pagePath) + (book.calendar != nil ? [CalendarPage.path] : [])
            generated.append(SiteFile(path: "sitemap.xml", contents: Sitemap.xml(pages: pages, baseURL: base)))
        }
        if let calendar = book.calendar {
            let page = CalendarPage(calendar: calendar, baseURL: base)
            let layout = LayoutContext(page: CalendarPage.path, title: "Calendar", navigation: navigation, shared: shared)
            let context = page.context(eventsJSONLD: EventJSONLD(calendar: calendar, organizer: shared.author ?? shared.bookTitle,
                                                                 baseURL: base)
                .script(for: page.upcomingSessions.filter { $0.start >= calendar.startOfToday }))
            generated.append(SiteFile(path: CalendarPage.path, contents: try theme.render(context, layout: layout, template: "calendar")))
            generated += page.feeds(bookTitle: shared.bookTitle, stamp: stamp)
            generated.append(SiteFile(path: CallsJSON.path, contents: CallsJSON(calendar: calendar, bookTitle: shared.bookTitle,
                                                                              baseURL: base, stamp: stamp).text()))
            if shared.callNotice {
                generated.append(SiteFile(path: CallNoticeScript.path, contents: CallNoticeScript(calendar: calendar).script()))
            }
        }
        return generated
    }

    func page(for chapter: ResolvedChapter, navigation: Navigation, shared: SharedContext,
              calendar: ResolvedCalendar?, lastCommit: Date?) throws -> PageText {
        let page = chapter.pagePath
        var layout = LayoutContext(page: page, title: chapter.title, navigation: navigation, shared: shared)
        layout.hasMath = chapter.hasMath
        // Link previews: the front matter's description, else the page's first paragraph.
        if let description = chapter.chapter.frontMatter?.description ?? Self.firstParagraph(of: chapter.document) {
            layout.description = description
        }
        if let thumbnail = chapter.chapter.frontMatter?.thumbnail, LinkRewriter.isExternal(thumbnail) {
            layout.image = thumbnail
        }
        let body = HTMLRenderer(calls: Self.callsListings(calendar, pagePath: page, shared: shared)).bytes(chapter.document)
        var context = PageContext(chapter: chapter, body: PageBodySplice.marker, navigation: navigation, repository: shared.repository,
                                  hasCalls: calendar != nil && Self.containsCalls(chapter.document), lastCommit: lastCommit)
        if let frame = PageBodySplice.parts(of: try theme.render(context, layout: layout, template: "page")) {
            return PageText(path: page, head: frame.head, body: body, tail: frame.tail)
        }
        context.body = String(decoding: body, as: UTF8.self)
        return PageText(path: page, head: try theme.render(context, layout: layout, template: "page").compactCopy())
    }

    /// What draws the `{calls}` listings of the page at `pagePath`, with their sessions as
    /// schema.org events.
    static func callsListings(_ calendar: ResolvedCalendar?, pagePath: String, shared: SharedContext) -> CallsListingHTML {
        let events = calendar.map { EventJSONLD(calendar: $0, organizer: shared.author ?? shared.bookTitle, baseURL: shared.baseURL) }
        return CallsListingHTML(calendar: calendar, pagePath: pagePath, events: events)
    }

    /// True when `document` has a `{calls}` listing (its page then loads `calendar.js`).
    static func containsCalls(_ document: Document) -> Bool {
        var found = false
        document.walk(block: { block in
            if case .calls = block.kind { found = true }
        })
        return found
    }

    /// The 404 page is served for a missing address at any depth, and without a base URL its
    /// relative links would point nowhere: this script, run first in the page, finds the site's
    /// root in the address (the part before the first name the site has at its top: a chapter
    /// folder, `_static`, …) and makes it the page's `<base>`. Without a known name, the folder
    /// of the address is taken.
    static func rootFinder(_ book: ResolvedBook) -> String {
        // The first name of each path, by bytes when it is ASCII (thousands of assets' paths).
        func top(_ path: String) -> String {
            String(path.asciiParts(separatedBy: UInt8(ascii: "/"))?.first ?? path.split(separator: "/").first ?? "")
        }
        var names = Set(book.chapters.map { top($0.pagePath) })
        names.formUnion(book.assets.map { top($0.sitePath) })
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
            // Style sheets, the icon and images were asked for from the first guess: again.
            + "document.querySelectorAll('link[rel=stylesheet],link[rel=icon]').forEach(function(l){l.parentNode.replaceChild(l.cloneNode(),l);});"
            + "document.querySelectorAll('img[src]').forEach(function(i){i.setAttribute('src',i.getAttribute('src'));});"
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
        try theme.render(RedirectContext(url: page, title: title), template: "redirect")
    }
}

private extension String {
    /// A copy holding exactly its bytes. A page grown by appending keeps up to twice its size
    /// in spare capacity, and every page is held until the site is written.
    func compactCopy() -> String {
        let count = utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            _ = buffer.initialize(from: utf8)
            return count
        }
    }
}
