import CallbookCore
import Foundation
import Testing

/// Hover previews of cross-references (issue 13): each page carries, in
/// `<script type="application/json" id="ref-previews">`, the previews of exactly the targets it
/// references, keyed by the links' `href`: a section's heading and first paragraph, a figure's
/// number, caption and image (relative to the page), a term's definition, an equation's TeX, a
/// page's title and first paragraph. A page without references carries none, nor the script.
@Suite struct ReferencePreviewTests {
    static let open = #"<script type="application/json" id="ref-previews">"#

    /// The previews a built page carries (href → field → text); nil when it carries none.
    static func previews(_ html: String) throws -> [String: [String: String]]? {
        guard let start = html.range(of: open) else { return nil }
        let rest = html[start.upperBound...]
        let end = try #require(rest.range(of: "</script>"))
        let json = try JSONSerialization.jsonObject(with: Data(rest[..<end.lowerBound].utf8))
        return try #require(json as? [String: [String: String]], "not an object of objects of strings: \(json)")
    }

    static func build(_ files: [String: String], toc: [String]) async throws -> (TemporaryBook, BuildResult) {
        let book = try TemporaryBook()
        let entries = toc.map { "    - file: \($0)" }.joined(separator: "\n")
        try book.write("myst.yml", "version: 1\nproject:\n  title: Previews\n  toc:\n\(entries)\n")
        for (path, text) in files { try book.write(path, text) }
        let result = await book.build()
        #expect(BuildInspection.problems(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        return (book, result)
    }

    @Test func aPageCarriesThePreviewsOfExactlyTheTargetsItReferences() async throws {
        let (book, result) = try await Self.build([
            "index.md": """
                # Home

                See {ref}`install`, {numref}`fig-map` and {term}`Host`; again {ref}`install`.
                """,
            "guide/setup.md": """
                # Setup

                Setup comes first.

                (install)=
                ## Installing callbook

                Download the   binary
                and put it on your *path*, then run `callbook --help`.

                A second paragraph the preview leaves out.

                :::{figure} ../img/map.png
                :name: fig-map
                :alt: A map

                The map of the "venue" & its rooms.
                :::
                """,
            "glossary.md": """
                # Glossary

                :::{glossary}
                Host
                  The person who opens the call.

                  More about hosts.
                :::
                """,
            "plain.md": "# Plain\n\nNo references here.\n",
            "img/map.png": "png",
        ], toc: ["index.md", "guide/setup.md", "glossary.md", "plain.md"])
        defer { book.remove() }
        let index = try #require(BuildInspection.page(result, "index.html"))
        #expect(try Self.previews(index) == [
            "guide/setup.html#install": [
                "kind": "section", "title": "Installing callbook",
                "text": "Download the binary and put it on your path, then run callbook --help.",
            ],
            "guide/setup.html#fig-map": [
                "kind": "figure", "title": "Figure 1", "text": "The map of the \"venue\" & its rooms.", "image": "img/map.png",
            ],
            "glossary.html#term-host": ["kind": "term", "title": "Host", "text": "The person who opens the call."],
        ])
        // The keys are the links' addresses, as the page writes them.
        for href in ["guide/setup.html#install", "guide/setup.html#fig-map", "glossary.html#term-host"] {
            #expect(index.contains("href=\"\(href)\""), "no link to \(href)")
        }
        #expect(index.contains(#"<script defer src="_static/ref-previews.js"></script>"#))
        let plain = try #require(BuildInspection.page(result, "plain.html"))
        #expect(try Self.previews(plain) == nil)
        #expect(!plain.contains("ref-previews"))
    }

    @Test func figureImagesAreRelativeToTheReferringPageAndEquationsKeepTheirTeX() async throws {
        let (book, result) = try await Self.build([
            "a/deep/one.md": """
                # One

                {numref}`fig-far` and {eq}`eq-less`, and [the other page](../../b/two.md); {doc}`one` is this page.
                """,
            "b/two.md": """
                ---
                description: Two, in short.
                ---
                # Two

                Not the description.

                :::{figure} ../img/far.png
                :name: fig-far
                :alt: Far

                Far away.
                :::

                ```{math}
                :label: eq-less
                a < b </script>
                ```
                """,
            "img/far.png": "png",
        ], toc: ["a/deep/one.md", "b/two.md"])
        defer { book.remove() }
        let page = try #require(BuildInspection.page(result, "a/deep/one.html"))
        #expect(try Self.previews(page) == [
            "../../b/two.html#fig-far": ["kind": "figure", "title": "Figure 1", "text": "Far away.", "image": "../../img/far.png"],
            "../../b/two.html#eq-less": ["kind": "equation", "title": "Equation (1)", "tex": "a < b </script>"],
            "../../b/two.html": ["kind": "section", "title": "Two", "text": "Two, in short."],
        ])
        // Nothing in the previews can close the script early.
        let start = try #require(page.range(of: Self.open))
        let script = page[start.upperBound...].prefix { $0 != "\n" }
        #expect(script.components(separatedBy: "</script>").count == 2, "\(script)")
        #expect(script.contains(#"a \u003c b \u003c/script>"#))
    }

    @Test func aLongParagraphIsCutAtAWordAndEachTargetComesOnce() async throws {
        let words = (1...80).map { "word\($0)" }
        let references = String(repeating: "{ref}`long` ", count: 500)
        let (book, result) = try await Self.build([
            "index.md": "# Home\n\n\(references)\n\n(long)=\n## Long\n\n\(words.joined(separator: " "))\n",
        ], toc: ["index.md"])
        defer { book.remove() }
        let page = try #require(BuildInspection.page(result, "index.html"))
        // The words that fit in 300 characters, then "…".
        var expected = ""
        for word in words where (expected.isEmpty ? word.count : expected.count + 1 + word.count) <= 300 {
            expected += (expected.isEmpty ? "" : " ") + word
        }
        #expect(try Self.previews(page) == ["#long": ["kind": "section", "title": "Long", "text": expected + "…"]])
        #expect(page.components(separatedBy: "\"#long\":").count == 2, "one preview for 500 references")
    }
}
