import CallbookCore
import Testing

/// MyST's line-level syntax: `(label)=` targets, `%` comments, `+++` breaks, `$$` display math,
/// `$…$` inline math, and footnotes.
@Suite struct MystLayerBlockSyntaxTests {
    // MARK: Targets

    @Test func targetBeforeAHeading() throws {
        let (doc, diagnostics) = MystLayer.parse("(my-label)=\n# Heading\n")
        #expect(MystLayer.tree(doc) == #"{"type":"root","children":[{"type":"mystTarget","label":"my-label"},{"type":"heading","depth":1,"children":[{"type":"text","value":"Heading"}]}]}"#)
        #expect(doc.children.first?.range?.start.line == 1)
        #expect(doc.children.last?.range?.start.line == 2)
        // Before the resolve stage a target renders nothing.
        #expect(HTMLRenderer().render(doc) == "<h1>Heading</h1>\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func targetBeforeAParagraph() {
        let doc = MystLayer.document("Intro.\n\n(second)=\nPara after target.\n")
        #expect(MystLayer.tree(doc) == #"{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","value":"Intro."}]},{"type":"mystTarget","label":"second"},{"type":"paragraph","children":[{"type":"text","value":"Para after target."}]}]}"#)
    }

    /// Up to three spaces of indentation do not change what a line is (as in CommonMark).
    @Test func indentedLineSyntaxIsStillRecognised() {
        let doc = MystLayer.document("Intro.\n\n  (second)=\nPara.\n\n  % comment\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n\n $$ x $$\n")
        let html = HTMLRenderer().render(doc)
        do {
            #expect(MystLayer.tree(doc) == #"{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","value":"Intro."}]},{"type":"mystTarget","label":"second"},{"type":"paragraph","children":[{"type":"text","value":"Para."}]},{"type":"mystComment","value":"comment"},{"type":"table","children":[{"type":"tableRow","children":[{"type":"tableCell","header":true,"children":[{"type":"text","value":"a"}]},{"type":"tableCell","header":true,"children":[{"type":"text","value":"b"}]}]},{"type":"tableRow","children":[{"type":"tableCell","children":[{"type":"text","value":"1"}]},{"type":"tableCell","children":[{"type":"text","value":"2"}]}]}]},{"type":"math","value":"x"}]}"#)
            #expect(!html.contains("callbook:"))
            #expect(html.contains("<td>1</td>"))
        }
    }

    @Test func notTargets() {
        // Text after `=`, a space inside the parentheses only, or a code block: no target.
        let doc = MystLayer.document("(label)= more\n\n(  )=\n\n```\n(in-code)=\n```\n")
        #expect(MystLayer.allBlocks(doc).allSatisfy { if case .target = $0.kind { return false } else { return true } })
        #expect(HTMLRenderer().render(doc) == "<p>(label)= more</p>\n<p>(  )=</p>\n<pre><code>(in-code)=\n</code></pre>\n")
    }

    // MARK: Comments

    @Test func consecutiveCommentLinesMerge() {
        let (doc, diagnostics) = MystLayer.parse("% first comment\n%second comment\nText after.\n\n% another\n")
        #expect(MystLayer.tree(doc) == #"{"type":"root","children":[{"type":"mystComment","value":"first comment\nsecond comment"},{"type":"paragraph","children":[{"type":"text","value":"Text after."}]},{"type":"mystComment","value":"another"}]}"#)
        #expect(doc.children.map { $0.range?.start.line } == [1, 3, 5])
        #expect(HTMLRenderer().render(doc) == "<!-- first comment\nsecond comment -->\n<p>Text after.</p>\n<!-- another -->\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func commentInterruptsAParagraph() {
        let doc = MystLayer.document("Line one\n% hidden\nLine two\n")
        #expect(MystLayer.tree(doc) == #"{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","value":"Line one"}]},{"type":"mystComment","value":"hidden"},{"type":"paragraph","children":[{"type":"text","value":"Line two"}]}]}"#)
    }

    @Test func commentCannotCloseTheHTMLComment() {
        let html = MystLayer.html("% a -- b --> <script>x</script>\n")
        #expect(html == "<!-- a &#45;&#45; b &#45;&#45;&gt; &lt;script&gt;x&lt;/script&gt; -->\n")
        #expect(!html.contains("<script>"))
    }

    // MARK: Block breaks

    @Test func blockBreaksWithAndWithoutMetadata() {
        let (doc, diagnostics) = MystLayer.parse("First.\n+++ {\"part\": \"abstract\"}\nSecond.\n\n+++\n\nThird.\n")
        #expect(MystLayer.tree(doc) == #"{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","value":"First."}]},{"type":"blockBreak","meta":"{\"part\": \"abstract\"}"},{"type":"paragraph","children":[{"type":"text","value":"Second."}]},{"type":"blockBreak"},{"type":"paragraph","children":[{"type":"text","value":"Third."}]}]}"#)
        #expect(doc.children.map { $0.range?.start.line } == [1, 2, 3, 5, 7])
        #expect(HTMLRenderer().render(doc) == "<p>First.</p>\n<p>Second.</p>\n<p>Third.</p>\n")
        #expect(diagnostics.isEmpty)
    }

    // MARK: Display math

    @Test func displayMathOnOneLine() {
        let doc = MystLayer.document("$$ E = mc^2 $$\n")
        #expect(MystLayer.tree(doc) == #"{"type":"root","children":[{"type":"math","value":"E = mc^2"}]}"#)
        #expect(HTMLRenderer().render(doc) == "<div class=\"math-display\">\\[E = mc^2\\]</div>\n")
    }

    @Test func displayMathOverSeveralLinesWithLabel() {
        let doc = MystLayer.document("Before.\n\n$$\na + b\n= c\n$$ (eq-sum)\n\nAfter.\n")
        #expect(MystLayer.tree(doc) == #"{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","value":"Before."}]},{"type":"math","identifier":"eq-sum","label":"eq-sum","value":"a + b\n= c"},{"type":"paragraph","children":[{"type":"text","value":"After."}]}]}"#)
        #expect(doc.children.map { $0.range?.start.line } == [1, 3, 8])
        #expect(MystLayer.strippingIDs(HTMLRenderer().render(doc)) == "<p>Before.</p>\n<div class=\"math-display\">\\[a + b\n= c\\]</div>\n<p>After.</p>\n")
    }

    @Test func displayMathOnOneLineWithLabel() {
        let doc = MystLayer.document("$$x^2$$ (eq-one-line)\n")
        #expect(MystLayer.tree(doc) == #"{"type":"root","children":[{"type":"math","identifier":"eq-one-line","label":"eq-one-line","value":"x^2"}]}"#)
    }

    @Test func displayMathIsEscaped() {
        #expect(MystLayer.html("$$ a<b $$\n") == "<div class=\"math-display\">\\[a&lt;b\\]</div>\n")
    }

    @Test func unclosedDisplayMathIsText() {
        let doc = MystLayer.document("$$\na + b\n\nrest\n")
        #expect(MystLayer.allBlocks(doc).allSatisfy { if case .math = $0.kind { return false } else { return true } })
    }

    // MARK: Inline math

    @Test func inlineMath() {
        let (doc, _) = MystLayer.parse("Inline $x^2$ math and $a<b$.")
        #expect(MystLayer.tree(doc) == #"{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","value":"Inline "},{"type":"inlineMath","value":"x^2"},{"type":"text","value":" math and "},{"type":"inlineMath","value":"a<b"},{"type":"text","value":"."}]}]}"#)
        #expect(HTMLRenderer().render(doc) == "<p>Inline <span class=\"math-inline\">\\(x^2\\)</span> math and <span class=\"math-inline\">\\(a&lt;b\\)</span>.</p>\n")
    }

    /// Dollar math as mystmd 1.11 reads it (checked by running it on these lines; its
    /// markdown-it-dollarmath allows spaces and digits around the delimiters): a `$` opens, the
    /// next `$` in the paragraph closes. Authors write `\$` (or code) for a literal dollar sign.
    @Test(arguments: [
        ("It costs $5 and $10.", [("text", "It costs "), ("inlineMath", "5 and "), ("text", "10.")]),
        ("a $ x$ b and 2$x$3", [("text", "a "), ("inlineMath", " x"), ("text", " b and 2"), ("inlineMath", "x"), ("text", "3")]),
        ("Tickets cost $5 and $10; the fee is 3$ more.", [("text", "Tickets cost "), ("inlineMath", "5 and "), ("text", "10; the fee is 3$ more.")]),
        ("Price $5 and 10$ total.", [("text", "Price "), ("inlineMath", "5 and 10"), ("text", " total.")]),
    ])
    func dollarMathAsMystmdReadsIt(_ input: String, _ expected: [(String, String)]) {
        let doc = MystLayer.document(input)
        let inlines = MystLayer.allInlines(doc).compactMap { inline -> (String, String)? in
            switch inline.kind {
            case .text(let value): return ("text", value)
            case .inlineMath(let value): return ("inlineMath", value)
            default: return nil
            }
        }
        #expect(inlines.map(\.0) == expected.map(\.0))
        #expect(inlines.map(\.1) == expected.map(\.1))
    }

    @Test func dollarsInCodeAreNotMath() {
        let doc = MystLayer.document("`$x$` and\n\n```\n$$\n```\n")
        #expect(MystLayer.allInlines(doc).allSatisfy { if case .inlineMath = $0.kind { return false } else { return true } })
        #expect(MystLayer.allBlocks(doc).allSatisfy { if case .math = $0.kind { return false } else { return true } })
    }

    @Test func inlineMathPosition() throws {
        let (doc, _) = MystLayer.parse("Intro.\n\nInline $x^2$ math.\n")
        let math = try #require(MystLayer.allInlines(doc).first { if case .inlineMath = $0.kind { return true } else { return false } })
        #expect(math.range?.start.line == 3)
        do {
            #expect(math.range?.start.column == 8)
        }
    }

    // MARK: Footnotes

    @Test func footnoteReferencesAndDefinitions() {
        let (doc, diagnostics) = MystLayer.parse("""
            Footnote here[^a] and there[^note-2].

            [^a]: The first *note*.
            [^note-2]: Second note.

            Text after the definitions.
            """)
        #expect(MystLayer.tree(doc) == #"""
            {"type":"root","children":[\#
            {"type":"paragraph","children":[{"type":"text","value":"Footnote here"},{"type":"footnoteReference","identifier":"a","label":"a"},{"type":"text","value":" and there"},{"type":"footnoteReference","identifier":"note-2","label":"note-2"},{"type":"text","value":"."}]},\#
            {"type":"footnoteDefinition","identifier":"a","label":"a","children":[{"type":"paragraph","children":[{"type":"text","value":"The first "},{"type":"emphasis","children":[{"type":"text","value":"note"}]},{"type":"text","value":"."}]}]},\#
            {"type":"footnoteDefinition","identifier":"note-2","label":"note-2","children":[{"type":"paragraph","children":[{"type":"text","value":"Second note."}]}]},\#
            {"type":"paragraph","children":[{"type":"text","value":"Text after the definitions."}]}]}
            """#)
        #expect(doc.children.map { $0.range?.start.line } == [1, 3, 4, 6])
        #expect(diagnostics.isEmpty)
        // Definitions are gathered in a footnotes section at the end of the page.
        #expect(HTMLRenderer().render(doc) == """
            <p>Footnote here<sup class="footnote-ref"><a href="#fn-a" id="fnref-a">a</a></sup> and there<sup class="footnote-ref"><a href="#fn-note-2" id="fnref-note-2">note-2</a></sup>.</p>
            <p>Text after the definitions.</p>
            <section class="footnotes" aria-label="Footnotes">
            <ol>
            <li id="fn-a">
            <p>The first <em>note</em>.</p>
            <a href="#fnref-a" class="footnote-back" aria-label="Back to the text">↩</a>
            </li>
            <li id="fn-note-2">
            <p>Second note.</p>
            <a href="#fnref-note-2" class="footnote-back" aria-label="Back to the text">↩</a>
            </li>
            </ol>
            </section>

            """)
    }

    @Test func footnoteDefinitionWithIndentedContinuation() {
        let doc = MystLayer.document("Text[^long].\n\n[^long]: First paragraph.\n\n    Second paragraph.\n\nOutside.\n")
        #expect(MystLayer.tree(doc) == #"""
            {"type":"root","children":[\#
            {"type":"paragraph","children":[{"type":"text","value":"Text"},{"type":"footnoteReference","identifier":"long","label":"long"},{"type":"text","value":"."}]},\#
            {"type":"footnoteDefinition","identifier":"long","label":"long","children":[{"type":"paragraph","children":[{"type":"text","value":"First paragraph."}]},{"type":"paragraph","children":[{"type":"text","value":"Second paragraph."}]}]},\#
            {"type":"paragraph","children":[{"type":"text","value":"Outside."}]}]}
            """#)
        let html = HTMLRenderer().render(doc)
        #expect(html.hasPrefix("<p>Text<sup class=\"footnote-ref\">"))
        #expect(html.contains("</p>\n<p>Outside.</p>\n<section class=\"footnotes\""))
        #expect(html.contains("<li id=\"fn-long\">\n<p>First paragraph.</p>\n<p>Second paragraph.</p>\n"))
    }

    @Test func footnoteDefinitionContentPositions() throws {
        let doc = MystLayer.document("Text[^a].\n\n[^a]: Note text.\n\n    More text.\n")
        let first = try #require(MystLayer.allInlines(doc).first { $0.plainText == "Note text." })
        #expect(first.range?.start.line == 3)
        let more = try #require(MystLayer.allInlines(doc).first { $0.plainText == "More text." })
        #expect(more.range?.start.line == 5)
        #expect(first.range?.start.column == 7)
        #expect(more.range?.start.column == 5)
    }

    @Test func footnoteDefinitionDiagnosticsPointIntoTheFile() {
        let (_, diagnostics) = MystLayer.parse("Text[^long-label].\n\n[^long-label]:   See {nosuchrole}`x`.\n\n    And {other}`y`.\n")
        #expect(diagnostics.map { "\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0)" } == ["3:22", "5:9"])
    }

    /// libcmark counts an autolink's column from its paragraph's start on continuation lines.
    @Test func autolinksOnContinuationLinesKeepTheirColumns() {
        let doc = MystLayer.document("""
            > Quoted first line,
            > then <https://a.example> here.

            Text[^n] and [a link](https://b.example)
            over <https://c.example>.

            [^n]: Note first line,
                and <https://d.example>.
            """)
        let links = MystLayer.allInlines(doc).compactMap { inline -> String? in
            guard case .link(let url, _, _) = inline.kind, let start = inline.range?.start else { return nil }
            return "\(url) \(start.line):\(start.column)"
        }
        #expect(links.sorted() == ["https://a.example 2:8", "https://b.example 4:14", "https://c.example 5:6",
                                   "https://d.example 8:9"])
    }

    @Test func footnoteLikeTextIsNotADefinition() {
        let doc = MystLayer.document("[^with space]: no\n\n[^x] no colon\n")
        #expect(MystLayer.allBlocks(doc).allSatisfy { if case .footnoteDefinition = $0.kind { return false } else { return true } })
    }
}
