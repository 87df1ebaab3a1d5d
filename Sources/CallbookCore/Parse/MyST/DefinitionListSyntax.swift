/// MyST's definition lists — a term on its own line, then `: definition` (continuation lines
/// indented), several terms and definitions in a row — and the older glossary form, where the
/// definition is simply indented below its terms. Used by the block scanner (anywhere in a
/// chapter) and by `{glossary}`.
enum DefinitionListSyntax {
    /// One entry as written: its term lines and its definitions' lines (0-based line numbers).
    struct RawItem {
        var terms: [(text: Substring, line: Int)] = []
        var definitions: [(lines: [Substring], line: Int, column: Int)] = []
    }

    /// `: text` (a colon then a space or tab), at most three spaces in.
    static func isMarker(_ line: Substring) -> Bool {
        let bytes = line.utf8
        let indent = bytes.prefix { $0 == 0x20 }.count
        guard indent <= 3 else { return false }
        let rest = bytes.dropFirst(indent)
        guard rest.first == 0x3A else { return false }
        let after = rest.dropFirst().first
        return after == 0x20 || after == 0x09 || after == nil
    }

    static func isBlank(_ line: Substring) -> Bool { line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    static func isIndented(_ line: Substring) -> Bool { line.utf8.first == 0x20 || line.utf8.first == 0x09 }

    /// The entries from the term at `start` on, and the last line they take. With
    /// `indentedDefinitions`, a definition may also be indented lines below its terms.
    static func read(_ lines: [Substring], from start: Int, indentedDefinitions: Bool) -> (items: [RawItem], end: Int) {
        var items: [RawItem] = []
        var index = start
        var end = start - 1
        while index < lines.count {
            var item = RawItem()
            var cursor = index
            while cursor < lines.count, !isBlank(lines[cursor]), !isMarker(lines[cursor]), !isIndented(lines[cursor]) {
                item.terms.append((lines[cursor].drop { $0 == " " }, cursor))
                cursor += 1
            }
            if cursor < lines.count, isBlank(lines[cursor]) { cursor += 1 }  // a loose list
            func startsDefinition(_ line: Substring) -> Bool {
                isMarker(line) || (indentedDefinitions && isIndented(line) && !isBlank(line))
            }
            guard !item.terms.isEmpty, cursor < lines.count, startsDefinition(lines[cursor]) else { break }
            while cursor < lines.count, startsDefinition(lines[cursor]) {
                let first = lines[cursor]
                var definition: (lines: [Substring], line: Int, column: Int)
                if isMarker(first) {
                    let indent = first.prefix { $0 == " " }.count
                    let text = first.dropFirst(indent + 1).drop { $0 == " " || $0 == "\t" }
                    definition = ([text], cursor, first.utf8.count - text.utf8.count + 1)
                } else {
                    definition = ([first], cursor, 1)
                }
                cursor += 1
                // Continuation: indented lines, and blank lines followed by an indented one.
                while cursor < lines.count {
                    if isIndented(lines[cursor]), !isBlank(lines[cursor]) {
                        definition.lines.append(lines[cursor])
                        cursor += 1
                    } else if isBlank(lines[cursor]) {
                        var next = cursor
                        while next < lines.count, isBlank(lines[next]) { next += 1 }
                        guard next < lines.count, isIndented(lines[next]) || isMarker(lines[next]) else { break }
                        if isMarker(lines[next]) { cursor = next; break }
                        definition.lines += lines[cursor..<next]
                        cursor = next
                    } else {
                        break
                    }
                }
                item.definitions.append(definition)
            }
            items.append(item)
            end = cursor - 1
            while end >= index, isBlank(lines[end]) { end -= 1 }
            // The next entry, after blank lines: terms followed by a definition.
            index = cursor
            while index < lines.count, isBlank(lines[index]) { index += 1 }
        }
        return (items, end)
    }

    /// The entries as nodes; `glossary` gives each term its `term-<slug>` target.
    static func build(_ raw: [RawItem], lineOffset: Int, glossary: Bool, session: inout ParseSession) -> [DefinitionItem] {
        var items: [DefinitionItem] = []
        for entry in raw {
            var blocks: [Block] = []
            for definition in entry.definitions {
                // Continuation lines lose their common indent; the first line has lost its `: `.
                let rest = Glossary.dedent(definition.lines.dropFirst().map(String.init))
                let text = ([String(definition.lines[0])] + rest).joined(separator: "\n")
                blocks += session.parseBlocks(text, lineOffset: lineOffset + definition.line)
            }
            for term in entry.terms {
                let line = lineOffset + term.line + 1
                let inlines = session.parseInlines(String(term.text), line: line, column: 1)
                items.append(DefinitionItem(term: inlines, identifier: glossary ? "term-" + Slugger.slug(inlines.plainText) : "",
                                            definition: blocks, range: SourceRange(file: session.file, line: line, column: 1)))
            }
        }
        return items
    }
}
