/// A heading of the page in its "On this page" list.
struct OutlineLink: Encodable, Sendable {
    var title: String
    /// The heading's anchor.
    var id: String
    /// Whether it is a third-level heading, shown indented.
    var nested: Bool

    /// The links as the default theme lists them (`{{{outlineItems}}}`): one `<li>` a line,
    /// `class="nested"` for a third-level heading (see `Breadcrumb.listItems` for why in Swift).
    static func listItems(_ links: [OutlineLink]) -> String {
        var html = ""
        for link in links {
            html += link.nested ? "      <li class=\"nested\"><a href=\"#" : "      <li><a href=\"#"
            html += HTMLEscaping.escapeWithApostrophes(link.id)
            html += "\">"
            html += HTMLEscaping.escapeWithApostrophes(link.title)
            html += "</a></li>\n"
        }
        return html
    }
}
