@testable import CallbookCore
import Testing

/// Which lookups an edit to a chapter's targets may answer differently (`TargetChanges`), and
/// which lookups a chapter's binding records (`TargetLookups`). Expected sets are worked out by
/// hand from the index's rules: a label names every target with its identifier, the first
/// explicit one winning; an anchor on a page names the first target carrying that id there.
@Suite("Target changes and lookups")
struct TargetChangesTests {
    static func target(_ label: String, html: String?, title: String = "", number: Int? = nil, implicit: Bool = false,
                       line: Int = 1) -> Target {
        Target(identifier: Labels.normalize(label), label: label, kind: implicit ? .heading : .anchor, pagePath: "a.html",
               htmlID: html, title: title.isEmpty ? [] : [Inline(.text(title))], number: number, implicit: implicit,
               range: SourceRange(file: "a.md", line: line, column: 1))
    }

    @Test("moved targets change nothing; added, removed and retitled ones change their label and anchor")
    func changes() {
        let old = [Self.target("Intro", html: "intro", title: "Intro", implicit: true, line: 3),
                   Self.target("fig-one", html: "fig-one", number: 1, line: 9),
                   Self.target("gone", html: "gone", line: 12)]
        // The same targets, every one two lines down: nothing another page sees.
        let moved = old.map { var copy = $0; copy.range?.start.line += 2; return copy }
        #expect(TargetChanges.lookups(changedFrom: old, to: moved).isEmpty)

        let new = [Self.target("Intro", html: "intro", title: "Introduction", implicit: true),
                   Self.target("fig-one", html: "fig-one", number: 1),
                   Self.target("Added Here", html: "added-here", implicit: true)]
        let changed = TargetChanges.lookups(changedFrom: old, to: new)
        #expect(changed.labels == ["intro", "gone", "added here"])
        #expect(changed.anchors == ["a.html#intro", "a.html#gone", "a.html#added-here"])
    }

    @Test("a figure renumbered changes its label; two targets of one anchor swapped change the anchor only")
    func numbersAndAnchorOrder() {
        let first = Self.target("fig-a", html: "shared")
        let second = Self.target("sec-b", html: "shared")
        let renumbered = TargetChanges.lookups(changedFrom: [Self.target("fig-c", html: "fig-c", number: 1)],
                                               to: [Self.target("fig-c", html: "fig-c", number: 2)])
        #expect(renumbered.labels == ["fig-c"] && renumbered.anchors == ["a.html#fig-c"])
        let swapped = TargetChanges.lookups(changedFrom: [first, second], to: [second, first])
        #expect(swapped.labels.isEmpty)
        #expect(swapped.anchors == ["a.html#shared"])
    }

    @Test("binding records every label and anchor it looked up, found or not")
    func bindingRecordsLookups() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  toc:\n    - file: a.md\n    - file: b.md\n")
        try book.write("a.md", "# Alpha\n\n(sec-x)=\n## Section X\n")
        try book.write("b.md", """
            # Beta

            {ref}`sec-x`, {ref}`Not There`, [](#section-x), [](#nowhere), [](a.md#section-x), [](bare),
            [plain](https://example.org/#frag).

            """)
        let (resolved, _) = try await Build.resolve(bookAt: book.directory, displayRoot: "book", projectRoot: nil)
        let beta = try #require(resolved.chapters.first { $0.path == "b.md" })
        #expect(beta.lookups.labels == ["sec-x", "not there", "section-x", "nowhere", "bare"])
        // `#section-x` is found as a label; `#nowhere` is then looked for as an anchor on b's page,
        // and `a.md#section-x` on a's page only if the label were not there.
        #expect(beta.lookups.anchors == ["b.html#nowhere"])
        #expect(TargetLookups(labels: ["nowhere"]).meets(beta.lookups))
        #expect(!TargetLookups(labels: ["elsewhere"], anchors: ["a.html#nowhere"]).meets(beta.lookups))
    }
}
