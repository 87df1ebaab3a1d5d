@testable import CallbookCore
import Foundation
import Testing

/// The anchors' pass rewrites a chapter's links and images on its way down the tree (one walk,
/// not two): the tree, assets and diagnostics are what anchoring and then rewriting the links
/// in a walk of their own gives, with links and images at every depth a chapter puts them.
@Suite struct AnchorsWithLinksTests {
    static let chapter = """
        # Title

        See [the data](files/data.pdf), [gone](files/gone.pdf), [away](https://example.org) and ![](img/a.png).

        (lbl-note)=
        :::{note} A [titled](files/data.pdf) note
        - ![one](img/a.png) in a list
        - ![two](img/missing.png) missing
        :::

        | a | b |
        |---|---|
        | [cell](files/data.pdf) | ![cell image](img/a.png) |

        ```{figure} img/a.png
        :alt: A figure
        :label: fig-a
        The [caption](files/data.pdf).
        ```

        ```{figure} img/nowhere.png
        :alt: Missing
        Caption.
        ```

        > Quoted ![quote](img/b.png) and **[strong](files/data.pdf)**.
        """

    @Test func oneWalkGivesWhatTwoGave() async throws {
        let book = try ResolveFixture.book(toc: ["ch/page.md"], files: [
            "ch/page.md": Self.chapter, "ch/files/data.pdf": "%PDF", "ch/img/a.png": "png", "ch/img/b.png": "png",
        ])
        defer { book.remove() }
        let (loaded, _) = try book.load()
        let parsed = await ChapterParser(files: loaded.files).parse(loaded.chapters)
        let document = try #require(parsed.first).document
        func links() -> LinkRewriter {
            LinkRewriter(bookDirectory: loaded.directory, chapterPath: "ch/page.md", files: loaded.files)
        }

        var fused = ChapterAnchors(pagePath: "ch/page.html", links: links())
        let oneWalk = fused.assign(document, pageTitle: [])
        var anchors = ChapterAnchors(pagePath: "ch/page.html")
        var separate = links()
        let twoWalks = separate.rewrite(anchors.assign(document, pageTitle: []))

        #expect(oneWalk == twoWalks)
        #expect(fused.targets == anchors.targets)
        let rewriter = try #require(fused.links)
        #expect(rewriter.assets == separate.assets)
        #expect(rewriter.diagnostics == separate.diagnostics)
        // Worked out by hand from the chapter, in document order: the image without alt text
        // (line 3), the missing image in the note's list (line 8), the figure's missing image
        // (line 21, where the directive names it); a link to a missing file is no warning here.
        #expect(rewriter.diagnostics.map(\.id) == ["image-alt-missing", "image-missing", "image-missing"])
        #expect(rewriter.diagnostics.map { $0.range?.start.line ?? 0 } == [3, 8, 21])
        #expect(Set(rewriter.assets.map(\.sitePath)) == ["ch/files/data.pdf", "ch/img/a.png", "ch/img/b.png"])
        let html = HTMLRenderer().render(oneWalk)
        #expect(html.contains("src=\"img/a.png\""), "\(html)")
        #expect(html.contains("href=\"files/data.pdf\""), "\(html)")
    }
}
