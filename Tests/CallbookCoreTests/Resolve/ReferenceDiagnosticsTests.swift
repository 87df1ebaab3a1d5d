@testable import CallbookCore
import Foundation
import Testing

/// What goes wrong with references is reported where it is written, with a stable id:
/// `reference-unresolved` (with "did you mean"), `duplicate-label` (naming the other place;
/// the first in reading order wins), `link-anchor-missing`, `link-not-a-page`. Explicit labels
/// beat implicit heading ids silently. `--strict` turns any of these into a failed build that
/// leaves the output alone.
@Suite struct ReferenceDiagnosticsTests {
    @Test func anUnresolvedReferenceIsAWarningWithASuggestion() async throws {
        let book = try ResolveFixture.book(toc: ["index.md", "calls/coworking.md", "calls/more/notes.md"], files: [
            "index.md": "# Home\n",
            "calls/coworking.md": "(ch-coworking)=\n# Coworking calls\n\nText.\n",
            "calls/more/notes.md": """
                # Notes

                As described in {ref}`ch-cowork`, and in {ref}`the calls <ch-cowork>`.
                Nothing like {ref}`zzzzzzzzzz` exists.

                """,
        ])
        defer { book.remove() }
        let result = await book.build()
        let unresolved = ResolveFixture.diagnostics(result.diagnostics, "reference-unresolved")
        #expect(unresolved.count == 3, "\(BuildInspection.describe(result.diagnostics))")
        #expect(BuildInspection.errors(result.diagnostics).isEmpty)

        let first = try #require(unresolved.first { $0.range?.start.line == 3 })
        #expect(first.severity == .warning)
        // At the role itself: line 3, column 17 is the `{` of `{ref}`.
        #expect(first.range?.description == "book/calls/more/notes.md:3:17")
        #expect(first.message.contains("did you mean 'ch-coworking'"), "\(first.message)")
        #expect(first.message.contains("'ch-cowork'"))
        #expect(first.description.hasPrefix("book/calls/more/notes.md:3:17: warning: "))
        #expect(first.description.hasSuffix("[reference-unresolved]"))
        let second = try #require(unresolved.first { $0.range?.start.line == 3 && $0.range?.start.column != 17 })
        #expect(second.range?.start.column == 42)
        #expect(second.message.contains("did you mean 'ch-coworking'"))
        // Nothing close: no suggestion.
        let far = try #require(unresolved.first { $0.range?.start.line == 4 })
        #expect(far.range?.description == "book/calls/more/notes.md:4:14")
        #expect(!far.message.contains("did you mean"))

        // Without --strict the site is written; the reference stays readable, marked unresolved.
        #expect(!result.failed)
        #expect(result.wroteSite)
        let notes = try ResolveFixture.body(result, "calls/more/notes.html")
        #expect(notes.contains(#"<span class="reference unresolved">ch-cowork</span>"#))
        #expect(notes.contains(#"<span class="reference unresolved">the calls</span>"#))
        #expect(ResolveFixture.links(notes).isEmpty)

        // The resolved chapter records it with no page.
        let resolved = try await ResolveFixture.resolve(book)
        let references = try #require(resolved.chapter("calls/more/notes.md")).references
        #expect(references.count == 3)
        #expect(references.allSatisfy { $0.page == nil && $0.htmlID == nil })
    }

    /// "Did you mean" names the nearest explicit label (Levenshtein distance, counted by hand
    /// below), within a third of the label's length (at least 2); between equally near labels,
    /// the first in code-point order, whatever order the book defines them in; never a heading's
    /// implicit anchor.
    @Test func theSuggestionIsTheNearestExplicitLabelAndTiesAreStable() {
        func target(_ label: String, implicit: Bool = false) -> Target {
            Target(identifier: Labels.normalize(label), label: label, kind: implicit ? .heading : .anchor, pagePath: "a.html",
                   htmlID: label, title: [], number: nil, implicit: implicit, range: nil)
        }
        for order in [["fig-b", "fig-a", "fig-c"], ["fig-c", "fig-a", "fig-b"], ["fig-a", "fig-c", "fig-b"]] {
            // "fig-d" is one substitution from each: the tie goes to "fig-a".
            #expect(BookIndex([order.map { target($0) }]).suggestion(for: "fig-d") == "fig-a")
        }
        let index = BookIndex([[target("Methods-Overview"), target("methods-overlay"), target("intro", implicit: true)]])
        // "methods-overvew": one deletion from "methods-overview", three edits from "methods-overlay".
        #expect(index.suggestion(for: "methods-overvew") == "Methods-Overview")
        // "intra" is one edit from the heading anchor "intro", which is not suggested.
        #expect(index.suggestion(for: "intra") == nil)
        // "abc" (limit 2) is three edits from any label of length 3 or more here.
        #expect(BookIndex([[target("xyz"), target("xyzw")]]).suggestion(for: "abc") == nil)
        // Two edits is within reach for a short label: "ab" → "xb" → "xbz".
        #expect(BookIndex([[target("xbz")]]).suggestion(for: "ab") == "xbz")
    }

    @Test func otherUnresolvedReferencesAreWarningsToo() async throws {
        let book = try ResolveFixture.book(toc: ["a/one.md", "b/two.md"], files: [
            "a/one.md": """
                # One

                (setup-steps)=
                ## Setup steps

                """,
            "b/two.md": """
                # Two

                {doc}`../a/none` and [](#setup-step) and {numref}`nope` and {term}`Unknown term` and {eq}`nope`

                [x](../a/one.md#nope) and [y](../a/missing.md)

                """,
        ])
        defer { book.remove() }
        let result = await book.build()
        let diagnostics = ResolveFixture.referenceDiagnostics(result.diagnostics).sortedForDisplay()
        #expect(diagnostics.map(\.id) == [
            "reference-unresolved", "reference-unresolved", "reference-unresolved", "reference-unresolved",
            "reference-unresolved", "link-anchor-missing", "link-not-a-page",
        ], "\(BuildInspection.describe(diagnostics))")
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        #expect(diagnostics.map { $0.range?.description ?? "" } == [
            "book/b/two.md:3:1", "book/b/two.md:3:22", "book/b/two.md:3:42", "book/b/two.md:3:61",
            "book/b/two.md:3:86", "book/b/two.md:5:1", "book/b/two.md:5:27",
        ])
        #expect(diagnostics[1].message.contains("did you mean 'setup-steps'"), "\(diagnostics[1].message)")
        #expect(diagnostics[5].message.contains("#nope"))

        // A link to a missing anchor still goes to the page, with the fragment as written.
        let two = try ResolveFixture.body(result, "b/two.html")
        #expect(ResolveFixture.links(two).contains { $0.href == "../a/one.html#nope" && $0.text == "x" })
    }

    /// An autolink on the second line of a paragraph: the warning must point at its `<`.
    @Test func anUnresolvedAutolinkIsReportedAtItsPosition() async throws {
        let book = try ResolveFixture.book(toc: ["a/one.md"], files: [
            "a/one.md": "# One\n\nFirst line of the paragraph,\nthen <project:#nowhere> here.\n",
        ])
        defer { book.remove() }
        let result = await book.build()
        let warning = try #require(ResolveFixture.diagnostics(result.diagnostics, "reference-unresolved").first)
        #expect(warning.range?.start.line == 4)
        #expect(warning.range?.description == "book/a/one.md:4:6")
    }

    @Test func aDuplicateLabelIsAnErrorAndTheFirstInReadingOrderWins() async throws {
        let book = try ResolveFixture.book(toc: ["index.md", "a/one.md", "b/two.md", "c/three.md"], files: [
            "index.md": "# Home\n\nGo to {ref}`shared` or [](#shared).\n",
            "a/one.md": """
                # One

                (shared)=
                ## Shared in one

                """,
            "b/two.md": """
                # Two

                Some text.

                (shared)=
                ## Shared in two

                Here: {ref}`shared`.

                """,
            "c/three.md": "# Three\n\n{ref}`shared`\n",
        ])
        defer { book.remove() }
        let result = await book.build()
        let duplicates = ResolveFixture.diagnostics(result.diagnostics, "duplicate-label")
        #expect(duplicates.count == 1, "\(BuildInspection.describe(result.diagnostics))")
        let duplicate = try #require(duplicates.first)
        #expect(duplicate.severity == .error)
        // Reported at the second definition, naming the first.
        #expect(duplicate.range?.description == "book/b/two.md:5:1")
        #expect(duplicate.message.contains("'shared'"))
        #expect(duplicate.message.contains("book/a/one.md:3:1"), "\(duplicate.message)")
        #expect(ResolveFixture.diagnostics(result.diagnostics, "reference-unresolved").isEmpty)

        // Everywhere else the reference goes to the first one.
        let index = ResolveFixture.links(try ResolveFixture.body(result, "index.html"))
        #expect(index.map(\.href) == ["a/one.html#shared", "a/one.html#shared"])
        #expect(index.map(\.text) == ["Shared in one", "Shared in one"])
        let three = ResolveFixture.links(try ResolveFixture.body(result, "c/three.html"))
        #expect(three.map(\.href) == ["../a/one.html#shared"])
        let resolved = try await ResolveFixture.resolve(book)
        #expect(resolved.target("shared")?.pagePath == "a/one.html")
        // On the page holding the duplicate, a label is looked up on that page first (as
        // mystmd resolves each page's own targets first), so there it names the local one.
        let two = ResolveFixture.links(try ResolveFixture.body(result, "b/two.html"))
        #expect(two.map(\.href) == ["#shared"])

        // An error fails the build, but without --strict the other pages are still written.
        #expect(result.failed)
        #expect(result.wroteSite)
    }

    @Test func aDuplicateLabelInOneChapterIsAnErrorToo() async throws {
        let book = try ResolveFixture.book(toc: ["a/one.md", "b/two.md"], files: [
            "a/one.md": """
                # One

                (twice)=
                ## First

                (twice)=
                ## Second

                """,
            "b/two.md": "# Two\n\n{ref}`twice`\n",
        ])
        defer { book.remove() }
        let result = await book.build()
        let duplicates = ResolveFixture.diagnostics(result.diagnostics, "duplicate-label")
        #expect(duplicates.count == 1)
        #expect(duplicates.first?.range?.description == "book/a/one.md:6:1")
        #expect(duplicates.first?.message.contains("book/a/one.md:3:1") == true)
        let two = ResolveFixture.links(try ResolveFixture.body(result, "b/two.html"))
        #expect(two.map(\.href) == ["../a/one.html#twice"])
        #expect(two.map(\.text) == ["First"])
        // The ids on the page stay unique.
        let one = try ResolveFixture.body(result, "a/one.html")
        let ids = BuildInspection.attributeValues(one, tag: "h2", attribute: "id")
        #expect(ids.count == 2 && Set(ids).count == 2, "\(ids)")
    }

    /// An explicit label beats an implicit heading id of the same name, whichever comes first,
    /// and that is not a problem worth a diagnostic.
    @Test(arguments: [
        // (implicit heading in, explicit label in): the heading "Overview" earlier…
        ("a/one.md", "b/two.md"),
        // …or later in reading order.
        ("b/two.md", "a/one.md"),
    ])
    func anExplicitLabelBeatsAnImplicitHeadingID(implicitIn: String, explicitIn: String) async throws {
        let book = try ResolveFixture.book(toc: ["index.md", "a/one.md", "b/two.md", "c/three.md"], files: [
            "index.md": "# Home\n",
            implicitIn: "# Implicit\n\n## Overview\n",
            explicitIn: "# Explicit\n\n(overview)=\n## The real overview\n",
            "c/three.md": "# Three\n\n{ref}`overview` and [](#overview)\n",
        ])
        defer { book.remove() }
        let result = await book.build()
        #expect(ResolveFixture.referenceDiagnostics(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        let three = ResolveFixture.links(try ResolveFixture.body(result, "c/three.html"))
        let page = "../" + explicitIn.replacingOccurrences(of: ".md", with: ".html")
        #expect(three.map(\.href) == [page + "#overview", page + "#overview"])
        #expect(three.map(\.text) == ["The real overview", "The real overview"])
        // The implicit heading keeps its id on its own page.
        let implicitPage = try ResolveFixture.body(result, implicitIn.replacingOccurrences(of: ".md", with: ".html"))
        #expect(implicitPage.contains(#"<h2 id="overview">Overview"#))
    }

    @Test func implicitHeadingIDsInSeveralChaptersAreSilentAndTheFirstWins() async throws {
        let book = try ResolveFixture.book(toc: ["a/one.md", "b/two.md", "c/three.md"], files: [
            "a/one.md": "# One\n\n## Setup\n",
            "b/two.md": "# Two\n\n## Setup\n",
            "c/three.md": "# Three\n\n[](#setup)\n",
        ])
        defer { book.remove() }
        let result = await book.build()
        #expect(ResolveFixture.referenceDiagnostics(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        let three = ResolveFixture.links(try ResolveFixture.body(result, "c/three.html"))
        #expect(three.map(\.href) == ["../a/one.html#setup"])
    }

    @Test func strictBuildsFailOnAnUnresolvedReference() async throws {
        let book = try ResolveFixture.book(toc: ["a/one.md", "b/two.md"], files: [
            "a/one.md": "(ch-coworking)=\n# One\n",
            "b/two.md": "# Two\n\n{ref}`ch-cowork`\n",
        ])
        defer { book.remove() }
        let output = book.outside("strict-site")
        let strict = await book.build(output: output, strict: true)
        #expect(strict.failed)
        #expect(!strict.wroteSite)
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(ResolveFixture.diagnostics(strict.diagnostics, "reference-unresolved").count == 1)

        let relaxed = await book.build(output: book.outside("site"))
        #expect(!relaxed.failed)
        #expect(relaxed.wroteSite)
        #expect(BuildInspection.snapshot(book.outside("site"))["b/two.html"] != nil)
    }

    @Test func strictBuildsFailOnADuplicateLabel() async throws {
        let book = try ResolveFixture.book(toc: ["a/one.md", "b/two.md"], files: [
            "a/one.md": "# One\n\n(same)=\n## A\n",
            "b/two.md": "# Two\n\n(same)=\n## B\n",
        ])
        defer { book.remove() }
        let output = book.outside("strict-site")
        let strict = await book.build(output: output, strict: true)
        #expect(strict.failed)
        #expect(!strict.wroteSite)
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(ResolveFixture.diagnostics(strict.diagnostics, "duplicate-label").count == 1)
    }

    @Test func aCleanBookHasNoReferenceDiagnosticsEvenWhenStrict() async throws {
        let book = try ResolveFixture.book(toc: ["a/one.md", "b/two.md"], files: [
            "a/one.md": "(one)=\n# One\n\n(part)=\n## Part\n",
            "b/two.md": "# Two\n\n{ref}`one`, {ref}`part`, [](../a/one.md#part), {doc}`../a/one`\n",
        ])
        defer { book.remove() }
        let strict = await book.build(strict: true)
        #expect(strict.diagnostics.isEmpty, "\(BuildInspection.describe(strict.diagnostics))")
        #expect(!strict.failed)
        #expect(strict.wroteSite)
    }

    /// `[text](#slug)` naming a heading that is not on the page but on several others is bound
    /// to the first in reading order, with a warning naming them (mystmd warns too); a heading
    /// on one other page only, or on the page itself, is bound silently.
    @Test func aLinkToAHeadingOnSeveralPagesWarnsNamingThem() async throws {
        let book = try ResolveFixture.book(toc: ["index.md", "a.md", "b.md", "c.md"], files: [
            "index.md": "# Home\n\nSee [the rooms](#breakout-rooms) and [the only one](#unique-heading).\n",
            "a.md": "# A\n\n## Breakout rooms\n\n## Unique heading\n",
            "b.md": "# B\n\n## Breakout rooms\n",
            "c.md": "# C\n\n## Breakout rooms\n\nHere [these](#breakout-rooms).\n",
        ])
        defer { book.remove() }
        let result = await book.build()
        let ambiguous = ResolveFixture.diagnostics(result.diagnostics, "link-ambiguous")
        #expect(ambiguous.map { $0.range?.description } == ["book/index.md:3:5"], "\(BuildInspection.describe(result.diagnostics))")
        #expect(ambiguous.first?.message.contains("3 pages (a.html, b.html, c.html)") == true)
        #expect(ambiguous.first?.severity == .warning)
        #expect(try ResolveFixture.body(result, "index.html").contains(#"<a href="a.html#breakout-rooms">the rooms</a>"#))
    }
}
