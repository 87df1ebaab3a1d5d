/// The whole table of contents, written once per site as `_static/toc.js`, as mdBook writes its
/// `toc.js`: each page's own sidebar holds only the branch leading to it (so a page's size does
/// not grow with the book), and `callbook.js` gives every other entry with children a closed
/// `<details>` holding them from this tree. A script rather than JSON, so it loads from
/// `file://` too; pages load it with `<script defer>`.
///
/// The script sets `window.callbookTOC` to the list of top-level entries; each entry is
/// `[title, target, children]` (children left out when there are none): `target` is the site
/// path of a chapter's page, `null` for a part, or `{"url": address}` for a link out of the book,
/// both as an `href` reads once decoded (`HTMLEscaping.encodeURL`). Titles are plain text.
struct TOCScript: Sendable {
    static let path = "_static/toc.js"

    let roots: [Navigation.Node]

    /// The script's text.
    func script() -> String {
        var out = "window.callbookTOC="
        func list(_ nodes: [Navigation.Node]) {
            out += "["
            for (position, node) in nodes.enumerated() {
                if position > 0 { out += "," }
                out += "[" + JSONString.quote(node.title, scriptSafe: true) + ","
                switch node.kind {
                case .page(let target): out += JSONString.quote(HTMLEscaping.encodeURL(target), scriptSafe: true)
                case .part: out += "null"
                case .url(let url): out += "{\"url\":" + JSONString.quote(HTMLEscaping.encodeURL(url), scriptSafe: true) + "}"
                }
                if !node.children.isEmpty {
                    out += ","
                    list(node.children)
                }
                out += "]"
            }
            out += "]"
        }
        list(roots)
        return out + ";\n"
    }
}
