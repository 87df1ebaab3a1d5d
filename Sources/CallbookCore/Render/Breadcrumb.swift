/// An entry above a page in the table of contents, in its breadcrumbs.
struct Breadcrumb: Encodable, Sendable {
    var title: String
    /// The link to the entry's page; nil for a part, which has none.
    var url: String?
}
