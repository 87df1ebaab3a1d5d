import Foundation

/// Markdown citations, as mystmd reads them: `[@key]`, `[@a; @b]`, `[see @key, p. 3]`
/// (parenthetical) and `@key` in running text (narrative). A bare `@word` becomes a citation
/// only if the bibliography has that key (the resolve stage turns the others back into
/// text), so GitHub handles and the like stay as written. Not inside links or code.
enum CitationSyntax {
    static func apply(_ inlines: [Inline]) -> [Inline] {
        InlineTextPass.apply(inlines, mayMatch: { $0.containsByte(UInt8(ascii: "@")) }, split: split)
    }

    /// One text node cut into text and citations, in one pass.
    static func split(_ text: String, range: SourceRange?) -> [Inline] {
        let bytes = Array(text.utf8)
        // Where the next `]` is from each position (or nil), found once from the end.
        var nextClose = [Int?](repeating: nil, count: bytes.count + 1)
        for index in stride(from: bytes.count - 1, through: 0, by: -1) {
            nextClose[index] = bytes[index] == UInt8(ascii: "]") ? index : nextClose[index + 1]
        }
        var result: [Inline] = []
        var textStart = 0
        var index = 0
        var lines = LineCounter()
        func flush(upTo end: Int) {
            if end > textStart { result.append(Inline(.text(String(decoding: bytes[textStart..<end], as: UTF8.self)), at: range)) }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "["), let close = nextClose[index + 1],
               let items = bracketed(bytes[(index + 1)..<close]) {
                flush(upTo: index)
                result.append(Inline(.cite(Citation(kind: .parenthetical, items: items)), at: lines.position(range, bytes, index)))
                index = close + 1
                textStart = index
                continue
            }
            if byte == UInt8(ascii: "@"), index == 0 || !isKeyCharacter(bytes[index - 1]) && bytes[index - 1] != UInt8(ascii: "\\"),
               let end = keyEnd(bytes, from: index + 1) {
                flush(upTo: index)
                let key = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                result.append(Inline(.cite(Citation(kind: .narrative, items: [Citation.Item(key: key)], isBare: true)),
                                     at: lines.position(range, bytes, index)))
                index = end
                textStart = index
                continue
            }
            index += 1
        }
        flush(upTo: bytes.count)
        return result
    }

    /// `see @a, p. 3; @b` → its items, or nil when some part names no key.
    private static func bracketed(_ inside: ArraySlice<UInt8>) -> [Citation.Item]? {
        guard inside.contains(UInt8(ascii: "@")) else { return nil }
        var items: [Citation.Item] = []
        for part in inside.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false) {
            let part = Array(part)
            guard let at = part.indices.first(where: { index in
                part[index] == UInt8(ascii: "@") && (index == 0 || part[index - 1] == UInt8(ascii: " ") || part[index - 1] == UInt8(ascii: "-"))
            }), let end = keyEnd(part, from: at + 1) else { return nil }
            var prefix = String(decoding: part[..<at], as: UTF8.self).trimmingWhitespace()
            if prefix.hasSuffix("-") { prefix.removeLast() }  // `-@key`: the year alone, read as the key
            var suffix = String(decoding: part[end...], as: UTF8.self).trimmingWhitespace()
            if suffix.hasPrefix(",") { suffix = String(suffix.dropFirst()).trimmingWhitespace() }
            var item = Citation.Item(key: String(decoding: part[(at + 1)..<end], as: UTF8.self))
            item.prefix = prefix.isEmpty ? nil : prefix.trimmingWhitespace()
            item.suffix = suffix.isEmpty ? nil : suffix
            items.append(item)
        }
        return items.isEmpty ? nil : items
    }

    /// The end of a citation key starting at `start`: letters, digits and `_`, with `:.#$%&-+?<>~/`
    /// allowed inside but not at the end (so "@key." ends before the full stop).
    private static func keyEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count, isKeyCharacter(bytes[start]) else { return nil }
        var end = start
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if isKeyCharacter(byte) {
                index += 1
                end = index
            } else if ":.#$%&-+?<>~/".utf8.contains(byte) {
                index += 1
            } else {
                break
            }
        }
        return end
    }

    private static func isKeyCharacter(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            || byte >= 0x80
    }

    /// Positions inside a text node, counting its line breaks once as the scan moves forward.
    struct LineCounter {
        private var scanned = 0
        private var lines = 0
        private var lineStart = 0

        /// The position of byte `offset` (never before the last one asked for) of a text node
        /// that starts at `range`.
        mutating func position(_ range: SourceRange?, _ bytes: [UInt8], _ offset: Int) -> SourceRange? {
            while scanned < offset {
                if bytes[scanned] == UInt8(ascii: "\n") {
                    lines += 1
                    lineStart = scanned + 1
                }
                scanned += 1
            }
            guard var range else { return nil }
            range.start = SourcePosition(line: range.start.line + lines,
                                         column: lines == 0 ? range.start.column + offset : offset - lineStart + 1)
            range.end = range.start
            return range
        }
    }
}
