/// What `layout.mustache` shows on every page: titles, links home, to the calendar and to the
/// theme's files, the sidebar and the link-preview data. The search and 404 pages need nothing
/// else; `page.mustache` adds a `PageContext`, `calendar.mustache` the calendar's data.
struct LayoutContext: Encodable {
    /// The book's language, for `<html lang>`.
    var lang: String
    /// callbook's version, for `<meta name="generator">`.
    var version: String
    var bookTitle: String
    /// The page's title.
    var title: String
    /// The book's title after the page's in `<title>`; nil on the page titled like the book.
    var titleSuffix: String?
    /// The page's path in the site.
    var pagePath: String
    /// The way from the page to the site's root (`../` per folder); the base URL on the 404 page
    /// when it is known.
    var root: String
    /// On the 404 page without a base URL: the script that finds the site's root in the address
    /// (`SiteRenderer.rootFinder`).
    var rootFinder: String?
    /// Link to the first page of the reading order.
    var homeURL: String
    /// The table of contents as HTML (`Navigation.sidebarHTML(for:)`), for `{{{sidebar}}}`.
    var sidebar: String
    /// Link previews and `<meta name="description">`: the page's description, else the book's.
    var description: String?
    /// Link previews: an absolute address of the page's picture, else of the book's logo.
    var image: String?
    /// The page's absolute address, with a base URL.
    var canonical: String?
    /// Link to the calendar page, in a book with a calendar.
    var calendarURL: String?
    /// Whether this is the calendar page.
    var isCalendar: Bool
    var author: String?
    var license: String?
    /// Links to the logo and the favicon.
    var logo: String?
    /// The logo's intrinsic width and height, so the header keeps its place while it loads.
    var logoWidth: Int?
    var logoHeight: Int?
    var favicon: String?
    /// Whether the page has mathematics, for which the layout loads KaTeX.
    var hasMath: Bool
    /// Whether the layout loads the call notice's scripts (`notice: true` in `calls.yml`).
    var callNotice: Bool

    init(page: String, title: String, navigation: Navigation, shared: SharedContext) {
        lang = shared.language
        version = CallbookVersion.current
        bookTitle = shared.bookTitle
        self.title = title
        titleSuffix = title != shared.bookTitle ? shared.bookTitle : nil
        pagePath = page
        root = String(repeating: "../", count: (page.asciiParts(separatedBy: UInt8(ascii: "/")) ?? page.split(separator: "/")).count - 1)
        homeURL = BookPaths.relativeURL(from: page, to: navigation.readingOrder.first?.pagePath ?? "index.html")
        sidebar = navigation.sidebarHTML(for: page)
        description = shared.description
        canonical = shared.baseURL.map { $0 + page }
        calendarURL = shared.hasCalendar ? BookPaths.relativeURL(from: page, to: CalendarPage.path) : nil
        isCalendar = page == CalendarPage.path
        author = shared.author
        license = shared.license
        logo = shared.logo.map { BookPaths.relativeURL(from: page, to: $0) }
        logoWidth = shared.logoSize?.width
        logoHeight = shared.logoSize?.height
        // Link previews need an absolute address: only with a base URL.
        if let logo = shared.logo, let base = shared.baseURL { image = base + logo }
        favicon = shared.favicon.map { BookPaths.relativeURL(from: page, to: $0) }
        hasMath = false
        callNotice = shared.callNotice
    }
}
