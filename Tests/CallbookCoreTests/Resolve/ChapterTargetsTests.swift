@testable import CallbookCore
import Foundation
import Testing

/// What becomes a target, and with which `id`: a `(label)=` line labels the block after it
/// (a heading takes the label as its id; before the chapter's first h1 it labels the page; before
/// a paragraph it becomes a `<span id>` anchor); directives label their node through `:name:`
/// (figure, table, code, admonition) or `:label:` (math, admonition); glossary terms become `term-<slug>`;
/// front matter `label:` names the page; repeated heading texts get `-1`, `-2`.
@Suite struct ChapterTargetsTests {
    /// `intro/start.md` (front matter label and title), `a/alpha.md` (labels of every kind),
    /// `b/beta.md` (no front matter; its first h1 is labelled).
    static func makeBook() throws -> TemporaryBook {
        let book = try ResolveFixture.book(toc: ["intro/start.md", "a/alpha.md", "b/beta.md"], files: [
            "intro/start.md": """
                ---
                title: Getting started
                label: start-page
                ---
                # Start heading

                Welcome.

                """,
            "a/alpha.md": """
                # Alpha

                (alpha-section)=
                ## Section with label

                (para-anchor)=
                A paragraph with an anchor.

                (first)=
                (second)=
                ## Two labels

                ## Repeated

                ## Repeated

                ## Repeated

                :::{figure} pic.png
                :name: fig-one
                :alt: One
                The first caption.
                :::

                (fig-two)=
                :::{figure} pic.png
                :alt: Two
                The second caption.
                :::

                :::{table} Alpha table
                :name: tbl-alpha
                | a | b |
                |---|---|
                | 1 | 2 |
                :::

                ```{code-block} python
                :name: code-alpha
                print(1)
                ```

                ```{math}
                :label: eq-alpha
                e = mc^2
                ```

                :::{note}
                :name: note-alpha
                A note.
                :::

                :::{admonition} Careful
                :label: tip-alpha
                :class: tip
                A labelled admonition, as mystmd writes it.
                :::

                :::{glossary}
                Coworking Call
                  A call where people work side by side.

                Host
                  The person who opens the call.
                :::

                """,
            "b/beta.md": """
                (beta-page)=
                # Beta heading

                Intro.

                """,
        ])
        try book.write("a/pic.png", bytes: Data([1, 2, 3]))
        return book
    }

    @Test func labelsBecomeTargetsOfTheRightKind() async throws {
        let book = try Self.makeBook()
        defer { book.remove() }
        let resolved = try await ResolveFixture.resolve(book)
        #expect(ResolveFixture.referenceDiagnostics(resolved.diagnostics).isEmpty, "\(BuildInspection.describe(resolved.diagnostics))")

        // (label, kind, page, html id, number)
        let expected: [(String, Target.Kind, String, String?, Int?)] = [
            ("start-page", .page, "intro/start.html", nil, nil),
            ("alpha-section", .heading, "a/alpha.html", "alpha-section", nil),
            ("para-anchor", .anchor, "a/alpha.html", "para-anchor", nil),
            ("first", .heading, "a/alpha.html", "second", nil),
            ("second", .heading, "a/alpha.html", "second", nil),
            ("fig-one", .figure, "a/alpha.html", "fig-one", 1),
            ("fig-two", .figure, "a/alpha.html", "fig-two", 2),
            ("tbl-alpha", .table, "a/alpha.html", "tbl-alpha", 1),
            ("code-alpha", .code, "a/alpha.html", "code-alpha", 1),
            ("eq-alpha", .equation, "a/alpha.html", "eq-alpha", 1),
            ("note-alpha", .admonition, "a/alpha.html", "note-alpha", nil),
            ("tip-alpha", .admonition, "a/alpha.html", "tip-alpha", nil),
            ("term-coworking-call", .term, "a/alpha.html", "term-coworking-call", nil),
            ("term-host", .term, "a/alpha.html", "term-host", nil),
            ("beta-page", .page, "b/beta.html", nil, nil),
        ]
        for (label, kind, page, id, number) in expected {
            let target = try #require(resolved.target(label), "no target '\(label)'")
            #expect(target.kind == kind, "\(label)")
            #expect(target.pagePath == page, "\(label)")
            #expect(target.htmlID == id, "\(label)")
            #expect(target.number == number, "\(label)")
            #expect(!target.implicit, "\(label)")
        }
        // Headings without a label are implicit targets by their slug.
        let implicit = try #require(resolved.target("repeated"))
        #expect(implicit.implicit && implicit.kind == .heading && implicit.htmlID == "repeated")
        // The front matter label is placed at the top of its file.
        #expect(resolved.target("start-page")?.range?.description == "book/intro/start.md:1:1")
        // A `(label)=` target is placed at its own line.
        #expect(resolved.target("para-anchor")?.range?.description == "book/a/alpha.md:6:1")
    }

    @Test func targetsGiveTheRenderedNodesTheirIDs() async throws {
        let book = try Self.makeBook()
        defer { book.remove() }
        let result = await book.build()
        let alpha = try ResolveFixture.body(result, "a/alpha.html")

        #expect(alpha.contains(##"<h2 id="alpha-section">Section with label<a class="headerlink" href="#alpha-section""##))
        // Before a paragraph, the label is an anchor of its own, right before the paragraph.
        #expect(alpha.contains("<span id=\"para-anchor\" class=\"target\"></span>\n<p>A paragraph with an anchor.</p>"))
        // Two labels before one heading: the last one gives the id.
        #expect(alpha.contains(#"<h2 id="second">Two labels"#))
        // Repeated heading texts are numbered in page order.
        let headingIDs = BuildInspection.attributeValues(alpha, tag: "h2", attribute: "id")
        #expect(headingIDs.filter { $0.hasPrefix("repeated") } == ["repeated", "repeated-1", "repeated-2"])
        #expect(alpha.contains(#"<figure id="fig-one" class="figure-container numbered">"#))
        // A `(label)=` line before a directive labels the node the directive makes.
        #expect(alpha.contains(#"<figure id="fig-two" class="figure-container numbered">"#))
        #expect(alpha.contains(#"<figure id="tbl-alpha" class="table-container numbered">"#))
        #expect(alpha.contains(#"<code id="code-alpha" class="language-python">"#))
        #expect(alpha.contains(#"<div id="eq-alpha" class="math-display"><span class="equation-number">(1)</span>"#))
        #expect(alpha.contains(#"<div id="note-alpha" class="admonition note" role="note">"#))
        #expect(alpha.contains(#"<dt id="term-coworking-call">Coworking Call</dt>"#))
        #expect(alpha.contains(#"<dt id="term-host">Host</dt>"#))
        // Every id on the page is unique.
        let ids = BuildInspection.attributeValues(alpha, tag: "[a-z0-9]+", attribute: "id")
        #expect(Set(ids).count == ids.count, "\(ids)")

        // The outline lists the h2s with the ids they got.
        let resolved = try await ResolveFixture.resolve(book)
        let outline = try #require(resolved.chapter("a/alpha.md")).outline
        #expect(outline.map(\.identifier) == ["alpha-section", "second", "repeated", "repeated-1", "repeated-2"])
    }

    @Test func aLabelBeforeTheFirstHeadingNamesThePage() async throws {
        let book = try Self.makeBook()
        try book.write("a/refs.md", """
            # Refs

            {ref}`beta-page` and {ref}`start-page` and [](#beta-page) and {ref}`Other text <beta-page>`

            """)
        try book.write("myst.yml", """
            version: 1
            project:
              title: Resolve
              toc:
                - file: intro/start.md
                - file: a/alpha.md
                - file: b/beta.md
                - file: a/refs.md

            """)
        defer { book.remove() }
        let result = await book.build()
        #expect(ResolveFixture.referenceDiagnostics(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")

        let refs = try ResolveFixture.body(result, "a/refs.html")
        let links = ResolveFixture.links(refs)
        // The whole page, with no fragment, shown by its title: the first heading when there is
        // no front matter title, else the front matter title.
        #expect(links.map(\.href) == ["../b/beta.html", "../intro/start.html", "../b/beta.html", "../b/beta.html"])
        #expect(links.map(\.text) == ["Beta heading", "Getting started", "Beta heading", "Other text"])
        // The labelled h1 still has an id of its own for permalinks.
        let beta = try ResolveFixture.body(result, "b/beta.html")
        #expect(beta.contains(#"<h1 id="beta-page">Beta heading"#))
    }

    @Test func aLabelAtTheEndOfAChapterIsAnAnchor() async throws {
        let book = try ResolveFixture.book(toc: ["a/one.md", "b/two.md"], files: [
            "a/one.md": "# One\n\nLast paragraph.\n\n(the-end)=\n",
            "b/two.md": "# Two\n\nSee [the end](../a/one.md#the-end) and {ref}`the-end`.\n",
        ])
        defer { book.remove() }
        let result = await book.build()
        #expect(ResolveFixture.referenceDiagnostics(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        let one = try ResolveFixture.body(result, "a/one.html")
        #expect(one.contains(#"<span id="the-end" class="target"></span>"#))
        let two = try ResolveFixture.body(result, "b/two.html")
        #expect(ResolveFixture.links(two).map(\.href) == ["../a/one.html#the-end", "../a/one.html#the-end"])
    }
}
