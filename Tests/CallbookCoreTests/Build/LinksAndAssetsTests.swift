import CallbookCore
import Foundation
import Testing

/// Links between chapters become relative `.html` links; images and linked files are copied
/// into the site (files outside the book under `_assets/_up/…`) and pointed at; missing images
/// are warnings at their exact position.
@Suite struct LinksAndAssetsTests {
    /// A book in `<root>/book` with figures in `<root>/figures` (outside it):
    ///
    ///     index.md  other.md  sub/x.md  guide/page.md  data/table.csv  local.png
    static func makeBook() throws -> TemporaryBook {
        let book = try TemporaryBook()
        try book.write("myst.yml", """
            version: 1
            project:
              title: Links
              toc:
                - file: index.md
                - file: other.md
                - file: sub/x.md
                - file: guide/page.md

            """)
        try book.write("index.md", """
            (top)=
            # Home

            Go to [other](other.md), to [a part of it](other.md#frag), to [x](/sub/x.md),
            to [this page](index.md#top) and to [an anchor](#local).

            ![A picture](../figures/pic.png)

            - In a list: [the data](data/table.csv) and ![here](local.png "Local")
            > Quoted: [other again](./other.md#frag)

            Leave [the web](https://example.org/a.md) and [mail](mailto:a@example.org) alone.

            ## Local

            """)
        try book.write("other.md", "# Other\n\n## Frag\n")
        try book.write("sub/x.md", "# X\n\n## Top\n\nBack [home](../index.md) or [to other](/other.md#frag).\n")
        try book.write("guide/page.md", """
            # Guide page

            See [x](/sub/x.md), [x relative](../sub/x.md#top), [other](../other.md#frag).

            ![Figure](../../figures/pic.png)

            """)
        try book.write("data/table.csv", "a,b\n1,2\n")
        try book.write("local.png", bytes: Data([1, 2, 3]))
        try book.write("../figures/pic.png", bytes: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]))
        return book
    }

    static func hrefs(_ html: String) -> [String] {
        BuildInspection.attributeValues(html, tag: "a", attribute: "href")
    }

    @Test func chapterLinksBecomeRelativeHTMLLinks() async throws {
        let book = try Self.makeBook()
        defer { book.remove() }

        let result = await book.build()
        #expect(result.diagnostics.isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.wroteSite)

        let index = try #require(BuildInspection.page(result, "index.html"))
        let indexBody = try #require(BuildInspection.section(index, tag: "article", class: "chapter"))
        let indexLinks = Self.hrefs(indexBody)
        #expect(indexLinks.contains("other.html"))
        #expect(indexLinks.contains("other.html#frag"))
        #expect(indexLinks.contains("sub/x.html"))
        #expect(indexLinks.contains("#top"))
        #expect(indexLinks.contains("#local"))
        #expect(indexLinks.contains("https://example.org/a.md"))
        #expect(indexLinks.contains("mailto:a@example.org"))
        // Links inside lists and quotes are rewritten too.
        #expect(indexBody.contains(#"<a href="data/table.csv">the data</a>"#))
        #expect(indexBody.contains(#"<a href="other.html#frag">other again</a>"#))
        #expect(!indexLinks.contains { $0.hasSuffix(".md") && !$0.hasPrefix("https:") })

        let x = try #require(BuildInspection.page(result, "sub/x.html"))
        let xLinks = Self.hrefs(try #require(BuildInspection.section(x, tag: "article", class: "chapter")))
        #expect(xLinks.contains("../index.html"))
        #expect(xLinks.contains("../other.html#frag"))

        let guide = try #require(BuildInspection.page(result, "guide/page.html"))
        let guideLinks = Self.hrefs(try #require(BuildInspection.section(guide, tag: "article", class: "chapter")))
        #expect(guideLinks.contains("../sub/x.html"))
        #expect(guideLinks.contains("../sub/x.html#top"))
        #expect(guideLinks.contains("../other.html#frag"))

        // The written pages are the rendered ones.
        let written = BuildInspection.snapshot(book.outside("site"))
        #expect(written["guide/page.html"].map { String(decoding: $0, as: UTF8.self) } == guide)
    }

    @Test func imagesAndFilesAreCopiedAndPointedAt() async throws {
        let book = try Self.makeBook()
        defer { book.remove() }

        let result = await book.build()
        #expect(result.diagnostics.isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        let output = book.outside("site")
        let files = BuildInspection.snapshot(output)

        // The figure outside the book goes under `_assets/`, each `..` becoming `_up`.
        let figurePath = "_assets/_up/figures/pic.png"
        #expect(files[figurePath] == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]))
        #expect(files["local.png"] == Data([1, 2, 3]))
        #expect(files["data/table.csv"] == Data("a,b\n1,2\n".utf8))
        // Nothing is written outside the output folder, and the figure stays where it was.
        #expect(BuildInspection.listing(book.root) == ["book", "figures", "site"])

        let index = try #require(BuildInspection.page(result, "index.html"))
        let indexImages = BuildInspection.attributeValues(index, tag: "img", attribute: "src")
        #expect(indexImages.contains(figurePath))
        #expect(indexImages.contains("local.png"))
        #expect(index.contains(#"<img src="\#(figurePath)" alt="A picture" />"#))
        #expect(index.contains(#"<img src="local.png" alt="here" title="Local" />"#))

        let guide = try #require(BuildInspection.page(result, "guide/page.html"))
        #expect(BuildInspection.attributeValues(guide, tag: "img", attribute: "src").contains("../" + figurePath))
        // Each src, resolved against its page, names a file that exists in the site.
        for (page, html) in [("index.html", index), ("guide/page.html", guide)] {
            let body = try #require(BuildInspection.section(html, tag: "article", class: "chapter"))
            for src in BuildInspection.attributeValues(body, tag: "img", attribute: "src") {
                let resolved = BookPaths.resolve(src, from: page)
                #expect(files[resolved] != nil, "\(page): <img src=\"\(src)\"> → \(resolved) is not in the site")
            }
        }
    }

    @Test func missingImageIsAWarningAtItsPosition() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n\nFine.\n")
        try book.write("sub/page.md", """
            # Page

            Some text ![x](nope.png) and
            more ![y](../gone/away.png "title") here.

            - ![in a list](missing.svg)

            """)

        let result = await book.build()
        let warnings = result.diagnostics.filter { $0.id == "image-missing" }
        #expect(result.diagnostics.count == 3, "\(BuildInspection.describe(result.diagnostics))")
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(warnings.map { $0.range?.description ?? "-" }.sorted() == [
            "book/sub/page.md:3:11", "book/sub/page.md:4:6", "book/sub/page.md:6:3",
        ])
        #expect(warnings.contains { $0.message.contains("nope.png") })
        // A warning, not an error: the page is still built, with the image left as written.
        #expect(!result.failed)
        #expect(result.wroteSite)
        let page = try #require(BuildInspection.page(result, "sub/page.html"))
        #expect(page.contains(#"<img src="nope.png" alt="x" />"#))
    }

    @Test func linkToAMarkdownFileThatIsNotAPageIsAWarningAtItsPosition() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  toc:\n    - file: index.md\n")
        try book.write("index.md", "# Home\n\nSee [nothing](nothing.md) and [draft](draft.md#x).\n")
        try book.write("draft.md", "# Draft\n")

        let result = await book.build()
        let notPages = result.diagnostics.filter { $0.id == "link-not-a-page" }
        #expect(notPages.map { $0.range?.description ?? "-" }.sorted() == ["book/index.md:3:31", "book/index.md:3:5"])
        #expect(notPages.contains { $0.message.contains("does not exist") })
        #expect(notPages.contains { $0.message.contains("not in the table of contents") })
        #expect(result.diagnostics.filter { $0.id == "toc-unlisted-files" }.count == 1)
    }
}
