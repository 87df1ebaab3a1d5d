@testable import CallbookCore
import Foundation
import Testing

/// Every kind of reference, bound to a relative URL and given its text, from pages at three
/// depths (`index.html`, `a/alpha.html`, `b/deep/gamma.html`), so that a site works from
/// `file://` and from any sub-path: no `href` starts with `/`, none ends in `.md`.
@Suite struct CrossReferenceTests {
    /// index.md, a/alpha.md, b/beta.md (front matter title "Beta page"), b/deep/gamma.md.
    static func makeBook() throws -> TemporaryBook {
        let book = try ResolveFixture.book(toc: ["index.md", "a/alpha.md", "b/beta.md", "b/deep/gamma.md"], files: [
            "index.md": """
                (home-label)=
                # Home

                - {ref}`beta-section`
                - {ref}`gamma-section`
                - {doc}`a/alpha`
                - [](b/deep/gamma.md)
                - [](#fig-beta)

                """,
            "a/alpha.md": """
                (alpha-page)=
                # Alpha

                (alpha-local)=
                ## Local section

                - {ref}`beta-section`
                - {ref}`Explicit text <beta-section>`
                - {ref}`beta-page`
                - {ref}`fig-beta`
                - {ref}`tbl-beta`
                - {numref}`Figure %s <fig-beta>`
                - {numref}`fig-beta`
                - {numref}`tbl-beta`
                - {numref}`Fig. {number}: {name} <fig-beta>`
                - {numref}`Equation %s <eq-beta>`
                - {eq}`eq-beta`
                - {doc}`../b/beta`
                - {doc}`/b/deep/gamma`
                - {doc}`The gamma page <../b/deep/gamma>`
                - {term}`Coworking Call`
                - {term}`coworking call`
                - {term}`calls <Coworking Call>`
                - [](#beta-section)
                - [Explicit](#beta-section)
                - [Relative](../b/beta.md#beta-section)
                - [Rooted](/b/beta.md)
                - [](../b/beta.md)
                - [](#some-heading)
                - [x](../b/beta.md#some-heading)
                - [](#eq-beta)
                - [](#fig-beta)
                - {ref}`alpha-local`
                - [](#alpha-local)
                - {ref}`alpha-page`

                """,
            "b/beta.md": """
                ---
                title: Beta page
                ---

                (beta-page)=
                # Beta heading

                Here: {ref}`beta-section` and [](#some-heading), back to {ref}`alpha-page`, down to {ref}`gamma-section`.

                (beta-section)=
                ## Section with label

                ## Some heading

                ## Repeated

                ## Repeated

                :::{figure} pic.png
                :name: fig-beta
                :alt: Beta
                The beta caption.
                :::

                :::{table} Beta table
                :name: tbl-beta
                | a | b |
                |---|---|
                | 1 | 2 |
                :::

                ```{code-block} python
                :name: code-beta
                print(1)
                ```

                ```{math}
                :label: eq-beta
                e = mc^2
                ```

                :::{glossary}
                Coworking Call
                  A call where people work side by side.
                :::

                Same page, numbered heading: [](#repeated-1).

                """,
            "b/deep/gamma.md": """
                # Gamma

                (gamma-section)=
                ## Gamma section

                - {ref}`beta-section`
                - {ref}`alpha-local`
                - {doc}`../beta`
                - {doc}`/index`
                - [](/a/alpha.md#alpha-local)
                - [home](../../index.md)
                - {ref}`home-label`

                Autolink: <project:#beta-section>

                Program: {numref}`code-beta`

                """,
        ])
        try book.write("b/pic.png", bytes: Data([1, 2, 3]))
        return book
    }

    struct Link: Equatable, CustomStringConvertible {
        var href: String
        var text: String
        init(_ href: String, _ text: String) { self.href = href; self.text = text }
        var description: String { "\(href) \"\(text)\"" }
    }

    static func links(_ html: String) -> [Link] {
        ResolveFixture.links(html).map { Link($0.href, $0.text) }
    }

    @Test func referencesFromASubfolderPage() async throws {
        let book = try Self.makeBook()
        defer { book.remove() }
        let result = await book.build()
        #expect(ResolveFixture.referenceDiagnostics(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")

        let alpha = Self.links(try ResolveFixture.body(result, "a/alpha.html"))
        let expected: [Link] = [
            Link("../b/beta.html#beta-section", "Section with label"),     // {ref}: the heading text
            Link("../b/beta.html#beta-section", "Explicit text"),          // {ref}`text <label>`
            Link("../b/beta.html", "Beta page"),                           // a page label: the page title, no fragment
            Link("../b/beta.html#fig-beta", "The beta caption."),          // {ref} to a figure: its caption
            Link("../b/beta.html#tbl-beta", "Beta table"),
            Link("../b/beta.html#fig-beta", "Figure 1"),                   // {numref}`Figure %s <fig>`
            Link("../b/beta.html#fig-beta", "Figure 1"),                   // {numref}`fig`
            Link("../b/beta.html#tbl-beta", "Table 1"),
            Link("../b/beta.html#fig-beta", "Fig. 1: The beta caption."),  // {number} and {name}
            Link("../b/beta.html#eq-beta", "Equation 1"),
            Link("../b/beta.html#eq-beta", "(1)"),                         // {eq}
            Link("../b/beta.html", "Beta page"),                           // {doc}`../b/beta`
            Link("../b/deep/gamma.html", "Gamma"),                         // {doc}`/b/deep/gamma`
            Link("../b/deep/gamma.html", "The gamma page"),
            Link("../b/beta.html#term-coworking-call", "Coworking Call"),  // {term}
            Link("../b/beta.html#term-coworking-call", "Coworking Call"),  // {term}, other case: the term as defined
            Link("../b/beta.html#term-coworking-call", "calls"),           // {term}`text <Term>`
            Link("../b/beta.html#beta-section", "Section with label"),     // [](#label)
            Link("../b/beta.html#beta-section", "Explicit"),               // [text](#label)
            Link("../b/beta.html#beta-section", "Relative"),               // [text](../other.md#label)
            Link("../b/beta.html", "Rooted"),                              // [text](/root/relative.md)
            Link("../b/beta.html", "Beta page"),                           // [](other.md): the page title
            Link("../b/beta.html#some-heading", "Some heading"),           // [](#heading-slug)
            Link("../b/beta.html#some-heading", "x"),                      // [x](other.md#heading-slug)
            Link("../b/beta.html#eq-beta", "(1)"),                         // [](#equation)
            Link("../b/beta.html#fig-beta", "The beta caption."),          // [](#figure): the caption, as in myst-spec
            Link("#alpha-local", "Local section"),                         // same page: fragment only
            Link("#alpha-local", "Local section"),
            Link("#", "Alpha"),                                            // this page's own label
        ]
        #expect(alpha.count == expected.count)
        for (index, (got, want)) in zip(alpha, expected).enumerated() {
            #expect(got == want, "link \(index + 1)")
        }
        // Roles become `class="reference"` links; Markdown links stay plain links.
        let body = try ResolveFixture.body(result, "a/alpha.html")
        #expect(body.contains(#"<li><a class="reference" href="../b/beta.html#beta-section">Section with label</a></li>"#))
        #expect(body.contains(#"<li><a href="../b/beta.html#beta-section">Explicit</a></li>"#))
    }

    @Test func referencesFromTheRootAndFromTwoLevelsDown() async throws {
        let book = try Self.makeBook()
        defer { book.remove() }
        let result = await book.build()

        let index = Self.links(try ResolveFixture.body(result, "index.html"))
        #expect(index == [
            Link("b/beta.html#beta-section", "Section with label"),
            Link("b/deep/gamma.html#gamma-section", "Gamma section"),
            Link("a/alpha.html", "Alpha"),
            Link("b/deep/gamma.html", "Gamma"),
            Link("b/beta.html#fig-beta", "The beta caption."),
        ])

        let gamma = Self.links(try ResolveFixture.body(result, "b/deep/gamma.html"))
        #expect(Array(gamma.prefix(7)) == [
            Link("../beta.html#beta-section", "Section with label"),
            Link("../../a/alpha.html#alpha-local", "Local section"),
            Link("../beta.html", "Beta page"),
            Link("../../index.html", "Home"),
            Link("../../a/alpha.html#alpha-local", "Local section"),
            Link("../../index.html", "home"),
            Link("../../index.html", "Home"),
        ])

        let beta = Self.links(try ResolveFixture.body(result, "b/beta.html"))
        #expect(Array(beta.prefix(4)) == [
            Link("#beta-section", "Section with label"),
            Link("#some-heading", "Some heading"),
            Link("../a/alpha.html", "Alpha"),
            Link("deep/gamma.html#gamma-section", "Gamma section"),
        ])
    }

    @Test func everyLinkIsRelative() async throws {
        let book = try Self.makeBook()
        defer { book.remove() }
        let result = await book.build()
        for page in ["index.html", "a/alpha.html", "b/beta.html", "b/deep/gamma.html"] {
            let html = try #require(BuildInspection.page(result, page))
            let links = BuildInspection.attributeValues(html, tag: "a", attribute: "href")
            // Stylesheets, images and scripts of the page too (a script may come from a CDN).
            let resources = BuildInspection.attributeValues(html, tag: "link", attribute: "href")
                + BuildInspection.attributeValues(html, tag: "img", attribute: "src")
                + BuildInspection.attributeValues(html, tag: "script", attribute: "src")
            #expect(!links.isEmpty)
            for url in links + resources {
                #expect(!url.hasPrefix("/"), "\(page): absolute URL \(url)")
                #expect(!url.contains(".md"), "\(page): link to a source file \(url)")
            }
            for url in links {
                #expect(!url.contains("://"), "\(page): \(url)")
            }
        }
    }

    /// `<project:#label>` is an autolink; MyST gives auto-links the same implicit text as
    /// `[](#label)` ("If no text is given or it is an auto-link, e.g. `[](#dest)` or
    /// `<project:#dest>`, then MyST will attempt to resolve an implicit text", MyST-Parser,
    /// docs/syntax/cross-referencing.md).
    @Test func projectAutolinksAreBoundAndTakeTheTargetText() async throws {
        let book = try Self.makeBook()
        defer { book.remove() }
        let result = await book.build()
        let gamma = Self.links(try ResolveFixture.body(result, "b/deep/gamma.html"))
        let autolink = try #require(gamma.dropFirst(7).first)
        #expect(autolink.href == "../beta.html#beta-section")
        do {
            #expect(autolink.text == "Section with label")
        }
    }

    /// mystmd numbers labelled code blocks ("Program %s", `numbering.code` is enabled by default
    /// in `myst-transforms/src/enumerate.ts`), so `{numref}` to one reads "Program 1".
    @Test func numrefToACodeBlockHasANumber() async throws {
        let book = try Self.makeBook()
        defer { book.remove() }
        let result = await book.build()
        let gamma = Self.links(try ResolveFixture.body(result, "b/deep/gamma.html"))
        let program = try #require(gamma.dropFirst(8).first)
        #expect(program.href == "../beta.html#code-beta")
        do {
            #expect(!program.text.contains("?"))
            #expect(program.text == "Program 1")
        }
    }

    /// A `#fragment` that is not a label but an id on the same page (here the second
    /// "Repeated" heading, `repeated-1`) is left as it is; with no text of its own the link must
    /// still show something (MyST: the heading text, else the destination).
    @Test func linkToAnIDOnTheSamePageIsNotEmpty() async throws {
        let book = try Self.makeBook()
        defer { book.remove() }
        let result = await book.build()
        #expect(ResolveFixture.referenceDiagnostics(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        let beta = Self.links(try ResolveFixture.body(result, "b/beta.html"))
        let link = try #require(beta.last)
        #expect(link.href == "#repeated-1")
        do {
            #expect(link.text == "Repeated")
        }
    }

    @Test func resolvedChaptersRecordTheirReferences() async throws {
        let book = try Self.makeBook()
        defer { book.remove() }
        let resolved = try await ResolveFixture.resolve(book)
        let alpha = try #require(resolved.chapter("a/alpha.md"))
        let references = alpha.references

        struct Row: Equatable {
            var kind: String, label: String, page: String?, htmlID: String?, place: String?
        }
        func row(_ reference: ResolvedReference) -> Row {
            Row(kind: reference.kind.rawValue, label: reference.label, page: reference.page, htmlID: reference.htmlID,
                place: reference.range?.description)
        }
        // Every role is recorded, in document order, at the role's own position.
        let roles = references.filter { $0.kind != .link }.map(row)
        #expect(roles.count == 19)
        #expect(roles.first == Row(kind: "ref", label: "beta-section", page: "b/beta.html", htmlID: "beta-section",
                                   place: "book/a/alpha.md:7:3"))
        #expect(roles.contains(Row(kind: "ref", label: "beta-page", page: "b/beta.html", htmlID: nil, place: "book/a/alpha.md:9:3")))
        #expect(roles.contains(Row(kind: "numref", label: "fig-beta", page: "b/beta.html", htmlID: "fig-beta", place: "book/a/alpha.md:13:3")))
        #expect(roles.contains(Row(kind: "eq", label: "eq-beta", page: "b/beta.html", htmlID: "eq-beta", place: "book/a/alpha.md:17:3")))
        #expect(roles.contains(Row(kind: "doc", label: "/b/deep/gamma", page: "b/deep/gamma.html", htmlID: nil, place: "book/a/alpha.md:19:3")))
        #expect(roles.contains(Row(kind: "term", label: "Coworking Call", page: "b/beta.html", htmlID: "term-coworking-call",
                                   place: "book/a/alpha.md:21:3")))
        // Markdown links to labels and anchors are recorded as `link`.
        let links = references.filter { $0.kind == .link }.map(row)
        #expect(links.first == Row(kind: "link", label: "beta-section", page: "b/beta.html", htmlID: "beta-section",
                                   place: "book/a/alpha.md:24:3"))
        #expect(links.contains(Row(kind: "link", label: "some-heading", page: "b/beta.html", htmlID: "some-heading",
                                   place: "book/a/alpha.md:29:3")))
        #expect(links.contains(Row(kind: "link", label: "alpha-local", page: "a/alpha.html", htmlID: "alpha-local",
                                   place: "book/a/alpha.md:34:3")))
        #expect(references.allSatisfy { $0.page != nil })

        // A Markdown link to a whole page (`[Rooted](/b/beta.md)`, line 27) is a reference too.
        do {
            #expect(links.contains { $0.place == "book/a/alpha.md:27:3" && $0.page == "b/beta.html" })
        }
    }
}
