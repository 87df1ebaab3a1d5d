/// A heading of the page in its "On this page" list.
struct OutlineLink: Encodable, Sendable {
    var title: String
    /// The heading's anchor.
    var id: String
    /// Whether it is a third-level heading, shown indented.
    var nested: Bool
}
