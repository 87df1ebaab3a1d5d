/// An entry above a page in the table of contents, in its breadcrumbs.
struct Breadcrumb: Encodable, Sendable {
    var title: String
    /// The link to the entry's page; nil for a part, which has none.
    var url: String?

    /// The entries as the default theme lists them (`{{{breadcrumbItems}}}`): one `<li>` a line,
    /// a link, or a `<span>` for a part. Written here rather than by a template section: a
    /// section over a list cost a fifth of each page's rendering in swift-mustache.
    static func listItems(_ crumbs: [Breadcrumb]) -> String {
        var html = ""
        for crumb in crumbs {
            let title = HTMLEscaping.escapeWithApostrophes(crumb.title)
            if let url = crumb.url {
                html += "    <li><a href=\"" + HTMLEscaping.escapeWithApostrophes(url) + "\">" + title + "</a></li>\n"
            } else {
                html += "    <li><span>" + title + "</span></li>\n"
            }
        }
        return html
    }
}
