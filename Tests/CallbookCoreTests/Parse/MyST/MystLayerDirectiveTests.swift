import CallbookCore
import Testing

/// Directives: input → the `mystDirective` node and its children, and the key parts of the HTML.
@Suite struct MystLayerDirectiveTests {
    /// The one directive block of `text`, as one-line JSON.
    static func only(_ text: String) -> (json: String, html: String, diagnostics: [Diagnostic]) {
        let (doc, diagnostics) = MystLayer.parse(text)
        let json = doc.children.count == 1 ? MystLayer.tree(doc.children[0]) : MystLayer.tree(doc)
        return (json, HTMLRenderer().render(doc), diagnostics)
    }

    // MARK: Admonitions

    @Test func noteWithoutTitle() {
        let (json, html, diagnostics) = Self.only(":::{note}\nPlain note.\n:::\n")
        #expect(json == #"{"type":"mystDirective","name":"note","value":"Plain note.","children":[{"type":"admonition","kind":"note","children":[{"type":"paragraph","children":[{"type":"text","value":"Plain note."}]}]}]}"#)
        #expect(html == "<div class=\"admonition note\" role=\"note\">\n<p class=\"admonition-title\">Note</p>\n<p>Plain note.</p>\n</div>\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func noteWithTitle() {
        let (json, html, diagnostics) = Self.only(":::{note} Custom *title*\nBody.\n:::\n")
        #expect(json == #"{"type":"mystDirective","name":"note","args":"Custom *title*","value":"Body.","children":[{"type":"admonition","kind":"note","children":[{"type":"admonitionTitle","children":[{"type":"text","value":"Custom "},{"type":"emphasis","children":[{"type":"text","value":"title"}]}]},{"type":"paragraph","children":[{"type":"text","value":"Body."}]}]}]}"#)
        #expect(html == "<div class=\"admonition note\" role=\"note\">\n<p class=\"admonition-title\">Custom <em>title</em></p>\n<p>Body.</p>\n</div>\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func noteWithOnlyAnArgumentUsesItAsContent() {
        let (json, html, _) = Self.only("```{note} Only text\n```\n")
        #expect(json.contains(#""children":[{"type":"admonition","kind":"note","children":[{"type":"paragraph","children":[{"type":"text","value":"Only text"}]}]}]"#))
        #expect(html.contains("<p class=\"admonition-title\">Note</p>\n<p>Only text</p>"))
    }

    @Test func admonitionTitlePosition() throws {
        let (doc, _) = MystLayer.parse("Intro.\n\n:::{note} Custom *title*\nBody.\n:::\n")
        guard case .admonition(let admonition)? = MystLayer.allBlocks(doc).first(where: {
            if case .admonition = $0.kind { return true } else { return false }
        })?.kind, let first = admonition.title?.first else {
            Issue.record("no admonition title: \(MystLayer.tree(doc))")
            return
        }
        #expect(first.range?.start.line == 3)
        do {
            #expect(first.range?.start.column == 11)
        }
    }

    @Test func genericAdmonitionWithTitleAndClass() {
        let (json, html, diagnostics) = Self.only(":::{admonition} My title\n:class: tip\nGeneric.\n:::\n")
        #expect(json == #"{"type":"mystDirective","name":"admonition","args":"My title","options":{"class":"tip"},"value":"Generic.","children":[{"type":"admonition","class":"tip","children":[{"type":"admonitionTitle","children":[{"type":"text","value":"My title"}]},{"type":"paragraph","children":[{"type":"text","value":"Generic."}]}]}]}"#)
        #expect(html == "<div class=\"admonition tip\" role=\"note\">\n<p class=\"admonition-title\">My title</p>\n<p>Generic.</p>\n</div>\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func genericAdmonitionWithoutTitleWarns() throws {
        let (_, html, diagnostics) = Self.only("\n```{admonition}\nNo title.\n```\n")
        let warning = try #require(MystLayer.diagnostics(diagnostics, "directive-argument-missing").first)
        #expect(warning.severity == .warning)
        #expect(MystLayer.place(warning) == "2:1")
        #expect(html.contains("<p>No title.</p>"))
    }

    @Test func admonitionWithDropdownClassIsDetails() {
        let (json, html, _) = Self.only(":::{tip}\n:class: dropdown\nHidden.\n:::\n")
        #expect(json.contains(#"{"type":"admonition","kind":"tip","class":"dropdown","children":[{"type":"paragraph","children":[{"type":"text","value":"Hidden."}]}]}"#))
        #expect(html == "<details class=\"admonition tip dropdown\">\n<summary class=\"admonition-title\">Tip</summary>\n<p>Hidden.</p>\n</details>\n")
        #expect(!html.contains("<details class=\"admonition tip dropdown\" open"))
    }

    @Test func admonitionNameBecomesItsLabel() {
        let (json, html, _) = Self.only(":::{warning}\n:name: warn-1\nCareful.\n:::\n")
        #expect(json.contains(#"{"type":"admonition","kind":"warning","identifier":"warn-1","label":"warn-1""#))
        #expect(MystLayer.strippingIDs(html).hasPrefix("<div class=\"admonition warning\" role=\"note\">\n<p class=\"admonition-title\">Warning</p>"))
    }

    // MARK: Figures and images

    @Test func figureWithNameAltWidthCaptionAndLegend() throws {
        let (json, html, diagnostics) = Self.only("""
            :::{figure} img/pic.png
            :name: fig-pic
            :alt: A picture
            :width: 300px

            The *caption*.

            Legend one.

            Legend two.
            :::
            """)
        #expect(json == #"""
            {"type":"mystDirective","name":"figure","args":"img/pic.png","options":{"name":"fig-pic","alt":"A picture","width":"300px"},\#
            "value":"The *caption*.\n\nLegend one.\n\nLegend two.","children":[{"type":"container","kind":"figure","identifier":"fig-pic","label":"fig-pic","children":[\#
            {"type":"image","url":"img/pic.png","alt":"A picture","width":"300px"},\#
            {"type":"caption","children":[{"type":"paragraph","children":[{"type":"text","value":"The "},{"type":"emphasis","children":[{"type":"text","value":"caption"}]},{"type":"text","value":"."}]}]},\#
            {"type":"legend","children":[{"type":"paragraph","children":[{"type":"text","value":"Legend one."}]},{"type":"paragraph","children":[{"type":"text","value":"Legend two."}]}]}]}]}
            """#)
        #expect(MystLayer.strippingIDs(html) == """
            <figure class="figure-container">
            <a class="image-link" href="img/pic.png"><img src="img/pic.png" alt="A picture" style="width: 300px" loading="lazy" /></a>
            <figcaption>
            <p>The <em>caption</em>.</p>
            </figcaption>
            <div class="legend">
            <p>Legend one.</p>
            <p>Legend two.</p>
            </div>
            </figure>

            """)
        #expect(diagnostics.isEmpty)
    }

    @Test func figureCaptionPositionPointsIntoTheFile() throws {
        let (doc, _) = MystLayer.parse("Intro.\n\n:::{figure} a.png\n:alt: A\n\nCaption line.\n:::\n")
        let caption = try #require(MystLayer.allBlocks(doc).first { if case .caption = $0.kind { return true } else { return false } })
        #expect(caption.range?.start.line == 6)
        let text = try #require(MystLayer.allInlines(doc).first { $0.plainText == "Caption line." })
        #expect(text.range?.start.line == 6)
        #expect(text.range?.start.column == 1)
    }

    @Test func figureWithoutCaptionParagraphHasOnlyALegend() {
        let (json, _, _) = Self.only(":::{figure} a.png\n:alt: A\n\n- one\n- two\n:::\n")
        #expect(json.contains(#"{"type":"container","kind":"figure","children":[{"type":"image","url":"a.png","alt":"A"},{"type":"legend","children":[{"type":"list""#))
        #expect(!json.contains(#""type":"caption""#))
    }

    @Test func imageDirective() {
        let (json, html, diagnostics) = Self.only("```{image} img/a.png\n:alt: An image\n:width: 50%\n:align: center\n```\n")
        #expect(json == #"{"type":"mystDirective","name":"image","args":"img/a.png","options":{"alt":"An image","width":"50%","align":"center"},"children":[{"type":"image","url":"img/a.png","alt":"An image","width":"50%","align":"center"}]}"#)
        #expect(html == "<img src=\"img/a.png\" alt=\"An image\" class=\"align-center\" style=\"width: 50%\" loading=\"lazy\" />\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func imageWidthInPixelsGetsAUnit() {
        let (_, html, _) = Self.only("```{image} a.png\n:alt: A\n:width: 200\n:height: 100\n```\n")
        #expect(html.contains("style=\"width: 200px; height: 100px\""))
    }

    // MARK: Code, math, tables

    @Test func codeBlockWithLineNumbersEmphasisAndCaption() {
        let (json, html, diagnostics) = Self.only("""
            ```{code-block} python
            :linenos:
            :emphasize-lines: 2
            :caption: Example code
            def f():
                return 1
            x = f()
            ```
            """)
        #expect(json == #"""
            {"type":"mystDirective","name":"code-block","args":"python","options":{"linenos":true,"emphasize-lines":"2","caption":"Example code"},\#
            "value":"def f():\n    return 1\nx = f()","children":[{"type":"container","kind":"code","children":[\#
            {"type":"caption","children":[{"type":"paragraph","children":[{"type":"text","value":"Example code"}]}]},\#
            {"type":"code","lang":"python","showLineNumbers":true,"emphasizeLines":[2],"value":"def f():\n    return 1\nx = f()"}]}]}
            """#)
        #expect(html == """
            <figure class="code-container">
            <figcaption>
            <p>Example code</p>
            </figcaption>
            <pre><code class="language-python numbered"><span class="line">def f():</span>
            <span class="line emphasized">    return 1</span>
            <span class="line">x = f()</span>
            </code></pre>
            </figure>

            """)
        #expect(diagnostics.isEmpty)
    }

    @Test func codeBlockWithNameAndStartLine() {
        let (json, html, _) = Self.only("```{code-block} js\n:name: code-x\n:lineno-start: 5\nlet a = 1\n```\n")
        #expect(json.contains(#"{"type":"code","lang":"js","identifier":"code-x","label":"code-x","showLineNumbers":true,"startingLineNumber":5,"value":"let a = 1"}"#))
        #expect(MystLayer.strippingIDs(html) == "<pre><code class=\"language-js numbered\" style=\"counter-reset: line 4\"><span class=\"line\">let a = 1</span>\n</code></pre>\n")
    }

    @Test func emphasizeLinesTakesListsAndRanges() {
        let (json, html, _) = Self.only("```{code-block}\n:emphasize-lines: 1,3-4\na\nb\nc\nd\ne\n```\n")
        #expect(json.contains(#"{"type":"code","emphasizeLines":[1,3,4],"value":"a\nb\nc\nd\ne"}"#))
        #expect(html == "<pre><code class=\"lines\"><span class=\"line emphasized\">a</span>\n<span class=\"line\">b</span>\n<span class=\"line emphasized\">c</span>\n<span class=\"line emphasized\">d</span>\n<span class=\"line\">e</span>\n</code></pre>\n")
    }

    @Test func mathDirectiveWithLabel() {
        let (json, html, diagnostics) = Self.only("```{math}\n:label: eq-one\na^2 + b^2 = c^2\n```\n")
        #expect(json == #"{"type":"mystDirective","name":"math","options":{"label":"eq-one"},"value":"a^2 + b^2 = c^2","children":[{"type":"math","identifier":"eq-one","label":"eq-one","value":"a^2 + b^2 = c^2"}]}"#)
        #expect(MystLayer.strippingIDs(html) == "<div class=\"math-display\">\\[a^2 + b^2 = c^2\\]</div>\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func mathDirectiveEscapesTeX() {
        let (_, html, _) = Self.only("```{math}\na < b & c\n```\n")
        #expect(html == "<div class=\"math-display\">\\[a &lt; b &amp; c\\]</div>\n")
    }

    @Test func listTableWithHeaderRow() {
        let (json, html, diagnostics) = Self.only("""
            :::{list-table} Caption here
            :header-rows: 1
            :name: tbl-list
            * - H1
              - H2
            * - c1
              - c2
            :::
            """)
        #expect(json.contains(#"""
            {"type":"container","kind":"table","identifier":"tbl-list","label":"tbl-list","children":[\#
            {"type":"caption","children":[{"type":"paragraph","children":[{"type":"text","value":"Caption here"}]}]},\#
            {"type":"table","children":[\#
            {"type":"tableRow","children":[{"type":"tableCell","header":true,"children":[{"type":"text","value":"H1"}]},{"type":"tableCell","header":true,"children":[{"type":"text","value":"H2"}]}]},\#
            {"type":"tableRow","children":[{"type":"tableCell","children":[{"type":"text","value":"c1"}]},{"type":"tableCell","children":[{"type":"text","value":"c2"}]}]}]}]}
            """#))
        #expect(MystLayer.strippingIDs(html) == """
            <figure class="table-container">
            <figcaption>
            <p>Caption here</p>
            </figcaption>
            <table>
            <thead>
            <tr>
            <th>H1</th>
            <th>H2</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>c1</td>
            <td>c2</td>
            </tr>
            </tbody>
            </table>
            </figure>

            """)
        #expect(diagnostics.isEmpty)
    }

    @Test func listTableWidthsBecomeAColumnGroup() {
        let (json, html, diagnostics) = Self.only("""
            :::{list-table}
            :widths: 1 3
            * - a
              - b
            :::
            """)
        #expect(json.contains(#"{"type":"table","widths":[1,3],"children":"#))
        #expect(html.contains("<table>\n<colgroup><col style=\"width: 25%\"><col style=\"width: 75%\"></colgroup>\n<tbody>"))
        #expect(diagnostics.isEmpty)
    }

    @Test func tableDirectiveWidthsAcceptCommasAndIgnoreAutoOrAWrongCount() {
        func html(_ widths: String) -> String {
            Self.only(":::{table}\n:widths: \(widths)\n| a | b |\n|---|---|\n| 1 | 2 |\n:::\n").html
        }
        #expect(html("30, 70").contains("<colgroup><col style=\"width: 30%\"><col style=\"width: 70%\"></colgroup>"))
        #expect(!html("auto").contains("<colgroup>"))
        #expect(!html("1 2 3").contains("<colgroup>"))
        #expect(!html("0 2").contains("<colgroup>"))
    }

    @Test func tableDirectiveWrapsAPipeTableWithACaption() {
        let (json, html, diagnostics) = Self.only("""
            :::{table} Pipe *caption*
            :name: tbl-pipe
            | a | b |
            |---|---|
            | 1 | 2 |
            :::
            """)
        #expect(json.contains(#"""
            "children":[{"type":"container","kind":"table","identifier":"tbl-pipe","label":"tbl-pipe","children":[\#
            {"type":"caption","children":[{"type":"paragraph","children":[{"type":"text","value":"Pipe "},{"type":"emphasis","children":[{"type":"text","value":"caption"}]}]}]},\#
            {"type":"table","children":[
            """#))
        #expect(MystLayer.strippingIDs(html).hasPrefix("<figure class=\"table-container\">\n<figcaption>\n<p>Pipe <em>caption</em></p>\n</figcaption>\n<table>\n<thead>\n<tr>\n<th>a</th>"))
        #expect(html.hasSuffix("<td>2</td>\n</tr>\n</tbody>\n</table>\n</figure>\n"))
        #expect(diagnostics.isEmpty)
    }

    @Test func tableDirectiveWithoutATableWarns() throws {
        let (_, _, diagnostics) = Self.only(":::{table} Empty\nJust text.\n:::\n")
        let warning = try #require(MystLayer.diagnostics(diagnostics, "table-missing").first)
        #expect(warning.severity == .warning)
        #expect(MystLayer.place(warning) == "1:1")
    }

    // MARK: Glossary, tabs, dropdown

    @Test func glossaryTermsGetTermIdentifiers() {
        let (json, html, diagnostics) = Self.only("""
            :::{glossary}
            MyST Markdown
              A flavour of *Markdown*.

            Term Two
              Second definition.
            :::
            """)
        #expect(json.contains(#"""
            {"type":"definitionList","children":[\#
            {"type":"definitionTerm","identifier":"term-myst-markdown","children":[{"type":"text","value":"MyST Markdown"}]},\#
            {"type":"definitionDescription","children":[{"type":"paragraph","children":[{"type":"text","value":"A flavour of "},{"type":"emphasis","children":[{"type":"text","value":"Markdown"}]},{"type":"text","value":"."}]}]},\#
            {"type":"definitionTerm","identifier":"term-term-two","children":[{"type":"text","value":"Term Two"}]},\#
            {"type":"definitionDescription","children":[{"type":"paragraph","children":[{"type":"text","value":"Second definition."}]}]}]}
            """#))
        #expect(html == """
            <dl class="glossary">
            <dt id="term-myst-markdown">MyST Markdown</dt>
            <dd>
            <p>A flavour of <em>Markdown</em>.</p>
            </dd>
            <dt id="term-term-two">Term Two</dt>
            <dd>
            <p>Second definition.</p>
            </dd>
            </dl>

            """)
        #expect(diagnostics.isEmpty)
    }

    @Test func glossaryTermPositions() throws {
        let (doc, _) = MystLayer.parse("# G\n\n:::{glossary}\nAlpha\n  First.\n\nBeta\n  Second.\n:::\n")
        guard case .definitionList(let items)? = MystLayer.allBlocks(doc).first(where: {
            if case .definitionList = $0.kind { return true } else { return false }
        })?.kind else {
            Issue.record("no glossary in \(MystLayer.tree(doc))")
            return
        }
        #expect(items.map(\.identifier) == ["term-alpha", "term-beta"])
        #expect(items.map { $0.range?.start.line } == [4, 7])
        let second = try #require(MystLayer.allInlines(doc).first { $0.plainText == "Second." })
        #expect(second.range?.start.line == 8)
    }

    @Test func tabSetFirstTabSelectedByDefault() {
        let (json, html, diagnostics) = Self.only("""
            ::::{tab-set}
            :::{tab-item} A
            a
            :::
            :::{tab-item} B
            b
            :::
            ::::
            """)
        #expect(json.contains(#"{"type":"tabSet","children":[{"type":"tabItem","title":"A","selected":true,"children":[{"type":"paragraph","children":[{"type":"text","value":"a"}]}]},{"type":"tabItem","title":"B","children":[{"type":"paragraph","children":[{"type":"text","value":"b"}]}]}]}"#))
        #expect(html == """
            <div class="tab-set">
            <input type="radio" class="tab-input" name="tabs-1" id="tabs-1-1" checked><label class="tab-label" for="tabs-1-1">A</label>
            <div class="tab-content">
            <p>a</p>
            </div>
            <input type="radio" class="tab-input" name="tabs-1" id="tabs-1-2"><label class="tab-label" for="tabs-1-2">B</label>
            <div class="tab-content">
            <p>b</p>
            </div>
            </div>

            """)
        #expect(diagnostics.isEmpty)
    }

    @Test func tabSetHonoursSelectedAndNumbersSets() {
        let (doc, diagnostics) = MystLayer.parse("""
            ::::{tab-set}
            :::{tab-item} First
            One
            :::
            :::{tab-item} Second
            :selected:
            Two
            :::
            ::::

            ::::{tab-set}
            :::{tab-item} Only
            Three
            :::
            ::::
            """)
        let html = HTMLRenderer().render(doc)
        #expect(html.contains("<input type=\"radio\" class=\"tab-input\" name=\"tabs-1\" id=\"tabs-1-1\"><label class=\"tab-label\" for=\"tabs-1-1\">First</label>"))
        #expect(html.contains("<input type=\"radio\" class=\"tab-input\" name=\"tabs-1\" id=\"tabs-1-2\" checked><label class=\"tab-label\" for=\"tabs-1-2\">Second</label>"))
        #expect(html.contains("<input type=\"radio\" class=\"tab-input\" name=\"tabs-2\" id=\"tabs-2-1\" checked>"))
        #expect(html.components(separatedBy: " checked>").count - 1 == 2)
        #expect(diagnostics.isEmpty)
    }

    @Test func tabSetWithStrayContentWarns() throws {
        let (_, diagnostics) = MystLayer.parse("::::{tab-set}\nStray text.\n\n:::{tab-item} A\na\n:::\n::::\n")
        let warning = try #require(MystLayer.diagnostics(diagnostics, "tab-set-content").first)
        #expect(warning.severity == .warning)
        #expect(warning.range?.start.line == 2)
    }

    @Test func dropdownWithTitle() {
        let (json, html, diagnostics) = Self.only(":::{dropdown} Click *me*\nHidden body.\n:::\n")
        #expect(json.contains(#"{"type":"details","children":[{"type":"summary","children":[{"type":"text","value":"Click "},{"type":"emphasis","children":[{"type":"text","value":"me"}]}]},{"type":"paragraph","children":[{"type":"text","value":"Hidden body."}]}]}"#))
        #expect(html == "<details class=\"dropdown\"><summary>Click <em>me</em></summary>\n<div class=\"dropdown-body\">\n<p>Hidden body.</p>\n</div>\n</details>\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func dropdownOpenWithoutTitle() {
        let (json, html, _) = Self.only(":::{dropdown}\n:open:\nOpen body.\n:::\n")
        #expect(json.contains(#"{"type":"details","open":true,"children":[{"type":"summary","children":[{"type":"text","value":"Details"}]}"#))
        #expect(html.hasPrefix("<details class=\"dropdown\" open><summary>Details</summary>"))
    }

    // MARK: Side content, div, raw

    @Test func marginIsAnAside() {
        let (json, html, _) = Self.only(":::{margin}\nSide note.\n:::\n")
        #expect(json.contains(#"{"type":"aside","kind":"margin","children":[{"type":"paragraph","children":[{"type":"text","value":"Side note."}]}]}"#))
        #expect(html == "<aside class=\"margin\">\n<p>Side note.</p>\n</aside>\n")
    }

    @Test func topicHasATitle() {
        let (json, html, _) = Self.only(":::{topic} Topic title\nTopic body.\n:::\n")
        #expect(json.contains(#"{"type":"aside","kind":"topic","children":[{"type":"admonitionTitle","children":[{"type":"text","value":"Topic title"}]},{"type":"paragraph","children":[{"type":"text","value":"Topic body."}]}]}"#))
        #expect(html == "<div class=\"topic\">\n<p class=\"topic-title\">Topic title</p>\n<p>Topic body.</p>\n</div>\n")
    }

    @Test func epigraphIsAQuote() {
        let (json, html, _) = Self.only(":::{epigraph}\nQuote text.\n\n-- Someone\n:::\n")
        #expect(json.contains(#"{"type":"div","class":"epigraph","children":[{"type":"blockquote","children":[{"type":"paragraph","children":[{"type":"text","value":"Quote text."}]},{"type":"paragraph","children":[{"type":"text","value":"-- Someone"}]}]}]}"#))
        #expect(html == "<div class=\"epigraph\">\n<blockquote>\n<p>Quote text.</p>\n<p>-- Someone</p>\n</blockquote>\n</div>\n")
    }

    @Test func divWithClasses() {
        let (json, html, _) = Self.only(":::{div}\n:class: one two\nDiv body.\n:::\n")
        #expect(json == #"{"type":"mystDirective","name":"div","options":{"class":"one two"},"value":"Div body.","children":[{"type":"div","class":"one two","children":[{"type":"paragraph","children":[{"type":"text","value":"Div body."}]}]}]}"#)
        #expect(html == "<div class=\"one two\">\n<p>Div body.</p>\n</div>\n")
    }

    @Test func rawHTMLPassesThrough() {
        let (json, html, diagnostics) = Self.only("```{raw} html\n<span class=\"raw\">hi</span>\n```\n")
        #expect(json.contains(#""children":[{"type":"html","value":"<span class=\"raw\">hi</span>"}]"#))
        #expect(html == "<span class=\"raw\">hi</span>\n")
        #expect(diagnostics.isEmpty)
    }

    @Test func rawOtherFormatIsDroppedWithAWarning() throws {
        let (_, html, diagnostics) = Self.only("```{raw} latex\n\\newpage\n```\n")
        #expect(!html.contains("newpage"))
        let warning = try #require(MystLayer.diagnostics(diagnostics, "raw-format").first)
        #expect(MystLayer.place(warning) == "1:1")
    }

    // MARK: Nesting and options

    @Test func nestedColonFences() throws {
        let (doc, diagnostics) = MystLayer.parse("::::{note}\nOuter.\n:::{tip}\nInner.\n:::\nAfter inner.\n::::\n")
        #expect(doc.children.count == 1)
        #expect(MystLayer.tree(doc.children[0]).contains(#"""
            {"type":"admonition","kind":"note","children":[{"type":"paragraph","children":[{"type":"text","value":"Outer."}]},\#
            {"type":"mystDirective","name":"tip","value":"Inner.","children":[{"type":"admonition","kind":"tip","children":[{"type":"paragraph","children":[{"type":"text","value":"Inner."}]}]}]},\#
            {"type":"paragraph","children":[{"type":"text","value":"After inner."}]}]}
            """#))
        #expect(HTMLRenderer().render(doc) == """
            <div class="admonition note" role="note">
            <p class="admonition-title">Note</p>
            <p>Outer.</p>
            <div class="admonition tip" role="note">
            <p class="admonition-title">Tip</p>
            <p>Inner.</p>
            </div>
            <p>After inner.</p>
            </div>

            """)
        #expect(diagnostics.isEmpty)
        // Positions inside nested bodies are lines of the file.
        let inner = try #require(MystLayer.allInlines(doc).first { $0.plainText == "Inner." })
        #expect(inner.range?.start.line == 4)
        let after = try #require(MystLayer.allInlines(doc).first { $0.plainText == "After inner." })
        #expect(after.range?.start.line == 6)
        let (_, tipBlock) = try #require(MystLayer.directive("tip", in: doc))
        #expect(tipBlock.range?.start.line == 3)
    }

    @Test func colonFenceHoldingACodeBlockWithColons() throws {
        let (doc, diagnostics) = MystLayer.parse(":::{note}\n```text\n:::\nnot a fence\n```\nStill note.\n:::\n\nOutside.\n")
        #expect(doc.children.count == 2)
        #expect(MystLayer.tree(doc.children[0]).contains(#"{"type":"admonition","kind":"note","children":[{"type":"code","lang":"text","value":":::\nnot a fence"},{"type":"paragraph","children":[{"type":"text","value":"Still note."}]}]}"#))
        #expect(HTMLRenderer().render(doc) == """
            <div class="admonition note" role="note">
            <p class="admonition-title">Note</p>
            <pre><code class="language-text">:::
            not a fence
            </code></pre>
            <p>Still note.</p>
            </div>
            <p>Outside.</p>

            """)
        #expect(diagnostics.isEmpty)
    }

    @Test func backtickDirectiveHoldingAColonFence() throws {
        let (doc, diagnostics) = MystLayer.parse("```{note}\n:::{tip}\ninner\n:::\n```\n")
        #expect(doc.children.count == 1)
        #expect(MystLayer.tree(doc.children[0]) == #"{"type":"mystDirective","name":"note","value":":::{tip}\ninner\n:::","children":[{"type":"admonition","kind":"note","children":[{"type":"mystDirective","name":"tip","value":"inner","children":[{"type":"admonition","kind":"tip","children":[{"type":"paragraph","children":[{"type":"text","value":"inner"}]}]}]}]}]}"#)
        #expect(diagnostics.isEmpty)
        let inner = try #require(MystLayer.allInlines(doc).first { $0.plainText == "inner" })
        #expect(inner.range?.start.line == 3)
    }

    @Test func colonFenceInsideAListItem() throws {
        let (doc, diagnostics) = MystLayer.parse("- item\n\n  :::{note}\n  text in note\n  :::\n")
        #expect(diagnostics.isEmpty)
        guard case .list(_, _, _, let items)? = doc.children.first?.kind, case .listItem(_, let children)? = items.first?.kind,
              children.count == 2, case .directive(let note) = children[1].kind else {
            Issue.record("expected a note inside the list item: \(MystLayer.tree(doc))")
            return
        }
        #expect(note.name == "note")
        let text = try #require(MystLayer.allInlines(doc).first { $0.plainText == "text in note" })
        #expect(text.range?.start.line == 4)
        #expect(HTMLRenderer().render(doc).contains("<li>\n<p>item</p>\n<div class=\"admonition note\" role=\"note\">"))
    }

    @Test func colonFenceInsideABlockquote() throws {
        let doc = MystLayer.document("Before.\n\n> :::{tip}\n> quoted *tip*\n> :::\n>\n>Second paragraph.\n\nAfter.\n")
        guard case .blockquote(let quoted)? = doc.children.dropFirst().first?.kind, case .directive(let tip)? = quoted.first?.kind else {
            Issue.record("no directive in the blockquote: \(MystLayer.tree(doc))")
            return
        }
        #expect(tip.name == "tip")
        #expect(doc.children.count == 3)
        let text = try #require(MystLayer.allInlines(doc).first { $0.plainText == "tip" })
        #expect(text.range?.start.line == 4)
        #expect(text.range?.start.column == 10)
        let second = try #require(MystLayer.allInlines(doc).first { $0.plainText == "Second paragraph." })
        #expect(second.range?.start.column == 2)
        #expect(HTMLRenderer().render(doc).contains("""
            <blockquote>
            <div class="admonition tip" role="note">
            """))
        #expect(HTMLRenderer().render(doc).contains("<p>Second paragraph.</p>\n</blockquote>\n<p>After.</p>"))
    }

    /// A quote whose last line runs on lazily into unquoted text is left to cmark as it is.
    @Test func colonFenceInALazyBlockquoteStaysText() {
        let doc = MystLayer.document("> :::{tip}\n> quoted\nlazy line\n")
        #expect(MystLayer.allBlocks(doc).allSatisfy { if case .directive = $0.kind { return false } else { return true } })
        #expect(HTMLRenderer().render(doc).contains("lazy line</p>\n</blockquote>"))
    }

    @Test func optionsAsLinesAndAsYAMLBlockAreTheSame() throws {
        let lines = MystLayer.document(":::{figure} p.png\n:alt: Alt text\n:name: fig-yaml\n:width: 200\n\nCaption.\n:::\n")
        let yaml = MystLayer.document(":::{figure} p.png\n---\nalt: Alt text\nname: fig-yaml\nwidth: 200\n---\nCaption.\n:::\n")
        let expected = #"{"type":"mystDirective","name":"figure","args":"p.png","options":{"alt":"Alt text","name":"fig-yaml","width":"200"},"value":"Caption.","children":[{"type":"container","kind":"figure","identifier":"fig-yaml","label":"fig-yaml","children":[{"type":"image","url":"p.png","alt":"Alt text","width":"200"},{"type":"caption","children":[{"type":"paragraph","children":[{"type":"text","value":"Caption."}]}]}]}]}"#
        #expect(MystLayer.tree(try #require(lines.children.first)) == expected)
        #expect(MystLayer.tree(try #require(yaml.children.first)) == expected)
        let html = HTMLRenderer().render(yaml)
        #expect(html.contains("<img src=\"p.png\" alt=\"Alt text\" style=\"width: 200px\" loading=\"lazy\" />"))
        // The caption after a YAML block keeps its file line.
        let caption = try #require(MystLayer.allInlines(yaml).first { $0.plainText == "Caption." })
        #expect(caption.range?.start.line == 7)
    }

    /// Indented option lines are options, as myst-parser 3 (Jupyter Book 1) reads them:
    /// `parse_directive_text` gives `{'style': 'alpha', 'all': None}` and no body for the 2021
    /// Turing Way's `{bibliography}`, and `{'class': ['dropdown']}` with body `Body` for the note.
    /// (mystmd 1.11 takes them as body text and warns "unexpected body"; callbook sides with the
    /// tool such books were written for.)
    @Test func indentedOptionLinesAreOptions() throws {
        let (doc, diagnostics) = MystLayer.parse("```{bibliography} refs.bib\n  :style: alpha\n  :all:\n```\n")
        #expect(diagnostics.filter { $0.id.hasPrefix("directive") }.isEmpty, "\(diagnostics)")
        let (bibliography, _) = try #require(MystLayer.directive("bibliography", in: doc))
        #expect(bibliography.options.map(\.name) == ["style", "all"])
        #expect(bibliography.options.first?.value == "alpha")
        #expect(bibliography.options.first?.range?.start == SourcePosition(line: 2, column: 3))

        let (note, html, noteDiagnostics) = Self.only("```{note}\n  :class: dropdown\nBody\n```\n")
        #expect(noteDiagnostics.isEmpty)
        #expect(note.contains(#""class":"dropdown""#))
        #expect(html == "<details class=\"admonition note dropdown\">\n<summary class=\"admonition-title\">Note</summary>\n<p>Body</p>\n</details>\n")
    }

    @Test func yamlOptionRangesPointAtTheirLines() throws {
        let (doc, diagnostics) = MystLayer.parse("Intro.\n\n```{note}\n---\nclass: tip\nbogus: 1\n---\nText.\n```\n")
        let warning = try #require(MystLayer.diagnostics(diagnostics, "directive-option-unknown").first)
        #expect(warning.range?.start.line == 6)
        let (note, _) = try #require(MystLayer.directive("note", in: doc))
        #expect(note.options.map(\.name) == ["class"])
    }
}
