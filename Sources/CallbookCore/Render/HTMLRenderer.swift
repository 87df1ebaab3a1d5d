/// Renders a chapter's tree to HTML. With no heading identifiers set, the output matches
/// CommonMark's reference renderer (the conformance suite checks this); identifiers added by
/// the resolve stage become `id`s with a permalink anchor.
public struct HTMLRenderer: Sendable {
    public init() {}

    public func render(_ document: Document) -> String {
        var out = ""
        out.reserveCapacity(4096)
        for block in document.children { render(block, tight: false, into: &out) }
        return out
    }

    public func render(_ inlines: [Inline]) -> String {
        var out = ""
        for inline in inlines { render(inline, into: &out) }
        return out
    }

    private func render(_ block: Block, tight: Bool, into out: inout String) {
        switch block.kind {
        case .paragraph(let children):
            if tight {
                for inline in children { render(inline, into: &out) }
            } else {
                out += "<p>"
                for inline in children { render(inline, into: &out) }
                out += "</p>\n"
            }
        case .heading(let depth, let children, let identifier):
            if let identifier {
                let id = HTMLEscaping.escape(identifier)
                out += "<h\(depth) id=\"\(id)\">"
                for inline in children { render(inline, into: &out) }
                out += "<a class=\"headerlink\" href=\"#\(id)\" aria-label=\"Permalink to this section\">#</a>"
                out += "</h\(depth)>\n"
            } else {
                out += "<h\(depth)>"
                for inline in children { render(inline, into: &out) }
                out += "</h\(depth)>\n"
            }
        case .thematicBreak:
            out += "<hr />\n"
        case .blockquote(let children):
            out += "<blockquote>\n"
            for child in children { render(child, tight: false, into: &out) }
            out += "</blockquote>\n"
        case .list(let ordered, let start, let spread, let items):
            if ordered {
                out += start.map { $0 == 1 ? "<ol>\n" : "<ol start=\"\($0)\">\n" } ?? "<ol>\n"
            } else {
                out += "<ul>\n"
            }
            for item in items { render(item, tight: !spread, into: &out) }
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .listItem(_, let children):
            out += "<li>"
            for child in children {
                if !(tight && child.isParagraph) && !out.hasSuffix("\n") { out += "\n" }
                render(child, tight: tight, into: &out)
            }
            out += "</li>\n"
        case .code(let lang, _, let value):
            if let lang, !lang.isEmpty {
                out += "<pre><code class=\"language-\(HTMLEscaping.escape(lang))\">"
            } else {
                out += "<pre><code>"
            }
            out += HTMLEscaping.escape(value)
            out += "</code></pre>\n"
        case .html(let raw):
            out += raw
            if !raw.hasSuffix("\n") { out += "\n" }
        }
    }

    private func render(_ inline: Inline, into out: inout String) {
        switch inline.kind {
        case .text(let text):
            out += HTMLEscaping.escape(text)
        case .emphasis(let children):
            out += "<em>"
            for child in children { render(child, into: &out) }
            out += "</em>"
        case .strong(let children):
            out += "<strong>"
            for child in children { render(child, into: &out) }
            out += "</strong>"
        case .inlineCode(let code):
            out += "<code>" + HTMLEscaping.escape(code) + "</code>"
        case .link(let url, let title, let children):
            out += "<a href=\"" + HTMLEscaping.escapeURL(url) + "\""
            if let title { out += " title=\"" + HTMLEscaping.escape(title) + "\"" }
            out += ">"
            for child in children { render(child, into: &out) }
            out += "</a>"
        case .image(let url, let title, let alt):
            out += "<img src=\"" + HTMLEscaping.escapeURL(url) + "\" alt=\"" + HTMLEscaping.escape(alt) + "\""
            if let title { out += " title=\"" + HTMLEscaping.escape(title) + "\"" }
            out += " />"
        case .html(let raw):
            out += raw
        case .break:
            out += "<br />\n"
        }
    }
}

extension Block {
    var isParagraph: Bool {
        if case .paragraph = kind { return true }
        return false
    }
}
