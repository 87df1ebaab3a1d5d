/// GitHub-Flavored Markdown pipe tables, which libcmark does not have: a header row, a
/// delimiter row (`---`, `:--`, `:-:`, `--:`) with as many cells, then body rows until a blank
/// line, a line outside the table's container or the start of another block (`PipeTableEnd`). Cells are split on unescaped `|` (also inside code
/// spans; `\|` puts a pipe in a cell) and parsed as inline Markdown.
enum PipeTable {
    struct Parsed {
        var table: Table
        var lastLine: Int
    }

    /// The table whose header is line `start`, in a container (a list item) whose content starts
    /// at column `blockIndent`; nil if the lines are no table.
    static func parse(_ lines: [Substring], headerAt start: Int, blockIndent: Int = 0, lineOffset: Int,
                      ends: inout PipeTableEnd, session: inout ParseSession) -> Parsed? {
        let header = lines[start]
        guard start + 1 < lines.count, header.utf8.contains(0x7C), lines[start + 1].utf8.contains(0x2D),
              (blockIndent..<(blockIndent + 4)).contains(lines[start + 1].prefix { $0 == " " }.count),
              lines[start + 1].utf8.allSatisfy({ $0 == 0x7C || $0 == 0x2D || $0 == 0x3A || $0 == 0x20 || $0 == 0x09 }),
              let alignments = delimiterRow(lines[start + 1]) else { return nil }
        let headerCells = split(header)
        guard headerCells.count == alignments.count else { return nil }

        var rows = [row(headerCells, header: true, alignments: alignments, line: start, lineOffset: lineOffset, session: &session)]
        var last = start + 1
        var index = start + 2
        while index < lines.count, !ends.endsTable(lines, at: index, blockIndent: blockIndent) {
            rows.append(row(split(lines[index]), header: false, alignments: alignments, line: index,
                            lineOffset: lineOffset, session: &session))
            last = index
            index += 1
        }
        return Parsed(table: Table(rows: rows), lastLine: last)
    }

    /// The alignments of a delimiter row, or nil if the line is not one.
    static func delimiterRow(_ line: Substring) -> [Table.Alignment?]? {
        let cells = split(line)
        guard !cells.isEmpty else { return nil }
        var result: [Table.Alignment?] = []
        for cell in cells {
            let text = cell.text.trimmingWhitespace()
            let left = text.hasPrefix(":"), right = text.hasSuffix(":")
            let dashes = text.dropFirst(left ? 1 : 0).dropLast(right && text.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : nil)
        }
        // A lone `---` line without pipes is a thematic break or setext underline, not a table.
        guard line.contains("|") else { return nil }
        return result
    }

    struct Cell {
        var text: String
        /// 1-based column of the cell's first byte in the line (UTF-8 bytes, as every column).
        var column: Int
    }

    /// Splits a row on unescaped pipes, dropping one leading and one trailing pipe; `\|` → `|`.
    /// Worked out on the line's UTF-8 bytes (a pipe is one byte, never inside a character).
    static func split(_ line: Substring) -> [Cell] {
        var line = line
        return line.withUTF8 { bytes in
            let pipe = UInt8(ascii: "|"), backslash = UInt8(ascii: "\\")
            func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
            // The line trimmed of spaces and tabs.
            var start = 0, end = bytes.count
            while start < end, isBlank(bytes[start]) { start += 1 }
            while end > start, isBlank(bytes[end - 1]) { end -= 1 }
            var index = start
            if index < end, bytes[index] == pipe { index += 1 }
            var cells: [Cell] = []
            var current: [UInt8] = []
            var cellStart = index
            var trailingPipe = false
            while index < end {
                let byte = bytes[index]
                if byte == backslash, index + 1 < end, bytes[index + 1] == pipe {
                    current.append(pipe)
                    index += 2
                    continue
                }
                if byte == pipe {
                    cells.append(Cell(text: String(decoding: current, as: UTF8.self), column: cellStart + 1))
                    current.removeAll(keepingCapacity: true)
                    index += 1
                    cellStart = index
                    trailingPipe = index == end
                    continue
                }
                current.append(byte)
                index += 1
            }
            if !trailingPipe || !current.isEmpty {
                cells.append(Cell(text: String(decoding: current, as: UTF8.self), column: cellStart + 1))
            }
            return cells
        }
    }

    static func row(_ cells: [Cell], header: Bool, alignments: [Table.Alignment?], line: Int, lineOffset: Int,
                    session: inout ParseSession) -> TableRow {
        // Rows are cut or padded to the header's width.
        var result: [TableCell] = []
        for (position, alignment) in alignments.enumerated() {
            var children: [Block] = []
            if position < cells.count {
                let cell = cells[position]
                let leading = cell.text.prefix { $0 == " " }.count
                let inlines = session.parseInlines(cell.text, line: line + 1 + lineOffset, column: cell.column + leading)
                if !inlines.isEmpty { children = [Block(.paragraph(inlines))] }
            }
            result.append(TableCell(header: header, align: alignment, children: children))
        }
        return TableRow(cells: result)
    }
}
