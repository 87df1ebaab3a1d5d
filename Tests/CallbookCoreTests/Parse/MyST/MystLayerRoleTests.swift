import CallbookCore
import Testing

/// Roles: `{name}`content`` → `mystRole` with the nodes it produced, and their HTML (before the
/// resolve stage, references are unresolved spans).
@Suite struct MystLayerRoleTests {
    /// The children of the single paragraph of `text`, as one-line JSON each.
    static func inlines(_ text: String) -> (json: [String], html: String, diagnostics: [Diagnostic]) {
        let (doc, diagnostics) = MystLayer.parse(text)
        guard doc.children.count == 1, case .paragraph(let inlines) = doc.children[0].kind else {
            return ([MystLayer.tree(doc)], HTMLRenderer().render(doc), diagnostics)
        }
        return (inlines.map { MystLayer.tree(Block(.paragraph([$0]))) }
            .map { String($0.dropFirst(#"{"type":"paragraph","children":["#.count).dropLast(2)) },
                HTMLRenderer().render(doc), diagnostics)
    }

    @Test func refWithImplicitAndExplicitText() {
        let (json, html, diagnostics) = Self.inlines("See {ref}`sec-x` and {ref}`the section <sec-x>`.")
        #expect(json == [
            #"{"type":"text","value":"See "}"#,
            #"{"type":"mystRole","name":"ref","value":"sec-x","children":[{"type":"crossReference","kind":"ref","identifier":"sec-x","label":"sec-x"}]}"#,
            #"{"type":"text","value":" and "}"#,
            #"{"type":"mystRole","name":"ref","value":"the section <sec-x>","children":[{"type":"crossReference","kind":"ref","identifier":"sec-x","label":"sec-x","children":[{"type":"text","value":"the section"}]}]}"#,
            #"{"type":"text","value":"."}"#,
        ])
        #expect(html == "<p>See <span class=\"reference unresolved\">sec-x</span> and <span class=\"reference unresolved\">the section</span>.</p>\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func numrefKeepsItsTemplateTextAndLabel() throws {
        let (doc, _) = MystLayer.parse("As {numref}`Figure %s <fig-x>` shows.")
        let reference = try #require(MystLayer.allInlines(doc).compactMap { inline -> CrossReference? in
            if case .crossReference(let r) = inline.kind { return r } else { return nil }
        }.first)
        #expect(reference.kind == .numref)
        #expect(reference.label == "fig-x")
        #expect(reference.identifier == "fig-x")
        #expect(reference.children.plainText == "Figure %s")
        #expect(Self.inlines("As {numref}`Figure %s <fig-x>` shows.").json[1]
            == #"{"type":"mystRole","name":"numref","value":"Figure %s <fig-x>","children":[{"type":"crossReference","kind":"numref","identifier":"fig-x","label":"fig-x","children":[{"type":"text","value":"Figure %s"}]}]}"#)
    }

    @Test func docAndTermAreReferences() {
        let (json, html, _) = Self.inlines("{doc}`other/page` and {term}`MyST`")
        #expect(json == [
            #"{"type":"mystRole","name":"doc","value":"other/page","children":[{"type":"crossReference","kind":"doc","identifier":"other/page","label":"other/page"}]}"#,
            #"{"type":"text","value":" and "}"#,
            #"{"type":"mystRole","name":"term","value":"MyST","children":[{"type":"crossReference","kind":"term","identifier":"myst","label":"MyST"}]}"#,
        ])
        #expect(html == "<p><span class=\"reference unresolved\">other/page</span> and <span class=\"reference unresolved\">MyST</span></p>\n")
    }

    @Test func mathRole() {
        let (json, html, _) = Self.inlines("Math {math}`e^{i\\pi} < 0`.")
        #expect(json[1] == #"{"type":"mystRole","name":"math","value":"e^{i\\pi} < 0","children":[{"type":"inlineMath","value":"e^{i\\pi} < 0"}]}"#)
        #expect(html == "<p>Math <span class=\"math-inline\">\\(e^{i\\pi} &lt; 0\\)</span>.</p>\n")
    }

    @Test func subAndSup() {
        let (json, html, _) = Self.inlines("H{sub}`2`O and x{sup}`2`")
        #expect(json == [
            #"{"type":"text","value":"H"}"#,
            #"{"type":"mystRole","name":"sub","value":"2","children":[{"type":"subscript","children":[{"type":"text","value":"2"}]}]}"#,
            #"{"type":"text","value":"O and x"}"#,
            #"{"type":"mystRole","name":"sup","value":"2","children":[{"type":"superscript","children":[{"type":"text","value":"2"}]}]}"#,
        ])
        #expect(html == "<p>H<sub>2</sub>O and x<sup>2</sup></p>\n")
    }

    @Test func abbrWithTitle() {
        let (json, html, _) = Self.inlines("{abbr}`MyST (Markedly Structured Text)`")
        #expect(json == [#"{"type":"mystRole","name":"abbr","value":"MyST (Markedly Structured Text)","children":[{"type":"abbreviation","title":"Markedly Structured Text","children":[{"type":"text","value":"MyST"}]}]}"#])
        #expect(html == "<p><abbr title=\"Markedly Structured Text\">MyST</abbr></p>\n")
    }

    @Test func abbrWithoutTitle() {
        let (_, html, _) = Self.inlines("{abbr}`HTML`")
        #expect(html == "<p><abbr>HTML</abbr></p>\n")
    }

    @Test func kbdUnderlineDelete() {
        let (json, html, _) = Self.inlines("{kbd}`Ctrl+C`, {u}`under`, {del}`gone`")
        #expect(json == [
            #"{"type":"mystRole","name":"kbd","value":"Ctrl+C","children":[{"type":"keyboard","children":[{"type":"text","value":"Ctrl+C"}]}]}"#,
            #"{"type":"text","value":", "}"#,
            #"{"type":"mystRole","name":"u","value":"under","children":[{"type":"underline","children":[{"type":"text","value":"under"}]}]}"#,
            #"{"type":"text","value":", "}"#,
            #"{"type":"mystRole","name":"del","value":"gone","children":[{"type":"delete","children":[{"type":"text","value":"gone"}]}]}"#,
        ])
        #expect(html == "<p><kbd>Ctrl+C</kbd>, <u>under</u>, <del>gone</del></p>\n")
    }

    @Test func roleContentIsEscaped() {
        let (_, html, _) = Self.inlines("{kbd}`<b>` {sub}`a&b`")
        #expect(html == "<p><kbd>&lt;b&gt;</kbd> <sub>a&amp;b</sub></p>\n")
    }

    @Test func roleInsideEmphasis() {
        let (json, html, _) = Self.inlines("*water is H{sub}`2`O*")
        #expect(json == [#"{"type":"emphasis","children":[{"type":"text","value":"water is H"},{"type":"mystRole","name":"sub","value":"2","children":[{"type":"subscript","children":[{"type":"text","value":"2"}]}]},{"type":"text","value":"O"}]}"#])
        #expect(html == "<p><em>water is H<sub>2</sub>O</em></p>\n")
    }

    @Test func citationRolesAndMarkdownCitationsBecomeCitations() throws {
        let (doc, diagnostics) = MystLayer.parse("""
            Cite {cite:p}`smith2020, doe2021` and {cite:t}`roe`, {cite}`x`, {cite:yearpar}`y`, {cite:alp}`z`.

            Also [see @a, p. 3; @b], @c says, mail x@y.org and `@code`.
            """)
        #expect(diagnostics.isEmpty)
        let citations = MystLayer.allInlines(doc).compactMap { inline -> Citation? in
            if case .cite(let citation) = inline.kind { return citation } else { return nil }
        }
        #expect(citations.map { $0.items.map(\.key) } == [["smith2020", "doe2021"], ["roe"], ["x"], ["y"], ["z"], ["a", "b"], ["c"]])
        #expect(citations.map(\.kind) == [.parenthetical, .narrative, .narrative, .parenthetical, .parenthetical, .parenthetical, .narrative])
        #expect(citations.map(\.form) == [.authorYear, .authorYear, .authorYear, .yearInParentheses, .withoutParentheses, .authorYear, .authorYear])
        #expect(citations[5].items[0].prefix == "see")
        #expect(citations[5].items[0].suffix == "p. 3")
        #expect(citations[6].isBare)
        #expect(citations[6].items[0].key == "c")
        // Unbound (no bibliography yet): the keys, visibly unresolved.
        let html = HTMLRenderer().render(doc)
        #expect(html.contains("Cite (<span class=\"citation unresolved\">smith2020</span>; <span class=\"citation unresolved\">doe2021</span>) and <span class=\"citation unresolved\">roe</span>"))
        #expect(html.contains("mail <a href=\"mailto:x@y.org\">x@y.org</a> and <code>@code</code>"))
    }

    @Test func aCitationRoleWithoutKeysWarns() {
        let (_, diagnostics) = MystLayer.parse("Empty {cite:p}` ` here.")
        #expect(MystLayer.diagnostics(diagnostics, "unknown-role").count == 1)
    }

    @Test func unknownRoleWarnsAndKeepsContentAsCode() throws {
        let (json, html, diagnostics) = Self.inlines("Unknown {foo}`bar <b>` here.")
        #expect(json[1] == #"{"type":"mystRole","name":"foo","value":"bar <b>"}"#)
        #expect(html == "<p>Unknown <code class=\"role-unhandled\">bar &lt;b&gt;</code> here.</p>\n")
        let warnings = MystLayer.diagnostics(diagnostics, "unknown-role")
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("{foo}"))
        #expect(warning.range?.start.line == 1)
        do {
            // `{foo}` starts at column 9.
            #expect(warning.range?.start.column == 9)
        }
    }

    @Test func rolePositions() throws {
        let (doc, _) = MystLayer.parse("Intro.\n\n{sub}`2` text\n")
        let role = try #require(MystLayer.allInlines(doc).first { if case .role = $0.kind { return true } else { return false } })
        #expect(role.range?.start.line == 3)
        do {
            #expect(role.range?.start.column == 1)
        }
    }

    @Test func rolesAreNotReadInsideCodeSpans() {
        let (json, html, diagnostics) = Self.inlines("`` {sub}`2` ``")
        #expect(json == [#"{"type":"inlineCode","value":"{sub}`2`"}"#])
        #expect(html == "<p><code>{sub}`2`</code></p>\n")
        #expect(diagnostics.isEmpty)
    }
}
