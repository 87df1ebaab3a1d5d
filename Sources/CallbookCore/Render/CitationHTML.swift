/// Citations and reference lists as HTML: each in-text citation links to its entry, and each
/// entry carries `id` and `data-cite="KEY"`.
extension HTMLRenderer {
    func renderCitation(_ citation: Citation, into out: inout HTMLOutput) {
        if let ownText = citation.ownText, let item = citation.items.first {
            out += link(item, content: render(ownText))
            return
        }
        let parts = citation.items.map { item -> String in
            var part = item.prefix.map { HTMLEscaping.escape($0) + " " } ?? ""
            part += link(item, content: item.text.map(render) ?? HTMLEscaping.escape(item.key))
            if let suffix = item.suffix { part += ", " + HTMLEscaping.escape(suffix) }
            return part
        }.joined(separator: "; ")
        let parenthesised = citation.kind == .parenthetical
            && (citation.form == .authorYear || citation.form == .yearInParentheses)
        out += parenthesised ? "(" + parts + ")" : parts
    }

    private func link(_ item: Citation.Item, content: String) -> String {
        guard let anchor = item.anchor else { return "<span class=\"citation unresolved\">" + content + "</span>" }
        return "<a class=\"citation\" href=\"#" + HTMLEscaping.escape(anchor) + "\" data-cite=\"" + HTMLEscaping.escape(item.key)
            + "\">" + content + "</a>"
    }

    func renderBibliography(_ listing: BibliographyListing, into out: inout HTMLOutput) {
        guard !listing.entries.isEmpty else { return }
        if listing.isPageReferences {
            out += "<section class=\"references\" aria-labelledby=\"references-heading\">\n"
            out += "<h2 id=\"references-heading\">References</h2>\n"
        }
        out += "<ul class=\"bibliography\">\n"
        for entry in listing.entries {
            out += "<li id=\"" + HTMLEscaping.escape(entry.anchor) + "\" data-cite=\"" + HTMLEscaping.escape(entry.key) + "\">"
                + render(entry.content) + "</li>\n"
        }
        out += "</ul>\n"
        if listing.isPageReferences { out += "</section>\n" }
    }
}
