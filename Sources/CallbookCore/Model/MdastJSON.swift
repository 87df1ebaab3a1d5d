/// Writes a document as mdast JSON, with the node and field names MyST's spec cases use
/// (`type`, `children`, `value`, `depth`, `ordered`, `start`, `spread`, `lang`, `meta`, `url`,
/// `title`, `alt`, `identifier`, `position`). Keys come in a fixed order, so output is stable.
public struct MdastJSON: Sendable {
    public var includePositions: Bool

    public init(includePositions: Bool = true) {
        self.includePositions = includePositions
    }

    public func encode(_ document: Document) -> String {
        var out = ""
        object(["type": .string("root")], children: document.children.map(block), range: nil, into: &out, indent: 0)
        out += "\n"
        return out
    }

    /// A JSON value, kept small: what mdast needs.
    indirect enum Value {
        case string(String), int(Int), bool(Bool), array([Value]), node(Fields, [Value]?, SourceRange?)
    }
    typealias Fields = KeyValuePairs<String, Value>

    private func block(_ block: Block) -> Value {
        let r = block.range
        switch block.kind {
        case .paragraph(let c): return .node(["type": .string("paragraph")], c.map(inline), r)
        case .heading(let depth, let c, let id):
            if let id {
                return .node(["type": .string("heading"), "depth": .int(depth), "identifier": .string(id),
                              "html_id": .string(id)], c.map(inline), r)
            }
            return .node(["type": .string("heading"), "depth": .int(depth)], c.map(inline), r)
        case .thematicBreak: return .node(["type": .string("thematicBreak")], nil, r)
        case .blockquote(let c): return .node(["type": .string("blockquote")], c.map(self.block), r)
        case .list(let ordered, let start, let spread, let items):
            if let start {
                return .node(["type": .string("list"), "ordered": .bool(ordered), "start": .int(start),
                              "spread": .bool(spread)], items.map(self.block), r)
            }
            return .node(["type": .string("list"), "ordered": .bool(ordered), "spread": .bool(spread)],
                         items.map(self.block), r)
        case .listItem(let spread, let c):
            return .node(["type": .string("listItem"), "spread": .bool(spread)], c.map(self.block), r)
        case .code(let lang, let meta, let value):
            switch (lang, meta) {
            case (let lang?, let meta?):
                return .node(["type": .string("code"), "lang": .string(lang), "meta": .string(meta),
                              "value": .string(value)], nil, r)
            case (let lang?, nil):
                return .node(["type": .string("code"), "lang": .string(lang), "value": .string(value)], nil, r)
            default:
                return .node(["type": .string("code"), "value": .string(value)], nil, r)
            }
        case .html(let value): return .node(["type": .string("html"), "value": .string(value)], nil, r)
        }
    }

    private func inline(_ inline: Inline) -> Value {
        let r = inline.range
        switch inline.kind {
        case .text(let v): return .node(["type": .string("text"), "value": .string(v)], nil, r)
        case .emphasis(let c): return .node(["type": .string("emphasis")], c.map(self.inline), r)
        case .strong(let c): return .node(["type": .string("strong")], c.map(self.inline), r)
        case .inlineCode(let v): return .node(["type": .string("inlineCode"), "value": .string(v)], nil, r)
        case .link(let url, let title, let c):
            if let title {
                return .node(["type": .string("link"), "url": .string(url), "title": .string(title)], c.map(self.inline), r)
            }
            return .node(["type": .string("link"), "url": .string(url)], c.map(self.inline), r)
        case .image(let url, let title, let alt):
            if let title {
                return .node(["type": .string("image"), "url": .string(url), "title": .string(title),
                              "alt": .string(alt)], nil, r)
            }
            return .node(["type": .string("image"), "url": .string(url), "alt": .string(alt)], nil, r)
        case .html(let v): return .node(["type": .string("html"), "value": .string(v)], nil, r)
        case .break: return .node(["type": .string("break")], nil, r)
        }
    }

    private func object(_ fields: Fields, children: [Value]?, range: SourceRange?, into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        out += "{"
        var first = true
        func key(_ name: String) {
            out += first ? "\n" : ",\n"
            first = false
            out += pad + "\"" + name + "\": "
        }
        for (name, value) in fields {
            key(name)
            write(value, into: &out, indent: indent + 1)
        }
        if let children {
            key("children")
            write(.array(children), into: &out, indent: indent + 1)
        }
        if includePositions, let range {
            key("position")
            out += "{\"start\": {\"line\": \(range.start.line), \"column\": \(range.start.column)}, "
                + "\"end\": {\"line\": \(range.end.line), \"column\": \(range.end.column)}}"
        }
        out += "\n" + String(repeating: "  ", count: indent) + "}"
    }

    private func write(_ value: Value, into out: inout String, indent: Int) {
        switch value {
        case .string(let s): out += Self.quote(s)
        case .int(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let pad = String(repeating: "  ", count: indent + 1)
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                write(item, into: &out, indent: indent + 1)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .node(let fields, let children, let range):
            object(fields, children: children, range: range, into: &out, indent: indent)
        }
    }

    /// A JSON string literal.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
