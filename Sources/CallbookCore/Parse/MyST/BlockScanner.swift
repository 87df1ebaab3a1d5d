/// The line-level half of MyST's syntax, run before libcmark sees the text. It finds what
/// CommonMark cannot express — colon fences, `(label)=` targets, `%` comments, `+++` breaks,
/// `$$` display math, pipe tables and `[^x]:` footnote definitions — outside code fences.
/// Colon fences become backtick fences (so cmark hands them over like any directive fence);
/// the others become numbered placeholder HTML comments spanning the same lines, replaced by
/// their nodes after cmark. Line numbers never change.
enum BlockScanner {
    struct Result {
        var text: String
        var sideBlocks: [SideBlock]
    }

    /// What a placeholder stands for: a finished node, or a quote or footnote definition whose
    /// text is parsed where the placeholder lands (so its depth in the tree is known).
    struct SideBlock {
        var block: Block
        /// The quote's or footnote's text, the file line before its first, and the widths cut.
        var body: (text: String, lineOffset: Int, shifts: [Int])?

        /// `block` holding `children`.
        func filled(with children: [Block]) -> Block {
            var filled = block
            switch block.kind {
            case .blockquote: filled.kind = .blockquote(children)
            case .footnoteDefinition(var definition):
                definition.children = children
                filled.kind = .footnoteDefinition(definition)
            default: break
            }
            return filled
        }
    }

    static let placeholderPrefix = "<!--\u{1}callbook:"
    private static let placeholderPrefixBytes = Array(placeholderPrefix.utf8)

    /// The side-block index a placeholder HTML block stands for. Read by bytes: every HTML block
    /// and code block of a chapter is asked; Characters decide only where a non-ASCII byte
    /// follows what the bytes read (it could join the character before it).
    static func placeholderIndex(_ html: String) -> Int? {
        var bytes = html
        let byBytes: Int?? = bytes.withUTF8 { bytes in
            var index = 0
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard bytes.count - index >= placeholderPrefixBytes.count,
                  UnsafeBufferPointer(rebasing: bytes[index..<index + placeholderPrefixBytes.count]).elementsEqual(placeholderPrefixBytes)
            else { return index < bytes.count && bytes[index] >= 0x80 ? nil : .some(nil) }
            index += placeholderPrefixBytes.count
            let digitsStart = index
            var value = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                guard index - digitsStart < 18 else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            if index < bytes.count, bytes[index] >= 0x80 { return nil }
            return .some(index > digitsStart ? value : nil)
        }
        if let byBytes { return byBytes }
        let trimmed = html.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix(placeholderPrefix) else { return nil }
        let digits = trimmed.dropFirst(placeholderPrefix.count).prefix { $0.isNumber }
        return Int(digits)
    }

    static func scan(_ text: String, lineOffset: Int, session: inout ParseSession) -> Result {
        // Split on bytes: much faster than on Characters (line ends are already "\n"). Lines are
        // slices of the text, not copies; only the lines replaced below get storage of their own.
        var lines = text.lineSlices()
        var sideBlocks: [SideBlock] = []
        let file = session.file
        func range(_ index: Int, column: Int = 1) -> SourceRange {
            SourceRange(file: file, line: index + 1 + lineOffset, column: column)
        }
        /// Replaces lines `start...end` by a placeholder for `block` (whose children are `body`, parsed later).
        func place(_ block: Block, from start: Int, to end: Int, body: (String, Int, [Int])? = nil) {
            let indent = String(lines[start].prefix { $0 == " " || $0 == "\t" })
            var placed = block
            if placed.range == nil {
                let (startLine, endLine) = (start + 1 + lineOffset, end + 1 + lineOffset)
                placed.range = range(start, column: indent.count + 1 + session.columnShift(onLine: startLine))
                placed.range?.end = SourcePosition(line: endLine,
                                                   column: lines[end].utf8.count + 1 + session.columnShift(onLine: endLine))
            }
            let index = sideBlocks.count
            sideBlocks.append(SideBlock(block: placed, body: body.map { (text: $0.0, lineOffset: $0.1, shifts: $0.2) }))
            if start == end {
                lines[start] = Substring(indent + placeholderPrefix + "\(index)-->")
            } else {
                lines[start] = Substring(indent + placeholderPrefix + "\(index)")
                for middle in (start + 1)..<end { lines[middle] = Substring(indent + "~") }
                lines[end] = Substring(indent + "-->")
            }
        }

        var fenceEnds: FenceEnds = [:]
        var tableEnds = PipeTableEnd()
        var index = 0
        while index < lines.count {
            let line = lines[index]
            // Most lines are plain text: look at their first bytes before anything costlier.
            let bytes = line.utf8
            let indent = bytes.prefix { $0 == 0x20 }.count
            guard let first = bytes.dropFirst(indent).first else { index += 1; continue }
            let mayStartSyntax = first == 0x60 || first == 0x7E || first == 0x3A || first == 0x28 || first == 0x25
                || first == 0x2B || first == 0x24 || first == 0x5B || first == 0x3C
            let mayStartTable = line.containsByte(0x7C) && index + 1 < lines.count && lines[index + 1].containsByte(0x7C)
            if first == 0x3E, indent <= 3 {
                let quote = quotedRun(lines, from: index)
                if quote.holdsMySTSyntax {
                    place(Block(.blockquote([])), from: index, to: quote.end,
                          body: (quote.content.joined(separator: "\n"), lineOffset + index, quote.shifts))
                }
                index = quote.end + 1
                continue
            }
            // A list item that opens with a pipe table or a colon fence (`- | a | b |`,
            // `1. :::{note}`): read it at the item's content column, then put the marker back.
            if first == 0x2D || first == 0x2A || first == 0x2B || (first >= 0x30 && first <= 0x39),
               let width = listItemOpeningSyntax(line) {
                let before = index
                lines[index] = Substring(String(repeating: " ", count: width)) + line.dropFirst(width)
                if let fence = Fence.open(lines[index]), fence.char == ":" {
                    index = convertColonFence(fence, at: index, lines: &lines, ends: &fenceEnds, session: &session, range: range)
                } else if let table = PipeTable.parse(lines, headerAt: index, blockIndent: width, lineOffset: lineOffset,
                                                      ends: &tableEnds, session: &session) {
                    place(Block(.table(table.table)), from: index, to: table.lastLine)
                    index = table.lastLine + 1
                } else {
                    index += 1
                }
                lines[before] = line.prefix(width) + lines[before].dropFirst(width)
                continue
            }
            guard mayStartSyntax || mayStartTable else { index += 1; continue }
            let body = line.dropFirst(indent)

            if let fence = Fence.open(line) {
                if fence.char == ":" {
                    index = convertColonFence(fence, at: index, lines: &lines, ends: &fenceEnds, session: &session, range: range)
                } else {
                    index = Fence.close(fence, in: lines, after: index) + 1
                }
                continue
            }
            guard indent <= 3 else { index += 1; continue }

            // An HTML comment hides what it holds (CommonMark's HTML block 2): skip to its end.
            if body.hasPrefix("<!--") {
                var end = index
                while end < lines.count, !lines[end].containsBytes("-->") { end += 1 }
                index = end + 1
                continue
            }

            if DefinitionListSyntax.isMarker(line), let start = termStart(lines, before: index) {
                let (raw, end) = DefinitionListSyntax.read(lines, from: start, indentedDefinitions: false)
                if !raw.isEmpty, end >= index {
                    let items = DefinitionListSyntax.build(raw, lineOffset: lineOffset, glossary: false, session: &session)
                    place(Block(.definitionList(items)), from: start, to: end)
                    index = end + 1
                    continue
                }
            }

            if let label = targetLabel(body) {
                place(Block(.target(label: label, htmlID: nil)), from: index, to: index)
            } else if body.hasPrefix("%") {
                var end = index
                var comment = [String(body.dropFirst()).trimmingWhitespace()]
                while end + 1 < lines.count, lines[end + 1].drop(while: { $0 == " " }).hasPrefix("%"),
                      lines[end + 1].prefix(while: { $0 == " " }).count <= 3 {
                    end += 1
                    comment.append(String(lines[end].drop(while: { $0 == " " }).dropFirst()).trimmingWhitespace())
                }
                place(Block(.comment(comment.joined(separator: "\n"))), from: index, to: end)
                index = end
            } else if body.hasPrefix("+++") {
                let meta = body.dropFirst(3).trimmingWhitespace()
                place(Block(.blockBreak(meta: meta.isEmpty ? nil : meta)), from: index, to: index)
            } else if body.hasPrefix("$$"), let (math, end) = displayMath(lines, from: index) {
                place(Block(.math(math)), from: index, to: end)
                index = end
            } else if let (label, first) = footnoteStart(body) {
                let end = footnoteEnd(lines, from: index)
                var content = [first]
                var shifts = [line.utf8.count - first.utf8.count]
                for continuation in lines[(index + 1)..<(end + 1)] {
                    let indent = min(4, continuation.prefix { $0 == " " }.count)
                    content.append(String(continuation.dropFirst(indent)))
                    shifts.append(indent)
                }
                place(Block(.footnoteDefinition(FootnoteDefinition(label: label, children: []))), from: index, to: end,
                      body: (content.joined(separator: "\n"), lineOffset + index, shifts))
                index = end
            } else if index + 1 < lines.count,
                      let table = PipeTable.parse(lines, headerAt: index, lineOffset: lineOffset, ends: &tableEnds, session: &session) {
                place(Block(.table(table.table)), from: index, to: table.lastLine)
                index = table.lastLine
            }
            index += 1
        }
        // Joined into storage of the exact size, line by line as bytes (`joined` would grow it by
        // doubling, and a String append costs more than a short line's copy).
        let total = lines.reduce(max(lines.count - 1, 0)) { $0 + $1.utf8.count }
        let scanned = String(unsafeUninitializedCapacity: total) { buffer in
            var written = 0
            for (index, line) in lines.enumerated() {
                if index > 0 {
                    buffer[written] = 0x0A
                    written += 1
                }
                written += UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(fromContentsOf: line.utf8)
            }
            return written
        }
        return Result(text: scanned, sideBlocks: sideBlocks)
    }

    /// The width of a list item's marker and spaces (at most three spaces in, content at most
    /// three columns further) when the item's first line starts a pipe table or a colon fence.
    static func listItemOpeningSyntax(_ line: Substring) -> Int? {
        let bytes = Array(line.utf8.prefix(12))
        var index = 0
        while index < bytes.count, index < 3, bytes[index] == 0x20 { index += 1 }
        guard index < bytes.count else { return nil }
        if bytes[index] == 0x2D || bytes[index] == 0x2A || bytes[index] == 0x2B {
            index += 1
        } else {
            let digits = bytes[index...].prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            guard (1...3).contains(digits), index + digits < bytes.count,
                  bytes[index + digits] == 0x2E || bytes[index + digits] == 0x29 else { return nil }
            index += digits + 1
        }
        let spaces = bytes[index...].prefix { $0 == 0x20 }.count
        guard (1...3).contains(spaces), index + spaces < bytes.count else { return nil }
        let width = index + spaces
        let rest = line.utf8.dropFirst(width)
        guard rest.first == 0x7C || rest.starts(with: ":::".utf8) else { return nil }
        return width <= 3 ? width : nil  // a fence or table further in is no longer at its item's column
    }

    /// Where the terms of a definition whose `: ` marker is on line `marker` start: the plain
    /// lines just above it (one blank line may come between), back to a blank line; nil when
    /// the line above is no paragraph text (a heading, a list item, something already placed).
    static func termStart(_ lines: [Substring], before marker: Int) -> Int? {
        var index = marker - 1
        if index >= 0, DefinitionListSyntax.isBlank(lines[index]) { index -= 1 }
        func isTermLine(_ line: Substring) -> Bool {
            guard !DefinitionListSyntax.isBlank(line), !DefinitionListSyntax.isIndented(line),
                  !DefinitionListSyntax.isMarker(line), !line.hasPrefix(placeholderPrefix), line != "~", line != "-->" else { return false }
            guard let first = line.utf8.first else { return false }
            if "#><|`~".utf8.contains(first) { return false }
            if "-*+".utf8.contains(first), line.utf8.dropFirst().first == 0x20 { return false }  // a list item
            let digits = line.utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            if digits > 0, let after = line.utf8.dropFirst(digits).first, after == 0x2E || after == 0x29 { return false }
            return true
        }
        guard index >= 0, isTermLine(lines[index]) else { return nil }
        while index > 0, isTermLine(lines[index - 1]) { index -= 1 }
        return index
    }

    /// The `>` lines of a blockquote from `start` on: their text without the `> ` (and the widths
    /// cut), and whether it holds a colon fence or a pipe table, which cmark would leave as text.
    /// Only a quote ended by a blank line (or the end) is parsed as MyST on its own, so no lazy
    /// continuation line is lost; other quotes are left to cmark whole.
    static func quotedRun(_ lines: [Substring], from start: Int) -> (end: Int, content: [String], shifts: [Int], holdsMySTSyntax: Bool) {
        var content: [String] = [], shifts: [Int] = []
        var index = start
        while index < lines.count {
            let line = lines[index]
            let indent = line.utf8.prefix { $0 == 0x20 }.count
            guard indent <= 3, line.utf8.dropFirst(indent).first == 0x3E else { break }
            let afterMarker = line.utf8.dropFirst(indent + 1)
            let cut = indent + 1 + (afterMarker.first == 0x20 ? 1 : 0)
            content.append(String(line.dropFirst(cut)))
            shifts.append(cut)
            index += 1
        }
        let endsCleanly = index == lines.count || lines[index].allSatisfy { $0 == " " || $0 == "\t" }
        let hasColonFence = content.contains { Fence.open(Substring($0))?.char == ":" }
        let hasTable = content.indices.dropLast().contains {
            content[$0].containsByte(UInt8(ascii: "|")) && content[$0 + 1].containsByte(UInt8(ascii: "|"))
                && content[$0 + 1].containsByte(UInt8(ascii: "-"))
        }
        return (index - 1, content, shifts, endsCleanly && (hasColonFence || hasTable))
    }

    /// `(label)=` alone on a line.
    static func targetLabel(_ body: Substring) -> String? {
        let trimmed = body.trimmingSuffix(while: { $0 == " " || $0 == "\t" })
        guard trimmed.hasPrefix("("), trimmed.hasSuffix(")="), trimmed.count > 3 else { return nil }
        let label = trimmed.dropFirst().dropLast(2)
        guard !label.utf8.contains(UInt8(ascii: ")")), !label.trimmingWhitespace().isEmpty else { return nil }
        return String(label)
    }

    /// `$$ … $$` on one line, or `$$` … `$$` over several, optionally followed by `(label)`.
    static func displayMath(_ lines: [Substring], from start: Int) -> (MathBlock, Int)? {
        let first = lines[start].drop { $0 == " " }.dropFirst(2)
        func splitLabel(_ rest: Substring) -> String?? {
            let trimmed = rest.trimmingWhitespace()
            if trimmed.isEmpty { return .some(nil) }
            if trimmed.hasPrefix("("), trimmed.hasSuffix(")") { return .some(String(trimmed.dropFirst().dropLast())) }
            return nil
        }
        if let close = Self.doubleDollar(in: first) {
            guard let label = splitLabel(first[close.upperBound...]) else { return nil }
            return (MathBlock(value: first[..<close.lowerBound].trimmingWhitespace(), label: label), start)
        }
        var content = [String(first)]
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            if let close = Self.doubleDollar(in: line) {
                guard let label = splitLabel(line[close.upperBound...]) else { return nil }
                content.append(String(line[..<close.lowerBound]))
                let value = content.joined(separator: "\n").trimmingWhitespaceAndNewlines()
                return (MathBlock(value: value, label: label), index)
            }
            if line.trimmingWhitespace().isEmpty { return nil }
            content.append(String(line))
            index += 1
        }
        return nil
    }

    /// Where the first `$$` of `text` is, found by its bytes.
    static func doubleDollar(in text: Substring) -> Range<Substring.Index>? {
        guard let offset = text.utf8Offset(of: "$$") else { return nil }
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        return start..<text.utf8.index(start, offsetBy: 2)
    }

    /// `[^label]: text`
    static func footnoteStart(_ body: Substring) -> (String, String)? {
        guard body.hasPrefix("[^"), let close = body.firstIndex(of: "]") else { return nil }
        let label = body[body.index(body.startIndex, offsetBy: 2)..<close]
        let after = body[body.index(after: close)...]
        guard !label.isEmpty, !label.contains(where: { $0.isWhitespace }), after.hasPrefix(":") else { return nil }
        // Only the spaces before the text go: its end stays, so the prefix's width is what was cut.
        return (String(label), String(after.dropFirst().drop { $0 == " " || $0 == "\t" }))
    }

    /// The last line of a footnote definition: following lines indented by 4, or blank lines
    /// followed by such lines, belong to it.
    static func footnoteEnd(_ lines: [Substring], from start: Int) -> Int {
        var end = start
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            if line.trimmingWhitespace().isEmpty { index += 1; continue }
            guard line.hasPrefix("    ") || line.hasPrefix("\t") else { break }
            end = index
            index += 1
        }
        // A lazy continuation line directly after the first line also belongs to it.
        if end == start, start + 1 < lines.count, !lines[start + 1].trimmingWhitespace().isEmpty,
           Fence.open(lines[start + 1]) == nil, footnoteStart(lines[start + 1].drop { $0 == " " }) == nil {
            var lazy = start + 1
            while lazy + 1 < lines.count, !lines[lazy + 1].trimmingWhitespace().isEmpty { lazy += 1 }
            return lazy
        }
        return end
    }

    /// Where colon fences close, found by one scan for every fence it passes: the close line
    /// (nil if never closed) and the longest backtick fence inside.
    typealias FenceEnds = [Int: (close: Int?, longestBackticks: Int)]

    /// Turns a colon fence into a backtick fence with the same lines, long enough to hold any
    /// backtick fence inside. Returns the index of the line after its closing fence.
    static func convertColonFence(_ fence: Fence, at start: Int, lines: inout [Substring], ends: inout FenceEnds,
                                  session: inout ParseSession, range: (Int, Int) -> SourceRange) -> Int {
        guard fence.info.hasPrefix("{") else {
            // A colon fence without a directive name: leave it as text.
            return start + 1
        }
        if ends[start] == nil { findEnds(from: start, count: fence.count, lines: lines, into: &ends) }
        guard let (close, longestBackticks) = ends[start], let index = close else {
            session.warn("colon-fence-unclosed", "':::\(fence.info)' is never closed; its text is kept as it is",
                         at: range(start, fence.indent + 1))
            return start + 1
        }
        let ticks = String(repeating: "`", count: max(3, longestBackticks + 1))
        let pad = String(repeating: " ", count: fence.indent)
        lines[start] = Substring(pad + ticks + fence.info)
        lines[index] = Substring(pad + ticks)
        return index + 1
    }

    /// Finds the close of the colon fence opened at `start`, honouring nested colon fences and
    /// skipping code fences, and records it, with the close of every fence opened inside
    /// (the scan from each of those would see the same lines), so unclosed fences cost one scan.
    static func findEnds(from start: Int, count: Int, lines: [Substring], into ends: inout FenceEnds) {
        var open = [(line: start, count: count, longestBackticks: 0)]
        var index = start + 1
        while index < lines.count, let innermost = open.last {
            guard let inner = Fence.open(lines[index]) else { index += 1; continue }
            if inner.char == ":" {
                if !inner.info.isEmpty {
                    open.append((index, inner.count, 0))
                } else if inner.count >= innermost.count {
                    // A bare colon line closes the innermost fence it is long enough for.
                    open.removeLast()
                    ends[innermost.line] = (index, innermost.longestBackticks)
                    if !open.isEmpty {
                        open[open.count - 1].longestBackticks = max(open[open.count - 1].longestBackticks, innermost.longestBackticks)
                    }
                }
                index += 1
                continue
            }
            if inner.char == "`" { open[open.count - 1].longestBackticks = max(innermost.longestBackticks, inner.count) }
            index = Fence.close(inner, in: lines, after: index) + 1
        }
        for fence in open { ends[fence.line] = (nil, fence.longestBackticks) }
    }
}

/// A code or directive fence line: ```` ``` ````, `~~~` or `:::`, with its info string.
struct Fence {
    var indent: Int
    var char: Character
    var count: Int
    var info: String

    static func open(_ line: Substring) -> Fence? {
        // Bytes, not Characters: every line of every text passes here.
        let bytes = line.utf8
        var index = bytes.startIndex
        var indent = 0
        while index != bytes.endIndex, bytes[index] == 0x20 {
            indent += 1
            index = bytes.index(after: index)
        }
        guard index != bytes.endIndex else { return nil }
        let mark = bytes[index]
        guard mark == 0x60 || mark == 0x7E || mark == 0x3A else { return nil }
        var count = 0
        while index != bytes.endIndex, bytes[index] == mark {
            count += 1
            index = bytes.index(after: index)
        }
        guard count >= 3 else { return nil }
        let rest = line[index...]
        let info: String
        if let first = rest.utf8.first, let last = rest.utf8.last, first < 0x80, last < 0x80, first != 0x20, first != 0x09,
           last != 0x20, last != 0x09 {
            info = String(rest)
        } else {
            info = rest.trimmingWhitespace()
        }
        if mark == 0x60 && info.utf8.contains(0x60) { return nil }
        return Fence(indent: indent, char: Character(Unicode.Scalar(mark)), count: count, info: info)
    }

    /// The index of the line closing `fence` opened at `start` (the last line if none does).
    static func close(_ fence: Fence, in lines: [Substring], after start: Int) -> Int {
        var index = start + 1
        while index < lines.count {
            let line = lines[index].drop { $0 == " " }
            let count = line.prefix { $0 == fence.char }.count
            if count >= fence.count, line.dropFirst(count).allSatisfy({ $0 == " " || $0 == "\t" }) { return index }
            index += 1
        }
        return lines.count - 1
    }
}
