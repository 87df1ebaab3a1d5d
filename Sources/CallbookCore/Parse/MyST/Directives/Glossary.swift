/// `glossary`: terms on their own lines, each followed by an indented definition. Every term
/// gets the target `term-<slug>`, which `{term}` references find.
enum Glossary {
    static let spec = DirectiveSpec(names: ["glossary"], argument: .none, options: ["sorted": .flag, "class": .classes],
                                    body: .raw) { invocation, session in
        let lines = invocation.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var items: [DefinitionItem] = []
        var terms: [(String, Int)] = []
        var definition: [String] = []
        var definitionStart = 0
        func finish() {
            guard !terms.isEmpty else { return }
            let text = dedent(definition).joined(separator: "\n")
            let blocks = session.parseBlocks(text, lineOffset: invocation.bodyLineOffset + definitionStart)
            for (term, line) in terms {
                let inlines = session.parseInlines(term, line: invocation.bodyLineOffset + line + 1, column: 1)
                let range = SourceRange(file: session.file, line: invocation.bodyLineOffset + line + 1, column: 1)
                items.append(DefinitionItem(term: inlines, identifier: "term-" + Slugger.slug(inlines.plainText),
                                            definition: blocks, range: range))
            }
            terms = []
            definition = []
        }
        for (index, line) in lines.enumerated() {
            let indented = line.first == " " || line.first == "\t"
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !definition.isEmpty { definition.append("") }
            } else if !indented {
                if !definition.isEmpty { finish() }
                terms.append((line.trimmingCharacters(in: .whitespaces), index))
            } else {
                if definition.isEmpty { definitionStart = index }
                definition.append(line)
            }
        }
        finish()
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
                && line.trimmingCharacters(in: .whitespaces).isEmpty)
            if !blank { common = indent }
        }
        guard common != Int.max, common > 0 else { return lines }
        return lines.map { String($0.dropFirst(min(common, $0.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count))) }
    }
}
