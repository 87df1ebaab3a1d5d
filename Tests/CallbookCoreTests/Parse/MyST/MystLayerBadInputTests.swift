import CallbookCore
import Testing

/// Bad input: each case gives a diagnostic with a stable id, a severity and a place, and the
/// build goes on with as much of the content as can be kept.
@Suite struct MystLayerBadInputTests {
    static let attack = #""><script>alert(1)</script>"#

    @Test func malformedOptionLine() throws {
        let (doc, diagnostics) = MystLayer.parse("Intro.\n\n:::{note}\n:class tip\nBody of note.\n:::\n")
        let warnings = MystLayer.diagnostics(diagnostics, "directive-option-malformed")
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.range?.file == "page.md")
        #expect(MystLayer.place(warning) == "4:1")
        #expect(warning.message.contains(":class tip"))
        // The directive is still rendered, with its body.
        let html = HTMLRenderer().render(doc)
        #expect(html == "<p>Intro.</p>\n<div class=\"admonition note\" role=\"note\">\n<p class=\"admonition-title\">Note</p>\n<p>Body of note.</p>\n</div>\n")
    }

    @Test func invalidYAMLOptionBlock() throws {
        let (doc, diagnostics) = MystLayer.parse("```{figure} pic.png\n---\nalt: ok\n  bad: indent: here\n---\nCaption.\n```\n")
        let warnings = MystLayer.diagnostics(diagnostics, "directive-options")
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.range?.file == "page.md")
        // Line 4 of the file, at the `:` YAML rejects.
        #expect(MystLayer.place(warning) == "4:6")
        // The figure is still built, and its caption is not swallowed.
        let html = HTMLRenderer().render(doc)
        #expect(html.contains("<img src=\"pic.png\""))
        #expect(html.contains("<figcaption>\n<p>Caption.</p>\n</figcaption>"))
        #expect(!html.contains("bad: indent"))
    }

    @Test func yamlOptionBlockThatIsNotAMapping() throws {
        let (_, diagnostics) = MystLayer.parse("```{note}\n---\n- a\n- b\n---\nText.\n```\n")
        let warning = try #require(MystLayer.diagnostics(diagnostics, "directive-options").first)
        #expect(warning.severity == .warning)
        #expect(warning.range?.start.line == 3)
    }

    @Test func unknownOptionNamesTheAllowedOnes() throws {
        let (doc, diagnostics) = MystLayer.parse("Intro.\n\n:::{note}\n:class: tip\n:bogus: 1\nText.\n:::\n")
        let warnings = MystLayer.diagnostics(diagnostics, "directive-option-unknown")
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning)
        #expect(MystLayer.place(warning) == "5:1")
        #expect(warning.message.contains("bogus"))
        #expect(warning.message.contains("class, label, name, open"), "\(warning.message)")
        // The unknown option is dropped; the known one and the body are kept.
        let (note, _) = try #require(MystLayer.directive("note", in: doc))
        #expect(note.options.map(\.name) == ["class"])
        #expect(HTMLRenderer().render(doc).contains("<div class=\"admonition note tip\" role=\"note\">\n<p class=\"admonition-title\">Note</p>\n<p>Text.</p>"))
    }

    @Test func badOptionValue() throws {
        let (_, diagnostics) = MystLayer.parse("```{image} a.png\n:alt: A\n:align: sideways\n```\n\n```{code-block}\n:lineno-start: five\nx\n```\n")
        let warnings = MystLayer.diagnostics(diagnostics, "directive-option-value")
        #expect(warnings.map(MystLayer.place) == ["3:1", "7:1"])
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(warnings.first?.message.contains("left, center, right") == true)
    }

    @Test func figureWithoutAlt() throws {
        let (doc, diagnostics) = MystLayer.parse("Intro.\n\n```{figure} pic.png\nCaption only.\n```\n")
        let warnings = MystLayer.diagnostics(diagnostics, "image-alt-missing")
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning)
        #expect(MystLayer.place(warning) == "3:1")
        #expect(warning.message.contains("pic.png"))
        #expect(HTMLRenderer().render(doc).contains("<img src=\"pic.png\" alt=\"\" loading=\"lazy\" />"))
    }

    @Test func imageWithoutAlt() throws {
        let (_, diagnostics) = MystLayer.parse("```{image} a.png\n```\n")
        let warning = try #require(MystLayer.diagnostics(diagnostics, "image-alt-missing").first)
        #expect(MystLayer.place(warning) == "1:1")
    }

    @Test func unclosedColonFence() throws {
        let (doc, diagnostics) = MystLayer.parse("Intro.\n\n::::{warning}\nNever closed.\n\nStill *here*.\n")
        let warnings = MystLayer.diagnostics(diagnostics, "colon-fence-unclosed")
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning)
        #expect(MystLayer.place(warning) == "3:1")
        #expect(warning.message.contains("{warning}"))
        // Its content is kept as text.
        let html = HTMLRenderer().render(doc)
        #expect(html.contains("Never closed."))
        #expect(html.contains("<p>Still <em>here</em>.</p>"))
        #expect(!html.contains("admonition"))
    }

    @Test func unclosedIndentedColonFenceReportsItsColumn() throws {
        let (_, diagnostics) = MystLayer.parse("- item\n\n  :::{note}\n  Never closed.\n")
        let warning = try #require(MystLayer.diagnostics(diagnostics, "colon-fence-unclosed").first)
        #expect(MystLayer.place(warning) == "3:3")
    }

    @Test func unknownDirectiveIsAVisibleBox() throws {
        let (doc, diagnostics) = MystLayer.parse("Intro.\n\n:::{mystery} arg <x>\nMystery *body* & more.\n:::\n")
        let warnings = MystLayer.diagnostics(diagnostics, "unknown-directive")
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning)
        #expect(MystLayer.place(warning) == "3:1")
        #expect(warning.message.contains("{mystery}"))
        let (mystery, _) = try #require(MystLayer.directive("mystery", in: doc))
        #expect(!mystery.isKnown)
        #expect(mystery.value == "Mystery *body* & more.")
        let html = HTMLRenderer().render(doc)
        #expect(html == """
            <p>Intro.</p>
            <div class="directive unhandled" role="note">
            <p><code class="kind">{mystery}</code> <code class="args">arg &lt;x&gt;</code> <span class="unhandled-note">(directive not supported by callbook; shown as written)</span></p>
            <pre><code>Mystery *body* &amp; more.</code></pre>
            </div>

            """)
    }

    @Test func unknownDirectiveBodyCannotInjectHTML() {
        let html = MystLayer.html("```{mystery} \(Self.attack)\n\(Self.attack)\n```\n")
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func optionValuesAreEscapedInHTML() throws {
        let a = Self.attack
        let (doc, _) = MystLayer.parse("""
            :::{figure} x.png
            :alt: \(a)
            :class: \(a)
            :name: \(a)
            :figclass: \(a)
            :width: \(a)
            :height: \(a)
            :title: \(a)
            A plain caption.
            :::
            """)
        // The values reach the tree as written…
        let (figure, _) = try #require(MystLayer.directive("figure", in: doc))
        #expect(figure.options.first { $0.name == "alt" }?.value == a)
        #expect(figure.options.first { $0.name == "name" }?.value == a)
        // …and the HTML has them escaped.
        let html = HTMLRenderer().render(doc)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("\"><script"))
        #expect(html.contains("alt=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
        #expect(html.contains("title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
        // The name becomes an anchor once resolved: even if a resolver passed it through
        // as it is, the renderer escapes it.
        let anchored = doc.rewritingBlocks { block in
            guard case .container(var container) = block.kind else { return block }
            container.htmlID = container.label
            return Block(.container(container), at: block.range)
        }
        let anchoredHTML = HTMLRenderer().render(anchored)
        #expect(!anchoredHTML.contains("<script>"))
        #expect(anchoredHTML.contains("id=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
    }

    @Test func optionValuesOfOtherDirectivesAreEscaped() {
        let a = Self.attack
        let html = MystLayer.html("""
            :::{note}
            :class: \(a)
            Text.
            :::

            :::{div}
            :class: \(a)
            Text.
            :::

            ```{code-block} python
            :class: \(a)
            x
            ```

            ```{image} y.png
            :alt: \(a)
            :class: \(a)
            ```

            :::{dropdown}
            :class: \(a)
            Text.
            :::
            """)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("\"><script"))
    }

    @Test func imageURLIsEscaped() {
        let html = MystLayer.html("```{image} x.png\"onerror=\"alert(1)\n:alt: A\n```\n")
        #expect(!html.contains("\"onerror"))
        #expect(html.contains("<img src=\"x.png%22onerror=%22alert(1)\""))
    }

    @Test func directiveWithoutRequiredArgument() throws {
        let (_, diagnostics) = MystLayer.parse("Intro.\n\n```{figure}\n:alt: A\n```\n")
        let warning = try #require(MystLayer.diagnostics(diagnostics, "directive-argument-missing").first)
        #expect(warning.severity == .warning)
        #expect(MystLayer.place(warning) == "3:1")
    }

    @Test func bodyInADirectiveThatTakesNone() throws {
        let (_, diagnostics) = MystLayer.parse("```{image} a.png\n:alt: x\nBody text\n```\n")
        let warning = try #require(MystLayer.diagnostics(diagnostics, "directive-body-unexpected").first)
        #expect(warning.severity == .warning)
        #expect(MystLayer.place(warning) == "1:1")
    }

    @Test func listTableOfTheWrongShape() throws {
        let (_, diagnostics) = MystLayer.parse(":::{list-table}\nJust a paragraph.\n:::\n")
        let warning = try #require(MystLayer.diagnostics(diagnostics, "list-table-shape").first)
        #expect(warning.severity == .warning)
        #expect(MystLayer.place(warning) == "1:1")
    }
}
