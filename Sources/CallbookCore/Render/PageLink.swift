/// A link to another page of the book with its title (the pager's previous and next pages).
struct PageLink: Encodable, Sendable {
    var title: String
    var url: String
}
