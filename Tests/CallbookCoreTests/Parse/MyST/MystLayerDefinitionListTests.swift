@testable import CallbookCore
import Foundation
import Testing

/// MyST definition lists (`Term` then `: definition`), anywhere and inside `{glossary}`, and the
/// older glossary form with indented definitions. Expected HTML written from MyST's syntax guide.
@Suite struct MystLayerDefinitionListTests {
    @Test func termsAndDefinitionsAnywhere() {
        let (doc, diagnostics) = MystLayer.parse("""
            Term one
            : First definition,
              continued.

            Term two
            Alias
            : Second.
            : Another.

            After.

            - a list item
            : is no term
            """)
        #expect(diagnostics.isEmpty)
        #expect(HTMLRenderer().render(doc) == """
            <dl>
            <dt>Term one</dt>
            <dd>
            <p>First definition,
            continued.</p>
            </dd>
            <dt>Term two</dt>
            <dd>
            <p>Second.</p>
            <p>Another.</p>
            </dd>
            <dt>Alias</dt>
            <dd>
            <p>Second.</p>
            <p>Another.</p>
            </dd>
            </dl>
            <p>After.</p>
            <ul>
            <li>a list item
            : is no term</li>
            </ul>

            """)
    }

    @Test func glossaryInBothForms() throws {
        let (doc, diagnostics) = MystLayer.parse("""
            ```{glossary}
            Binder
            : A service that runs
              shared projects.

            Cafe
            Coffee
              An indented definition, as Sphinx writes it.
            ```
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        guard case .directive(let directive)? = doc.children.first?.kind,
              case .definitionList(let items)? = directive.children.first?.kind else {
            Issue.record("no definition list")
            return
        }
        #expect(items.map(\.term.plainText) == ["Binder", "Cafe", "Coffee"])
        #expect(items.map(\.identifier) == ["term-binder", "term-cafe", "term-coffee"])
        #expect(items[0].definition.map { [$0].first.map { block -> String in
            if case .paragraph(let inlines) = block.kind { return inlines.plainText } else { return "" }
        } ?? "" } == ["A service that runs\nshared projects."])
        #expect(items[1].definition == items[2].definition)
        #expect(items[0].range?.start.line == 2)
    }

    /// The Turing Way's glossary: every `: ` line of its `{glossary}` blocks, counted here from
    /// the source, is one term's definition, and each term shows its own.
    @Test(.enabled(if: SharedData.isAvailable)) func turingWayGlossaryHasEachTermWithItsDefinition() async throws {
        let file = try SharedData.path("corpus/turing-way/website/afterword/glossary.md")
        let source = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var expected: [(term: String, definition: String)] = []
        var inGlossary = false
        for (index, line) in source.enumerated() {
            if line.hasPrefix("```{glossary}") { inGlossary = true; continue }
            if line.hasPrefix("```") { inGlossary = false; continue }
            if inGlossary, line.hasPrefix(": "), index > 0 {
                expected.append((String(source[index - 1]), String(line.dropFirst(2))))
            }
        }
        #expect(expected.count == 161)
        let chapter = ChapterParser().parse(ChapterSource(path: "glossary.md", displayPath: "glossary.md",
                                                          text: source.joined(separator: "\n")))
        var items: [DefinitionItem] = []
        chapter.document.walk(block: { block in
            if case .definitionList(let list) = block.kind { items += list }
        })
        #expect(items.count == 161)
        for (item, (term, definition)) in zip(items, expected) {
            #expect(item.term.plainText == term.trimmingCharacters(in: .whitespaces))
            let first = item.definition.first.map { block -> String in
                if case .paragraph(let inlines) = block.kind { return inlines.plainText } else { return "" }
            } ?? ""
            // The definition's first words, before any role or markup the plain text would change.
            let words = definition.prefix { $0 != "{" && $0 != "[" && $0 != "*" && $0 != "_" && $0 != "`" }.prefix(30)
            #expect(first.hasPrefix(words), "\(term): \(first.prefix(60)) does not start with \(words)")
        }
    }
}
