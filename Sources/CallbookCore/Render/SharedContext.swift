/// Book-wide values every page shows, worked out once per build: `LayoutContext` places them on
/// each page.
struct SharedContext: Sendable {
    var bookTitle: String
    var language: String
    var author: String?
    /// Site paths of the logo and the favicon (the logo when the book names no favicon).
    var logo: String?
    var favicon: String?
    var logoSize: ImageSize?
    var license: String?
    var hasCalendar: Bool
    /// The published address with a final `/`, when known.
    var baseURL: String?
    var description: String?
    var repository: SourceRepository?
    /// Every page loads the call notice's scripts (`notice: true` in `calls.yml`).
    var callNotice: Bool

    init(book: Book, hasCalendar: Bool, baseURL: String?) {
        self.hasCalendar = hasCalendar
        callNotice = hasCalendar && book.calls?.notice == true
        repository = book.configuration.repository
        self.baseURL = baseURL
        description = book.configuration.description
        bookTitle = book.title
        language = book.configuration.language ?? "en"
        author = book.configuration.author
        license = book.configuration.license
        logo = book.configuration.logo.map { LinkRewriter.sitePath(forAsset: BookPaths.normalize($0)) }
        logoSize = book.logoSize
        favicon = (book.configuration.favicon ?? book.configuration.logo).map { LinkRewriter.sitePath(forAsset: BookPaths.normalize($0)) }
    }
}
