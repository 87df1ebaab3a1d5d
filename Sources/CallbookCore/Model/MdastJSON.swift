/// Writes a document as mdast JSON, with the node types and field names of MyST's spec
/// (`mystDirective`, `mystRole`, `mystTarget`, `container`, `admonition`, `crossReference`…).
/// Keys come in a fixed order, so the output is stable and diffable.
public struct MdastJSON: Sendable {
    public var includePositions: Bool

    public init(includePositions: Bool = true) {
        self.includePositions = includePositions
    }

    /// A JSON value, kept small: what mdast needs.
    public indirect enum Value: Hashable, Sendable {
        case string(String), int(Int), bool(Bool), array([Value]), object([Field])
    }

    public struct Field: Hashable, Sendable {
        public var key: String
        public var value: Value
        init(_ key: String, _ value: Value) { self.key = key; self.value = value }
    }

    /// The JSON text of `tree(document)`, written one top-level node at a time, so that a long
    /// chapter's JSON values are never all held at once.
    public func encode(_ document: Document) -> String {
        var out = "{\n  \"type\": \"root\",\n  \"children\": "
        if document.children.isEmpty {
            out += "[]"
        } else {
            out += "[\n"
            for (index, child) in document.children.enumerated() {
                out += "    "
                write(block(child), into: &out, indent: 2)
                out += index == document.children.count - 1 ? "\n" : ",\n"
            }
            out += "  ]"
        }
        out += "\n}\n"
        return out
    }

    /// The document as a JSON value (also used by tests to compare with spec cases).
    public func tree(_ document: Document) -> Value {
        node("root", [], children: document.children.map(block), range: nil)
    }

    private func node(_ type: String, _ fields: [Field?], children: [Value]? = nil, range: SourceRange?) -> Value {
        var all = [Field("type", .string(type))] + fields.compactMap { $0 }
        if let children { all.append(Field("children", .array(children))) }
        if includePositions, let range {
            all.append(Field("position", .object([
                Field("start", .object([Field("line", .int(range.start.line)), Field("column", .int(range.start.column))])),
                Field("end", .object([Field("line", .int(range.end.line)), Field("column", .int(range.end.column))])),
            ])))
        }
        return .object(all)
    }

    private func text(_ key: String, _ value: String?) -> Field? { value.map { Field(key, .string($0)) } }
    private func int(_ key: String, _ value: Int?) -> Field? { value.map { Field(key, .int($0)) } }
    private func classes(_ list: [String]) -> Field? { list.isEmpty ? nil : Field("class", .string(list.joined(separator: " "))) }

    /// The node's children as `NodeChildren` defines them, for kinds whose mdast children are
    /// just those (kinds that wrap a title or a term in a node of its own spell theirs out).
    private func children(_ block: Block) -> [Value] {
        var values: [Value] = []
        block.forEachChildList(blocks: { values += $0.map(self.block) }, inlines: { values += $0.map(inline) })
        return values
    }

    private func block(_ block: Block) -> Value {
        let r = block.range
        switch block.kind {
        case .paragraph: return node("paragraph", [], children: children(block), range: r)
        case .heading(let depth, _, let id):
            return node("heading", [Field("depth", .int(depth)), text("identifier", id), text("html_id", id)],
                        children: children(block), range: r)
        case .thematicBreak: return node("thematicBreak", [], range: r)
        case .blockquote: return node("blockquote", [], children: children(block), range: r)
        case .list(let ordered, let start, let spread, _):
            return node("list", [Field("ordered", .bool(ordered)), int("start", start), Field("spread", .bool(spread))],
                        children: children(block), range: r)
        case .listItem(let spread, _):
            return node("listItem", [Field("spread", .bool(spread))], children: children(block), range: r)
        case .code(let code):
            return node("code", [text("lang", code.lang), text("meta", code.meta), text("identifier", code.identifier),
                                 text("label", code.label), classes(code.classes),
                                 code.showLineNumbers ? Field("showLineNumbers", .bool(true)) : nil,
                                 int("startingLineNumber", code.startingLineNumber),
                                 code.emphasizeLines.isEmpty ? nil : Field("emphasizeLines", .array(code.emphasizeLines.map { .int($0) })),
                                 Field("value", .string(Self.droppingFinalNewline(code.value)))], range: r)
        case .html(let value): return node("html", [Field("value", .string(Self.droppingFinalNewline(value)))], range: r)
        case .directive(let d):
            let options: Field? = d.options.isEmpty ? nil
                : Field("options", .object(d.options.map { Field($0.name, $0.value.isEmpty ? .bool(true) : .string($0.value)) }))
            return node("mystDirective", [Field("name", .string(d.name)), text("args", d.argument), options,
                                          d.value.isEmpty ? nil : Field("value", .string(d.value))],
                        children: d.children.isEmpty ? nil : d.children.map(self.block), range: r)
        case .target(let label, let id): return node("mystTarget", [Field("label", .string(label)), text("html_id", id)], range: r)
        case .comment(let value): return node("mystComment", [Field("value", .string(value))], range: r)
        case .blockBreak(let meta): return node("blockBreak", [text("meta", meta)], range: r)
        case .math(let m):
            return node("math", [text("identifier", m.identifier), text("label", m.label), int("enumerator", m.number),
                                 Field("value", .string(m.value))], range: r)
        case .table(let t):
            let rows = t.rows.map { row in
                node("tableRow", [], children: row.cells.map { cell -> Value in
                    let content: [Value]
                    if cell.children.count == 1, case .paragraph(let inlines) = cell.children[0].kind {
                        content = inlines.map(inline)
                    } else {
                        content = cell.children.map(self.block)
                    }
                    return node("tableCell", [cell.header ? Field("header", .bool(true)) : nil,
                                              text("align", cell.align?.rawValue)], children: content, range: nil)
                }, range: nil)
            }
            let widths = t.widths.isEmpty ? nil : Field("widths", .array(t.widths.map { .int($0) }))
            return node("table", [classes(t.classes), text("align", t.align), widths], children: rows, range: r)
        case .container(let c):
            return node("container", [Field("kind", .string(c.kind.rawValue)), text("identifier", c.identifier),
                                      text("label", c.label), classes(c.classes), int("enumerator", c.number)],
                        children: children(block), range: r)
        case .caption: return node("caption", [], children: children(block), range: r)
        case .legend: return node("legend", [], children: children(block), range: r)
        case .image(let i):
            return node("image", [Field("url", .string(i.url)), text("alt", i.alt), text("title", i.title), classes(i.classes),
                                  text("width", i.width), text("height", i.height), text("align", i.align)], range: r)
        case .iframe(let frame):
            return node("iframe", [Field("src", .string(frame.url)), Field("title", .string(frame.title)), text("width", frame.width)],
                        range: r)
        case .admonition(let a):
            var children = a.title.map { [node("admonitionTitle", [], children: $0.map(inline), range: nil)] } ?? []
            children += a.children.map(self.block)
            return node("admonition", [text("kind", a.kind), text("identifier", a.identifier), text("label", a.label),
                                       classes(a.classes)], children: children, range: r)
        case .footnoteDefinition(let f):
            return node("footnoteDefinition", [Field("identifier", .string(f.identifier)), Field("label", .string(f.label)),
                                               int("enumerator", f.number)], children: children(block), range: r)
        case .details(let d):
            return node("details", [d.open ? Field("open", .bool(true)) : nil, classes(d.classes)],
                        children: [node("summary", [], children: d.summary.map(inline), range: nil)] + d.children.map(self.block),
                        range: r)
        case .tabSet(_, let items):
            return node("tabSet", [], children: items.map { item in
                node("tabItem", [Field("title", .string(item.title.plainText)), item.selected ? Field("selected", .bool(true)) : nil],
                     children: item.children.map(self.block), range: nil)
            }, range: r)
        case .aside(let a):
            var children = a.title.map { [node("admonitionTitle", [], children: $0.map(inline), range: nil)] } ?? []
            children += a.children.map(self.block)
            return node("aside", [Field("kind", .string(a.kind)), classes(a.classes)], children: children, range: r)
        case .div(let c, _):
            return node("div", [classes(c)], children: children(block), range: r)
        case .calls(let listing):
            return node("callsListing", [Field("series", .string(listing.series)), Field("count", .int(listing.count))],
                        children: [], range: r)
        case .bibliography(let listing):
            return node("bibliography", [text("filter", listing.filter),
                                         listing.isPageReferences ? Field("kind", .string("page")) : nil], range: r)
        case .definitionList(let items):
            return node("definitionList", [], children: items.flatMap { item in
                [node("definitionTerm", [Field("identifier", .string(item.identifier))], children: item.term.map(inline), range: item.range),
                 node("definitionDescription", [], children: item.definition.map(self.block), range: nil)]
            }, range: r)
        }
    }

    private func inline(_ inline: Inline) -> Value {
        let r = inline.range
        switch inline.kind {
        case .text(let v): return node("text", [Field("value", .string(v))], range: r)
        case .emphasis(let c): return node("emphasis", [], children: c.map(self.inline), range: r)
        case .strong(let c): return node("strong", [], children: c.map(self.inline), range: r)
        case .inlineCode(let v): return node("inlineCode", [Field("value", .string(v))], range: r)
        case .link(let url, let title, let c):
            return node("link", [Field("url", .string(url)), text("title", title)], children: c.map(self.inline), range: r)
        case .image(let url, let title, let alt):
            return node("image", [Field("url", .string(url)), text("title", title), Field("alt", .string(alt))], range: r)
        case .html(let v): return node("html", [Field("value", .string(v))], range: r)
        case .break: return node("break", [], range: r)
        case .role(let name, let value, let c):
            return node("mystRole", [Field("name", .string(name)), Field("value", .string(value))],
                        children: c.isEmpty ? nil : c.map(self.inline), range: r)
        case .subscript(let c): return node("subscript", [], children: c.map(self.inline), range: r)
        case .superscript(let c): return node("superscript", [], children: c.map(self.inline), range: r)
        case .underline(let c): return node("underline", [], children: c.map(self.inline), range: r)
        case .delete(let c): return node("delete", [], children: c.map(self.inline), range: r)
        case .abbreviation(let title, let c):
            return node("abbreviation", [text("title", title)], children: c.map(self.inline), range: r)
        case .keyboard(let v): return node("keyboard", [], children: [node("text", [Field("value", .string(v))], range: nil)], range: r)
        case .inlineMath(let v): return node("inlineMath", [Field("value", .string(v))], range: r)
        case .crossReference(let x):
            return node("crossReference", [Field("kind", .string(x.kind.rawValue)), Field("identifier", .string(x.identifier)),
                                           Field("label", .string(x.label)), text("url", x.url), text("html_id", x.htmlId)],
                        children: x.children.isEmpty ? x.resolvedText.map { $0.map(self.inline) } : x.children.map(self.inline),
                        range: r)
        case .footnoteReference(let f):
            return node("footnoteReference", [Field("identifier", .string(f.identifier)), Field("label", .string(f.label)),
                                              int("enumerator", f.number)], range: r)
        case .cite(let citation):
            // As mystmd writes them: one narrative citation is a `cite`; others sit in a `citeGroup`.
            let cites = citation.items.map { item in
                node("cite", [Field("kind", .string(citation.kind.rawValue)), Field("label", .string(item.key)),
                              Field("identifier", .string(item.key.lowercased())), text("prefix", item.prefix),
                              text("suffix", item.suffix)],
                     children: (citation.ownText ?? item.text).map { $0.map(self.inline) }, range: citation.items.count == 1 ? r : nil)
            }
            if citation.kind == .narrative, cites.count == 1 { return cites[0] }
            return node("citeGroup", [Field("kind", .string(citation.kind.rawValue))], children: cites, range: r)
        }
    }

    private func write(_ value: Value, into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch value {
        case .string(let s): out += Self.quote(s)
        case .int(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                write(item, into: &out, indent: indent + 1)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += close + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            // Positions stay on one line: they are many and small.
            if fields.allSatisfy({ if case .int = $0.value { return true }; if case .object = $0.value { return $0.key == "start" || $0.key == "end" }; return false }) {
                out += "{" + fields.map { field -> String in
                    var inner = ""
                    write(field.value, into: &inner, indent: 0)
                    return Self.quote(field.key) + ": " + inner.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "  ", with: " ")
                }.joined(separator: ", ") + "}"
                return
            }
            out += "{\n"
            for (index, field) in fields.enumerated() {
                out += pad + Self.quote(field.key) + ": "
                write(field.value, into: &out, indent: indent + 1)
                out += index == fields.count - 1 ? "\n" : ",\n"
            }
            out += close + "}"
        }
    }

    /// mdast's `code` and `html` values have no final newline (cmark's literals do).
    static func droppingFinalNewline(_ value: String) -> String {
        value.hasSuffix("\n") ? String(value.dropLast()) : value
    }

    static func quote(_ s: String) -> String { JSONString.quote(s) }
}
