/// `glossary`: terms on their own lines, each followed by its definition — `: definition` as
/// in MyST's definition lists, or indented below, as in Sphinx. Every term gets the target
/// `term-<slug>`, which `{term}` references find.
enum Glossary {
    static let spec = DirectiveSpec(names: ["glossary"], argument: .none, options: ["sorted": .flag, "class": .classes],
                                    body: .raw) { invocation, session in
        let lines = invocation.body.lineSlices()
        var raw: [DefinitionListSyntax.RawItem] = []
        var index = 0
        while index < lines.count {
            while index < lines.count, DefinitionListSyntax.isBlank(lines[index]) { index += 1 }
            guard index < lines.count else { break }
            let (items, end) = DefinitionListSyntax.read(lines, from: index, indentedDefinitions: true)
            guard !items.isEmpty else {
                session.warn("glossary-term-without-definition", "glossary line '\(lines[index])' is no term with a definition; it is left out",
                             at: SourceRange(file: session.file, line: invocation.bodyLineOffset + index + 1, column: 1))
                index += 1
                continue
            }
            raw += items
            index = end + 1
        }
        var items = DefinitionListSyntax.build(raw, lineOffset: invocation.bodyLineOffset, glossary: true, session: &session)
        if invocation.flag("sorted") { items.sort { $0.term.plainText.lowercased() < $1.term.plainText.lowercased() } }
        return [Block(.definitionList(items), at: invocation.range)]
    }

    /// Removes the common leading white space of the lines.
    static func dedent(_ lines: [String]) -> [String] {
        // Looks at bytes (every directive body passes here); Foundation only for lines of
        // nothing but white space and other non-ASCII text, to tell whether they are blank.
        var common = Int.max
        for line in lines {
            let indent = line.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count
            guard indent < common else { continue }
            let rest = line.utf8.dropFirst(indent)
            let blank = rest.isEmpty || (!rest.contains { $0 < 0x80 && $0 != 0x20 && $0 != 0x09 }
                && line.trimmingWhitespace().isEmpty)
            if !blank { common = indent }
        }
        guard common != Int.max, common > 0 else { return lines }
        return lines.map { String($0.dropFirst(min(common, $0.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count))) }
    }
}
