import CCmark
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The one place that talks to libcmark: parses CommonMark text and converts cmark's node
/// tree into our `Document`, freeing every cmark object before returning.
public struct CMarkConverter: Sendable {
    /// The path reported in source ranges.
    public let file: String
    /// `file`, as the nodes' ranges hold it.
    let source: SourceFile
    /// Added to every line cmark reports, for text that starts further down a file.
    public var lineOffset: Int
    /// Added to every column cmark reports (for single-line text cut out of a line: table cells).
    public var columnOffset: Int
    /// Added to the columns on each line of the text (index 0 is its first line), for text whose
    /// lines had a prefix cut off: a blockquote's `> `, a footnote definition's `[^a]: `.
    public var lineColumnShifts: [Int]
    /// How deep the text's top-level blocks sit in the chapter's tree (1 for a chapter): nodes
    /// below `NestingLimit.depth` are kept as plain text with a `nesting-too-deep` error.
    public var depth: Int

    public init(file: String, lineOffset: Int = 0, columnOffset: Int = 0, lineColumnShifts: [Int] = [], depth: Int = 1) {
        self.file = file
        self.source = SourceFile(file)
        self.lineOffset = lineOffset
        self.columnOffset = columnOffset
        self.lineColumnShifts = lineColumnShifts
        self.depth = depth
    }

    /// What to add to a column cmark reports on its (1-based) line `line`.
    func columnShift(onLine line: Int) -> Int {
        columnOffset + (line >= 1 && line <= lineColumnShifts.count ? lineColumnShifts[line - 1] : 0)
    }

    /// Parses `text` and returns the document and any diagnostics (unknown node kinds).
    public func convert(_ text: String) -> (Document, [Diagnostic]) {
        var text = text
        let root: OpaquePointer? = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT)
            }
        }
        guard let root else {
            return (Document(children: []), [.error("cmark-failed", "libcmark could not parse this text",
                                                   at: SourceRange(file: file, line: lineOffset + 1, column: 1))])
        }
        defer { cmark_node_free(root) }
        var state = State(converter: self, text: text)
        let blocks = state.documentBlocks(root, depth: depth)
        return (Document(children: blocks), state.diagnostics)
    }

    private struct State {
        let converter: CMarkConverter
        let text: String
        var diagnostics: [Diagnostic] = []
        /// The offsets where the text's lines start, made the first time a line is needed.
        var lineStarts: [Int]?
        /// Per line, where the search for the next autolink starts (after the last one found).
        var autolinkSearch: [Int: Int] = [:]

        init(converter: CMarkConverter, text: String) {
            self.converter = converter
            self.text = text
        }

        /// Runs `body` on the text's bytes, without copying them when they are contiguous.
        func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
            return Array(text.utf8).withUnsafeBufferPointer(body)
        }

        /// The byte range of (1-based) line `line` of the text, without its newline.
        mutating func lineRange(_ line: Int) -> Range<Int>? {
            if lineStarts == nil {
                lineStarts = withBytes { bytes in
                    var starts = [0]
                    var from = 0
                    while let feed = bytes.firstOffset(of: 10, from: from) {
                        starts.append(feed + 1)
                        from = feed + 1
                    }
                    return starts
                }
            }
            guard let starts = lineStarts, line >= 1, line <= starts.count else { return nil }
            return starts[line - 1]..<(line < starts.count ? starts[line] - 1 : text.utf8.count)
        }

        /// libcmark counts an autolink's column from its paragraph's start when it sits on a
        /// continuation line; this puts the range on the `<url>` actually written on that line.
        mutating func autolinkRange(_ node: OpaquePointer, reported: SourceRange?, children: [Inline]) -> SourceRange? {
            guard var range = reported, children.count == 1, case .text(let shown) = children[0].kind else { return reported }
            let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
            guard let lineBytes = lineRange(line) else { return reported }
            let placed = withBytes { bytes in
                column >= 1 && column <= lineBytes.count
                    && [UInt8(ascii: "<"), UInt8(ascii: "[")].contains(bytes[lineBytes.lowerBound + column - 1])
            }
            if placed { return reported }
            let searchFrom = autolinkSearch[line] ?? lineBytes.lowerBound
            let needle = Array("<\(shown)>".utf8)
            guard searchFrom + needle.count <= lineBytes.upperBound,
                  let at = withBytes({ bytes in
                      (searchFrom...(lineBytes.upperBound - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
                  })
            else { return reported }
            // Autolinks come left to right: the next one on this line is after this one.
            autolinkSearch[line] = at + needle.count
            range.start.column = at - lineBytes.lowerBound + 1 + converter.columnShift(onLine: line)
            if range.end.line == range.start.line { range.end.column = range.start.column + needle.count }
            return range
        }

        func range(of node: OpaquePointer) -> SourceRange? {
            let startLine = Int(cmark_node_get_start_line(node))
            guard startLine > 0 else { return nil }
            let offset = converter.lineOffset, endLine = Int(cmark_node_get_end_line(node))
            return SourceRange(
                source: converter.source,
                start: SourcePosition(line: startLine + offset,
                                      column: Int(cmark_node_get_start_column(node)) + converter.columnShift(onLine: startLine)),
                // cmark's end column is the last byte; unist's (mdast's) is one past it.
                end: SourcePosition(line: endLine + offset,
                                    column: Int(cmark_node_get_end_column(node)) + 1 + converter.columnShift(onLine: endLine)))
        }

        /// The node's children, in a list made to their number.
        func children(of node: OpaquePointer) -> [OpaquePointer] {
            var count = 0
            var child = cmark_node_first_child(node)
            while let current = child {
                count += 1
                child = cmark_node_next(current)
            }
            var result: [OpaquePointer] = []
            result.reserveCapacity(count)
            child = cmark_node_first_child(node)
            while let current = child {
                result.append(current)
                child = cmark_node_next(current)
            }
            return result
        }

        func string(_ pointer: UnsafePointer<CChar>?) -> String {
            pointer.map { String(cString: $0) } ?? ""
        }

        mutating func unknown(_ node: OpaquePointer, _ where_: String) {
            let name = string(cmark_node_get_type_string(node))
            diagnostics.append(.warning("cmark-unknown-node", "unexpected \(where_) node '\(name)' from libcmark was left out",
                                        at: range(of: node)))
        }

        /// The document's blocks. Each is freed in cmark as soon as it is converted, so a long
        /// chapter's two trees are not held whole at the same time.
        mutating func documentBlocks(_ root: OpaquePointer, depth: Int) -> [Block] {
            // Arrays sized up front: grown by doubling, a long chapter's would hold much unused room.
            var result: [Block] = []
            result.reserveCapacity(children(of: root).count)
            var reported = false
            while let child = cmark_node_first_child(root) {
                if let converted = block(child, depth: depth, reported: &reported) { result.append(converted) }
                cmark_node_free(child)
            }
            return result
        }

        /// The blocks under `node`, which sit at `depth` in the chapter's tree.
        mutating func blocks(under node: OpaquePointer, depth: Int) -> [Block] {
            var reported = false
            return children(of: node).compactMap { block($0, depth: depth, reported: &reported) }
        }

        /// `node` at `depth`, or its text when it would pass the nesting limit (reported once a list).
        mutating func block(_ node: OpaquePointer, depth: Int, reported: inout Bool) -> Block? {
            // A list's items sit one level below it: it must fit whole.
            let deepest = cmark_node_get_type(node) == CMARK_NODE_LIST ? depth + 1 : depth
            guard deepest <= NestingLimit.depth else {
                let where_ = range(of: node)
                if !reported {
                    reported = true
                    diagnostics.append(.error(NestingLimit.diagnosticID, NestingLimit.message("blocks are"), at: where_))
                }
                let text = sourceText(of: node) ?? plainText(of: node, lineBreak: "\n")
                return Block(.paragraph([Inline(.text(text), at: where_)]), at: where_)
            }
            return block(node, depth: depth)
        }

        mutating func block(_ node: OpaquePointer, depth: Int) -> Block? {
            let where_ = range(of: node)
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH:
                return Block(.paragraph(inlines(under: node, depth: depth + 1)), at: where_)
            case CMARK_NODE_HEADING:
                return Block(.heading(depth: Int(cmark_node_get_heading_level(node)),
                                      children: inlines(under: node, depth: depth + 1), identifier: nil), at: where_)
            case CMARK_NODE_THEMATIC_BREAK:
                return Block(.thematicBreak, at: where_)
            case CMARK_NODE_BLOCK_QUOTE:
                return Block(.blockquote(blocks(under: node, depth: depth + 1)), at: where_)
            case CMARK_NODE_LIST:
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                let spread = cmark_node_get_list_tight(node) == 0
                let items = children(of: node).map { item in
                    Block(.listItem(spread: spread, children: blocks(under: item, depth: depth + 2)), at: range(of: item))
                }
                return Block(.list(ordered: ordered, start: ordered ? Int(cmark_node_get_list_start(node)) : nil,
                                   spread: spread, items: items), at: where_)
            case CMARK_NODE_CODE_BLOCK:
                let info = string(cmark_node_get_fence_info(node))
                let (lang, meta) = Self.splitInfo(info)
                return Block(.code(CodeBlock(lang: lang, meta: meta, value: string(cmark_node_get_literal(node)))), at: where_)
            case CMARK_NODE_HTML_BLOCK:
                return Block(.html(string(cmark_node_get_literal(node))), at: where_)
            default:
                unknown(node, "block")
                return nil
            }
        }

        /// Splits a fence's info string into its first word (the language) and the rest.
        static func splitInfo(_ info: String) -> (String?, String?) {
            let trimmed = info.drop { $0 == " " || $0 == "\t" }
            guard !trimmed.isEmpty else { return (nil, nil) }
            guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                return (String(trimmed), nil)
            }
            let rest = trimmed[space...].drop { $0 == " " || $0 == "\t" }
            return (String(trimmed[..<space]), rest.isEmpty ? nil : String(rest))
        }

        /// Converts inline children (at `depth` in the tree), joining text and soft breaks into
        /// single text nodes. Children below the nesting limit become their plain text.
        mutating func inlines(under node: OpaquePointer, depth: Int) -> [Inline] {
            var result: [Inline] = []
            // A run of text and soft breaks becomes one text node: its bytes are gathered from
            // cmark's literals and made one string when the run ends (a string and a node for
            // each piece, joined afterwards, cost more than the text).
            var text: [UInt8] = []
            var textRange: SourceRange?
            func endText() {
                result.append(Inline(.text(String(decoding: text, as: UTF8.self)), at: textRange))
                text.removeAll(keepingCapacity: true)
                textRange = nil
            }
            var inText = false  // within a run (which may be of empty pieces)
            var reported = false
            let children = children(of: node)
            // Room for as many nodes as there are runs (room for every child kept a third of the
            // book's inlines empty).
            var runs = 0, previousIsText = false
            for child in children {
                let type = cmark_node_get_type(child)
                let isText = type == CMARK_NODE_TEXT || type == CMARK_NODE_SOFTBREAK
                if !(isText && previousIsText) { runs += 1 }
                previousIsText = isText
            }
            result.reserveCapacity(runs)
            for child in children {
                let type = cmark_node_get_type(child)
                if type == CMARK_NODE_TEXT || type == CMARK_NODE_SOFTBREAK {
                    let pieceRange = range(of: child)
                    if !inText {
                        textRange = pieceRange
                        inText = true
                    } else if let end = pieceRange?.end, textRange != nil {
                        textRange!.end = end
                    }
                    if type == CMARK_NODE_SOFTBREAK {
                        text.append(0x0A)
                    } else if let literal = cmark_node_get_literal(child) {
                        literal.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
                            text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: strlen(literal)))
                        }
                    }
                    continue
                }
                let converted: Inline?
                if depth > NestingLimit.depth, cmark_node_first_child(child) != nil {
                    if !reported {
                        reported = true
                        diagnostics.append(.error(NestingLimit.diagnosticID, NestingLimit.message("inline markup is"),
                                                  at: range(of: child)))
                    }
                    converted = Inline(.text(plainText(of: child, lineBreak: "\n")), at: range(of: child))
                } else {
                    converted = inline(child, depth: depth)
                }
                guard let inline = converted else { continue }
                if case .text(let new) = inline.kind {
                    // Text made of a node with children (past the nesting limit) joins the run.
                    if !inText {
                        textRange = inline.range
                        inText = true
                    } else if let end = inline.range?.end, textRange != nil {
                        textRange!.end = end
                    }
                    text.append(contentsOf: new.utf8)
                    continue
                }
                if inText { endText(); inText = false }
                result.append(inline)
            }
            if inText { endText() }
            return result
        }

        /// An inline other than text and soft breaks (which `inlines(under:)` joins into runs).
        mutating func inline(_ node: OpaquePointer, depth: Int) -> Inline? {
            let where_ = range(of: node)
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINEBREAK:
                return Inline(.break, at: where_)
            case CMARK_NODE_CODE:
                return Inline(.inlineCode(string(cmark_node_get_literal(node))), at: where_)
            case CMARK_NODE_HTML_INLINE:
                return Inline(.html(string(cmark_node_get_literal(node))), at: where_)
            case CMARK_NODE_EMPH:
                return Inline(.emphasis(inlines(under: node, depth: depth + 1)), at: where_)
            case CMARK_NODE_STRONG:
                return Inline(.strong(inlines(under: node, depth: depth + 1)), at: where_)
            case CMARK_NODE_LINK:
                let children = inlines(under: node, depth: depth + 1)
                return Inline(.link(url: string(cmark_node_get_url(node)), title: title(node), children: children),
                              at: autolinkRange(node, reported: where_, children: children))
            case CMARK_NODE_IMAGE:
                return Inline(.image(url: string(cmark_node_get_url(node)), title: title(node),
                                     alt: plainText(of: node, lineBreak: " ")), at: where_)
            default:
                unknown(node, "inline")
                return nil
            }
        }

        func title(_ node: OpaquePointer) -> String? {
            let value = string(cmark_node_get_title(node))
            return value.isEmpty ? nil : value
        }

        /// The text of every literal below `node`, line breaks as `lineBreak`: an image's
        /// description as CommonMark renders it into `alt`, or a subtree too deep to convert.
        /// Walks with cmark's iterator, so no depth of nesting reaches the stack.
        func plainText(of node: OpaquePointer, lineBreak: String) -> String {
            var text = ""
            guard let iterator = cmark_iter_new(node) else { return text }
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator), child != node else { continue }
                switch cmark_node_get_type(child) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
                    text += string(cmark_node_get_literal(child))
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    text += lineBreak
                default:
                    break
                }
            }
            return text
        }

        /// The source text of a block, as written (its lines, from its first column to its last).
        mutating func sourceText(of node: OpaquePointer) -> String? {
            let startLine = Int(cmark_node_get_start_line(node)), endLine = Int(cmark_node_get_end_line(node))
            guard startLine >= 1, endLine >= startLine, let first = lineRange(startLine), let last = lineRange(endLine) else { return nil }
            let start = first.lowerBound + max(0, Int(cmark_node_get_start_column(node)) - 1)
            let end = min(last.upperBound, last.lowerBound + max(0, Int(cmark_node_get_end_column(node))))
            guard start < end else { return nil }
            return withBytes { String(decoding: $0[start..<end], as: UTF8.self) }
        }
    }
}
