/// What `redirect.mustache` shows: the `index.html` of a book without an `index.md` sends the
/// reader to its first page.
struct RedirectContext: Encodable {
    /// The first page's path and title.
    var url: String
    var title: String
}
