import CallbookCore
import Foundation
import Testing

/// Small helpers for the MyST-layer tests: parse a string, render it, and look at the tree in
/// compact forms that are easy to assert on.
enum MystLayer {
    /// Parses `text` as the chapter `file`.
    static func parse(_ text: String, file: String = "page.md", url: URL? = nil) -> (Document, [Diagnostic]) {
        MystParser(file: file, sourceURL: url, files: url.map { BookFileReader(near: $0.deletingLastPathComponent()) }).parse(text)
    }

    static func document(_ text: String) -> Document { parse(text).0 }

    /// The rendered HTML of `text` (parse, then `HTMLRenderer`, no resolve stage).
    static func html(_ text: String) -> String { HTMLRenderer().render(document(text)) }

    /// The tree of `text` as one-line JSON without positions, root included.
    static func tree(_ text: String) -> String { tree(document(text)) }

    static func tree(_ document: Document, positions: Bool = false) -> String {
        compact(MdastJSON(includePositions: positions).tree(document))
    }

    /// The tree of one block as one-line JSON without positions.
    static func tree(_ block: Block) -> String {
        guard case .array(let children)? = fields(MdastJSON(includePositions: false).tree(Document(children: [block])))["children"],
              let first = children.first else { return "" }
        return compact(first)
    }

    /// One-line JSON, keys in MdastJSON's order, no spaces.
    static func compact(_ value: MdastJSON.Value) -> String {
        switch value {
        case .string(let s): return quote(s)
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .array(let items): return "[" + items.map(compact).joined(separator: ",") + "]"
        case .object(let fields): return "{" + fields.map { quote($0.key) + ":" + compact($0.value) }.joined(separator: ",") + "}"
        }
    }

    static func fields(_ value: MdastJSON.Value) -> [String: MdastJSON.Value] {
        guard case .object(let list) = value else { return [:] }
        var result: [String: MdastJSON.Value] = [:]
        for field in list { result[field.key] = field.value }
        return result
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Every block of the document, depth first, in order (directive children included).
    static func allBlocks(_ document: Document) -> [Block] {
        var result: [Block] = []
        document.walk(block: { result.append($0) })
        return result
    }

    /// Every inline of the document, depth first (table cells included).
    static func allInlines(_ document: Document) -> [Inline] {
        var result: [Inline] = []
        document.walk(block: { _ in }, inline: { result.append($0) })
        return result
    }

    static func tables(_ document: Document) -> [Table] {
        allBlocks(document).compactMap { if case .table(let t) = $0.kind { return t } else { return nil } }
    }

    /// A table as rows of `th[center] text` / `td text` strings (cell text as plain text).
    static func rows(_ table: Table) -> [[String]] {
        table.rows.map { row in
            row.cells.map { cell in
                var s = cell.header ? "th" : "td"
                if let align = cell.align { s += "[\(align.rawValue)]" }
                return s + " " + cellText(cell)
            }
        }
    }

    static func cellText(_ cell: TableCell) -> String {
        cell.children.map { block -> String in
            if case .paragraph(let inlines) = block.kind { return inlines.plainText }
            return tree(block)
        }.joined(separator: "\n")
    }

    /// The inlines of a cell's single paragraph.
    static func cellInlines(_ cell: TableCell) -> [Inline] {
        guard cell.children.count == 1, case .paragraph(let inlines) = cell.children[0].kind else { return [] }
        return inlines
    }

    /// `html` without ` id="…"` attributes: anchors are given by the resolve stage, so tests of
    /// the parser's output do not depend on them.
    static func strippingIDs(_ html: String) -> String {
        html.replacingOccurrences(of: #" id="[^"]*""#, with: "", options: .regularExpression)
    }

    /// Diagnostics with the given id.
    static func diagnostics(_ list: [Diagnostic], _ id: String) -> [Diagnostic] { list.filter { $0.id == id } }

    /// `line:col` of a diagnostic, or "none".
    static func place(_ diagnostic: Diagnostic?) -> String {
        diagnostic?.range.map { "\($0.start.line):\($0.start.column)" } ?? "none"
    }

    /// The first directive node (`mystDirective`) named `name`, anywhere in the tree.
    static func directive(_ name: String, in document: Document) -> (Directive, Block)? {
        for block in allBlocks(document) {
            if case .directive(let d) = block.kind, d.name == name { return (d, block) }
        }
        return nil
    }

    /// A fresh temporary folder, removed by the caller with `cleanUp`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("callbook-myst-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}
