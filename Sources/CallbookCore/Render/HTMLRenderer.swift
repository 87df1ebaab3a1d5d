/// Renders a chapter's tree to HTML; all escaping goes through `HTMLEscaping`. For plain
/// CommonMark the output matches the reference renderer (the conformance suite checks this).
/// Identifiers set by the resolve stage become `id`s; footnote definitions are gathered at the
/// end of the page in the order of their numbers.
public struct HTMLRenderer: Sendable {
    /// Draws `{calls}` listings from the book's calendar.
    let calls: CallsListingHTML

    /// - Parameter calls: the book's calendar and the page being drawn, for `{calls}` listings
    ///   (by default none: a chapter rendered alone lists no sessions).
    public init(calls: CallsListingHTML = CallsListingHTML()) {
        self.calls = calls
    }

    public func render(_ document: Document) -> String {
        String(decoding: bytes(document), as: UTF8.self)
    }

    /// `render(document)` as UTF-8 bytes (a page's body, written to its file as they are).
    public func bytes(_ document: Document) -> [UInt8] {
        var out = HTMLOutput()
        out.reserveCapacity(4096)
        var footnotes: [FootnoteDefinition] = []
        for block in document.children { render(block, tight: false, into: &out, footnotes: &footnotes) }
        if !footnotes.isEmpty { renderFootnotes(footnotes, into: &out) }
        return out.bytes
    }

    public func render(_ inlines: [Inline]) -> String {
        var out = HTMLOutput()
        for inline in inlines { render(inline, into: &out) }
        return out.text
    }

    /// Renders blocks into `out`; footnote definitions are set aside for the end of the page.
    private func render(_ blocks: [Block], into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        for block in blocks { render(block, tight: false, into: &out, footnotes: &footnotes) }
    }

    private func newline(_ out: inout HTMLOutput) {
        if !out.isEmpty && !out.endsWithLineFeed { out += "\n" }
    }

    private func attributes(id: String?, classes: [String]) -> String {
        var result = ""
        if let id, !id.isEmpty { result += " id=\"\(HTMLEscaping.escape(id))\"" }
        let classes = classes.filter { !$0.isEmpty }
        if !classes.isEmpty { result += " class=\"\(HTMLEscaping.escape(classes.joined(separator: " ")))\"" }
        return result
    }

    /// One method per node kind; `tight` is true inside the items of a tight list.
    private func render(_ block: Block, tight: Bool, into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        switch block.kind {
        case .paragraph(let children): renderParagraph(children, tight: tight, into: &out)
        case .heading(let depth, let children, let identifier): renderHeading(depth: depth, children, identifier: identifier, into: &out)
        case .thematicBreak: newline(&out); out += "<hr />\n"
        case .blockquote(let children): newline(&out); renderBlockquote(children, into: &out, footnotes: &footnotes)
        case .list(let ordered, let start, let spread, let items):
            newline(&out); renderList(ordered: ordered, start: start, spread: spread, items: items, into: &out, footnotes: &footnotes)
        case .listItem(_, let children): newline(&out); renderListItem(children, tight: tight, into: &out, footnotes: &footnotes)
        case .code(let code): newline(&out); renderCode(code, into: &out)
        case .html(let raw): newline(&out); renderHTML(raw, into: &out)
        case .directive(let directive): renderDirective(directive, into: &out, footnotes: &footnotes)
        case .target(_, let id): renderTarget(id: id, into: &out)
        case .blockBreak: break
        case .comment(let text): newline(&out); renderComment(text, into: &out)
        case .math(let math): newline(&out); renderMath(math, into: &out)
        case .table(let table): newline(&out); renderTable(table, into: &out, footnotes: &footnotes)
        case .container(let container): newline(&out); renderContainer(container, into: &out, footnotes: &footnotes)
        case .caption(let children): newline(&out); renderCaption(children, into: &out, footnotes: &footnotes)
        case .legend(let children): newline(&out); renderLegend(children, into: &out, footnotes: &footnotes)
        case .image(let image): newline(&out); renderImage(image, into: &out); out += "\n"
        case .iframe(let frame): newline(&out); renderIFrame(frame, into: &out)
        case .admonition(let admonition): newline(&out); renderAdmonition(admonition, into: &out, footnotes: &footnotes)
        case .footnoteDefinition(let definition): footnotes.append(definition)
        case .details(let details): newline(&out); renderDetails(details, into: &out, footnotes: &footnotes)
        case .tabSet(let id, let items): newline(&out); renderTabs(id: id, items: items, into: &out, footnotes: &footnotes)
        case .aside(let aside): newline(&out); renderAside(aside, into: &out, footnotes: &footnotes)
        case .div(let classes, let children): newline(&out); renderDiv(classes: classes, children, into: &out, footnotes: &footnotes)
        case .calls(let listing): newline(&out); calls.render(listing, into: &out)
        case .bibliography(let listing): newline(&out); renderBibliography(listing, into: &out)
        case .definitionList(let items): newline(&out); renderDefinitionList(items, into: &out, footnotes: &footnotes)
        }
    }

    /// In a tight list item, a paragraph is its inlines alone.
    private func renderParagraph(_ children: [Inline], tight: Bool, into out: inout HTMLOutput) {
        if tight {
            for inline in children { render(inline, into: &out) }
        } else {
            newline(&out)
            out += "<p>"
            for inline in children { render(inline, into: &out) }
            out += "</p>\n"
        }
    }

    private func renderHeading(depth: Int, _ children: [Inline], identifier: String?, into out: inout HTMLOutput) {
        newline(&out)
        if let identifier {
            let id = HTMLEscaping.escape(identifier)
            out += "<h\(depth) id=\"\(id)\">"
            for inline in children { render(inline, into: &out) }
            out += "<a class=\"headerlink\" href=\"#\(id)\" aria-label=\"Permalink to this section\">#</a>"
        } else {
            out += "<h\(depth)>"
            for inline in children { render(inline, into: &out) }
        }
        out += "</h\(depth)>\n"
    }

    private func renderBlockquote(_ children: [Block], into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        out += "<blockquote>\n"
        render(children, into: &out, footnotes: &footnotes)
        out += "</blockquote>\n"
    }

    private func renderList(ordered: Bool, start: Int?, spread: Bool, items: [Block], into out: inout HTMLOutput,
                            footnotes: inout [FootnoteDefinition]) {
        if ordered {
            out += start.map { $0 == 1 ? "<ol>\n" : "<ol start=\"\($0)\">\n" } ?? "<ol>\n"
        } else {
            out += "<ul>\n"
        }
        for item in items { render(item, tight: !spread, into: &out, footnotes: &footnotes) }
        out += ordered ? "</ol>\n" : "</ul>\n"
    }

    private func renderListItem(_ children: [Block], tight: Bool, into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        out += "<li>"
        for child in children {
            if !(tight && child.isParagraph) && !out.endsWithLineFeed { out += "\n" }
            render(child, tight: tight, into: &out, footnotes: &footnotes)
        }
        out += "</li>\n"
    }

    private func renderHTML(_ raw: String, into out: inout HTMLOutput) {
        out += raw
        if !raw.hasSuffix("\n") { out += "\n" }
    }

    /// A known directive is the nodes it produced; an unknown one a box showing it as written.
    private func renderDirective(_ directive: Directive, into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        guard !directive.isKnown else {
            render(directive.children, into: &out, footnotes: &footnotes)
            return
        }
        newline(&out)
        out += "<div class=\"directive unhandled\" role=\"note\">\n<p><code class=\"kind\">{\(HTMLEscaping.escape(directive.name))}</code>"
        if let argument = directive.argument { out += " <code class=\"args\">" + HTMLEscaping.escape(argument) + "</code>" }
        out += " <span class=\"unhandled-note\">(directive not supported by callbook; shown as written)</span></p>\n"
        if !directive.value.isEmpty { out += "<pre><code>" + HTMLEscaping.escape(directive.value) + "</code></pre>\n" }
        out += "</div>\n"
    }

    /// A target that no block carries is an anchor of its own; others render nothing.
    private func renderTarget(id: String?, into out: inout HTMLOutput) {
        guard let id else { return }
        newline(&out)
        out += "<span id=\"\(HTMLEscaping.escape(id))\" class=\"target\"></span>\n"
    }

    private func renderComment(_ text: String, into out: inout HTMLOutput) {
        out += "<!-- " + HTMLEscaping.escape(text).replacingOccurrences(of: "--", with: "&#45;&#45;") + " -->\n"
    }

    private func renderMath(_ math: MathBlock, into out: inout HTMLOutput) {
        out += "<div\(attributes(id: math.htmlID, classes: ["math-display"]))>"
        if let number = math.number { out += "<span class=\"equation-number\">\(NumberedKind.equationLabel(number))</span>" }
        out += "\\[" + HTMLEscaping.escape(math.value) + "\\]</div>\n"
    }

    private func renderCaption(_ children: [Block], into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        out += "<figcaption>\n"
        render(children, into: &out, footnotes: &footnotes)
        out += "</figcaption>\n"
    }

    private func renderLegend(_ children: [Block], into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        out += "<div class=\"legend\">\n"
        render(children, into: &out, footnotes: &footnotes)
        out += "</div>\n"
    }

    private func renderDetails(_ details: Details, into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        out += "<details\(attributes(id: nil, classes: ["dropdown"] + details.classes))\(details.open ? " open" : "")>"
        out += "<summary>" + render(details.summary) + "</summary>\n<div class=\"dropdown-body\">\n"
        render(details.children, into: &out, footnotes: &footnotes)
        out += "</div>\n</details>\n"
    }

    private func renderAside(_ aside: Aside, into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        let element = aside.kind == "topic" ? "div" : "aside"
        out += "<\(element)\(attributes(id: nil, classes: [aside.kind] + aside.classes))>\n"
        if let title = aside.title { out += "<p class=\"\(aside.kind)-title\">" + render(title) + "</p>\n" }
        render(aside.children, into: &out, footnotes: &footnotes)
        out += "</\(element)>\n"
    }

    private func renderDiv(classes: [String], _ children: [Block], into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        out += "<div\(attributes(id: nil, classes: classes))>\n"
        render(children, into: &out, footnotes: &footnotes)
        out += "</div>\n"
    }

    private func renderDefinitionList(_ items: [DefinitionItem], into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        out += items.contains { !$0.identifier.isEmpty } ? "<dl class=\"glossary\">\n" : "<dl>\n"
        for item in items {
            out += "<dt\(attributes(id: item.identifier, classes: []))>" + render(item.term) + "</dt>\n<dd>\n"
            render(item.definition, into: &out, footnotes: &footnotes)
            out += "</dd>\n"
        }
        out += "</dl>\n"
    }

    private func renderCode(_ code: CodeBlock, into out: inout HTMLOutput) {
        var classes = code.lang.flatMap { $0.isEmpty ? nil : ["language-\($0)"] } ?? []
        classes += code.classes
        let numbered = code.showLineNumbers || !code.emphasizeLines.isEmpty
        if numbered { classes.append(code.showLineNumbers ? "numbered" : "lines") }
        out += "<pre><code\(attributes(id: code.htmlID, classes: classes))"
        if code.showLineNumbers, let start = code.startingLineNumber, start != 1 {
            out += " style=\"counter-reset: line \(start - 1)\""
        }
        out += ">"
        if numbered {
            let emphasized = Set(code.emphasizeLines)
            for (index, line) in code.value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                out += emphasized.contains(index + 1) ? "<span class=\"line emphasized\">" : "<span class=\"line\">"
                out += HTMLEscaping.escape(String(line)) + "</span>\n"
            }
        } else {
            HTMLEscaping.appendEscaped(code.value, to: &out)
        }
        out += "</code></pre>\n"
    }

    private func renderTable(_ table: Table, into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        out += "<table\(attributes(id: nil, classes: table.classes + (table.align.map { ["align-\($0)"] } ?? [])))>\n"
        let total = table.widths.reduce(0, +)
        if total > 0 {
            out += "<colgroup>"
            for width in table.widths { out += "<col style=\"width: \(width * 100 / total)%\">" }
            out += "</colgroup>\n"
        }
        let headerRows = table.rows.prefix { row in row.cells.contains(where: \.header) }
        let bodyRows = table.rows.dropFirst(headerRows.count)
        func renderRows(_ rows: ArraySlice<TableRow>) {
            for row in rows {
                out += "<tr>\n"
                for cell in row.cells {
                    let tag = cell.header ? "th" : "td"
                    out += "<\(tag)"
                    if let align = cell.align { out += " style=\"text-align: \(align.rawValue)\"" }
                    out += ">"
                    if cell.children.count == 1, case .paragraph(let inlines) = cell.children[0].kind {
                        out += render(inlines)
                    } else {
                        render(cell.children, into: &out, footnotes: &footnotes)
                    }
                    out += "</\(tag)>\n"
                }
                out += "</tr>\n"
            }
        }
        if !headerRows.isEmpty {
            out += "<thead>\n"
            renderRows(headerRows)
            out += "</thead>\n"
        }
        if !bodyRows.isEmpty {
            out += "<tbody>\n"
            renderRows(bodyRows)
            out += "</tbody>\n"
        }
        out += "</table>\n"
    }

    private func renderContainer(_ container: Container, into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        var classes = [container.kind.rawValue + "-container"] + container.classes
        if container.number != nil { classes.append("numbered") }
        if let align = container.align { classes.append("align-\(align)") }
        out += "<figure\(attributes(id: container.htmlID, classes: classes))>\n"
        for child in container.children {
            if case .caption(let caption) = child.kind {
                out += "<figcaption>\n"
                for (index, block) in caption.enumerated() {
                    if index == 0, case .paragraph(let inlines) = block.kind {
                        out += "<p>"
                        if let number = container.number {
                            out += "<span class=\"caption-number\">\(NumberedKind(container.kind).word) \(number) </span>"
                        }
                        out += render(inlines) + "</p>\n"
                    } else {
                        render(block, tight: false, into: &out, footnotes: &footnotes)
                    }
                }
                out += "</figcaption>\n"
            } else if case .image(let image) = child.kind, container.kind == .figure {
                newline(&out)
                renderImage(image, linked: true, into: &out)
                out += "\n"
            } else {
                render(child, tight: false, into: &out, footnotes: &footnotes)
            }
        }
        out += "</figure>\n"
    }

    /// An image, or a video for a video file. In a figure (`linked`) the image is a link to its
    /// file, so a reader can open it full size.
    private func renderImage(_ image: ImageBlock, linked: Bool = false, into out: inout HTMLOutput) {
        var classes = image.classes
        if let align = image.align { classes.insert("align-\(align)", at: 0) }
        var extra = ""
        if let title = image.title { extra += " title=\"" + HTMLEscaping.escape(title) + "\"" }
        extra += attributes(id: nil, classes: classes)
        var style: [String] = []
        if let width = image.width { style.append("width: " + Self.cssLength(width)) }
        if let height = image.height { style.append("height: " + Self.cssLength(height)) }
        if !style.isEmpty { extra += " style=\"" + HTMLEscaping.escape(style.joined(separator: "; ")) + "\"" }
        if VideoSource.isVideo(image.url) {
            out += VideoSource.html(url: image.url, alt: image.alt ?? "", attributes: extra)
            return
        }
        let alt = image.alt ?? ""
        if linked {
            out += "<a class=\"image-link\" href=\"" + HTMLEscaping.escapeURL(image.url) + "\""
            if alt.isEmpty { out += " aria-label=\"The image, full size\"" }
            out += ">"
        }
        out += "<img src=\"" + HTMLEscaping.escapeURL(image.url) + "\" alt=\"" + HTMLEscaping.escape(alt) + "\"" + extra
        out += " loading=\"lazy\" />"
        if linked { out += "</a>" }
    }

    private func renderIFrame(_ frame: IFrameBlock, into out: inout HTMLOutput) {
        out += "<div class=\"iframe-frame\"><iframe src=\"" + HTMLEscaping.escapeURL(frame.url)
        out += "\" title=\"" + HTMLEscaping.escape(frame.title) + "\" loading=\"lazy\" allowfullscreen"
        if let width = frame.width { out += " style=\"width: " + HTMLEscaping.escape(Self.cssLength(width)) + "\"" }
        out += "></iframe></div>\n"
    }

    /// `200` → `200px`; other lengths (`50%`, `12em`) as written, unsafe characters dropped.
    static func cssLength(_ value: String) -> String {
        let cleaned = value.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "%" }
        return cleaned.allSatisfy({ $0.isNumber || $0 == "." }) ? cleaned + "px" : cleaned
    }

    private func renderAdmonition(_ admonition: Admonition, into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        let kind = admonition.kind
        let classes = ["admonition"] + (kind.map { [$0] } ?? []) + admonition.classes
        let title = admonition.title.map(render) ?? HTMLEscaping.escape(admonition.defaultTitle)
        if admonition.classes.contains("dropdown") {
            let open = admonition.classes.contains("open") ? " open" : ""
            out += "<details\(attributes(id: admonition.htmlID, classes: classes))\(open)>\n"
            out += "<summary class=\"admonition-title\">\(title)</summary>\n"
            render(admonition.children, into: &out, footnotes: &footnotes)
            out += "</details>\n"
        } else {
            out += "<div\(attributes(id: admonition.htmlID, classes: classes)) role=\"note\">\n"
            out += "<p class=\"admonition-title\">\(title)</p>\n"
            render(admonition.children, into: &out, footnotes: &footnotes)
            out += "</div>\n"
        }
    }

    private func renderTabs(id: String, items: [TabItem], into out: inout HTMLOutput, footnotes: inout [FootnoteDefinition]) {
        out += "<div class=\"tab-set\">\n"
        for (index, item) in items.enumerated() {
            let tabID = "\(id)-\(index + 1)"
            out += "<input type=\"radio\" class=\"tab-input\" name=\"\(id)\" id=\"\(tabID)\"\(item.selected ? " checked" : "")>"
            out += "<label class=\"tab-label\" for=\"\(tabID)\">" + render(item.title) + "</label>\n"
            out += "<div class=\"tab-content\">\n"
            render(item.children, into: &out, footnotes: &footnotes)
            out += "</div>\n"
        }
        out += "</div>\n"
    }

    private func renderFootnotes(_ definitions: [FootnoteDefinition], into out: inout HTMLOutput) {
        let ordered = definitions.enumerated().sorted { a, b in
            (a.element.number ?? Int.max, a.offset) < (b.element.number ?? Int.max, b.offset)
        }.map(\.element)
        newline(&out)
        out += "<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>\n"
        for definition in ordered {
            let id = HTMLEscaping.escape(Labels.htmlID(definition.identifier))
            out += "<li id=\"fn-\(id)\"\(definition.number.map { " value=\"\($0)\"" } ?? "")>\n"
            var nested: [FootnoteDefinition] = []
            render(definition.children, into: &out, footnotes: &nested)
            out += "<a href=\"#fnref-\(id)\" class=\"footnote-back\" aria-label=\"Back to the text\">↩</a>\n</li>\n"
        }
        out += "</ol>\n</section>\n"
    }

    /// `<tag>` children `</tag>`, the children rendered in place.
    private func wrap(_ children: [Inline], in tag: String, into out: inout HTMLOutput) {
        out += "<"
        out += tag
        out += ">"
        for child in children { render(child, into: &out) }
        out += "</"
        out += tag
        out += ">"
    }

    private func render(_ inline: Inline, into out: inout HTMLOutput) {
        switch inline.kind {
        case .text(let text):
            HTMLEscaping.appendEscaped(text, to: &out)
        case .emphasis(let children):
            wrap(children, in: "em", into: &out)
        case .strong(let children):
            wrap(children, in: "strong", into: &out)
        case .inlineCode(let code):
            out += "<code>"
            HTMLEscaping.appendEscaped(code, to: &out)
            out += "</code>"
        case .link(let url, let title, let children):
            renderLink(url: url, title: title, children, into: &out)
        case .image(let url, let title, let alt):
            renderInlineImage(url: url, title: title, alt: alt, into: &out)
        case .html(let raw):
            out += raw
        case .break:
            out += "<br />\n"
        case .role(_, let value, let children):
            out += children.isEmpty ? "<code class=\"role-unhandled\">" + HTMLEscaping.escape(value) + "</code>" : render(children)
        case .subscript(let children):
            wrap(children, in: "sub", into: &out)
        case .superscript(let children):
            wrap(children, in: "sup", into: &out)
        case .underline(let children):
            wrap(children, in: "u", into: &out)
        case .delete(let children):
            wrap(children, in: "del", into: &out)
        case .abbreviation(let title, let children):
            out += "<abbr" + (title.map { " title=\"" + HTMLEscaping.escape($0) + "\"" } ?? "") + ">" + render(children) + "</abbr>"
        case .keyboard(let text):
            out += "<kbd>" + HTMLEscaping.escape(text) + "</kbd>"
        case .inlineMath(let tex):
            out += "<span class=\"math-inline\">\\(" + HTMLEscaping.escape(tex) + "\\)</span>"
        case .crossReference(let reference):
            renderCrossReference(reference, into: &out)
        case .footnoteReference(let reference):
            renderFootnoteReference(reference, into: &out)
        case .cite(let citation):
            renderCitation(citation, into: &out)
        }
    }

    private func renderLink(url: String, title: String?, _ children: [Inline], into out: inout HTMLOutput) {
        out += "<a href=\"" + HTMLEscaping.escapeURL(url) + "\""
        if let title { out += " title=\"" + HTMLEscaping.escape(title) + "\"" }
        out += ">" + render(children) + "</a>"
    }

    private func renderInlineImage(url: String, title: String?, alt: String, into out: inout HTMLOutput) {
        if VideoSource.isVideo(url) {
            out += VideoSource.html(url: url, alt: alt, attributes: title.map { " title=\"" + HTMLEscaping.escape($0) + "\"" } ?? "")
            return
        }
        out += "<img src=\"" + HTMLEscaping.escapeURL(url) + "\" alt=\"" + HTMLEscaping.escape(alt) + "\""
        if let title { out += " title=\"" + HTMLEscaping.escape(title) + "\"" }
        out += " />"
    }

    /// A bound reference is a link; an unbound one stays visible, marked.
    private func renderCrossReference(_ reference: CrossReference, into out: inout HTMLOutput) {
        let text = !reference.children.isEmpty ? render(reference.children)
            : reference.resolvedText.map(render) ?? HTMLEscaping.escape(reference.label)
        if let url = reference.url {
            out += "<a class=\"reference\" href=\"" + HTMLEscaping.escapeURL(url) + "\">" + text + "</a>"
        } else {
            out += "<span class=\"reference unresolved\">" + text + "</span>"
        }
    }

    private func renderFootnoteReference(_ reference: FootnoteReference, into out: inout HTMLOutput) {
        let id = HTMLEscaping.escape(Labels.htmlID(reference.identifier))
        let label = reference.number.map(String.init) ?? HTMLEscaping.escape(reference.label)
        out += "<sup class=\"footnote-ref\"><a href=\"#fn-\(id)\" id=\"fnref-\(id)\">\(label)</a></sup>"
    }
}
