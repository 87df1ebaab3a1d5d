@testable import CallbookCore
import Testing

/// Numbering as mystmd's `enumerate.ts`: each kind counts on its own from 1 on every page, and
/// the words shown with numbers live in one place.
@Suite struct NumberingTests {
    @Test func eachKindCountsOnItsOwn() {
        var numbering = PageNumbering()
        #expect(numbering.next(.figure) == 1)
        #expect(numbering.next(.table) == 1)
        #expect(numbering.next(.figure) == 2)
        #expect(numbering.next(.code) == 1)
        #expect(numbering.next(.equation) == 1)
        #expect(numbering.next(.figure) == 3)
    }

    @Test func wordsAndTemplates() {
        #expect([NumberedKind.figure, .table, .code, .equation].map(\.word) == ["Figure", "Table", "Program", "Equation"])
        #expect(NumberedKind(Container.Kind.code).numrefTemplate == "Program %s")
        #expect(NumberedKind(Target.Kind.heading) == nil)
        #expect(NumberedKind.equationLabel(3) == "(3)")
    }

    @Test func numbersAndWordsOnAPage() {
        let (document, _) = MystLayer.parse("""
            ```{figure} a.png
            :alt: A
            :label: fig-a
            First.
            ```

            ```{code-block} python
            :caption: Listing
            :label: code-a
            x = 1
            ```

            ```{figure} b.png
            :alt: B
            Second.
            ```
            """)
        var anchors = ChapterAnchors(pagePath: "page.html")
        let html = HTMLRenderer().render(anchors.assign(document, pageTitle: []))
        #expect(html.contains("Figure 1 </span>"), "\(html)")
        #expect(html.contains("Program 1 </span>"), "\(html)")
        #expect(html.contains("Figure 2 </span>"), "\(html)")
        #expect(anchors.targets.map(\.number) == [1, 1])
    }

    /// mystmd 1.11 on the same text (its mdast `enumerator`s): the iframe without a caption is
    /// no figure, so the figure after it is Figure 1; the captioned iframe is Figure 2, the
    /// last figure Figure 3.
    @Test func anIframeWithoutACaptionIsNotNumbered() {
        let (document, _) = MystLayer.parse("""
            ```{iframe} https://www.youtube.com/embed/abc
            ```

            ```{figure} a.png
            :alt: A
            :label: fig-a
            First.
            ```

            ```{iframe} https://www.youtube.com/embed/def
            Captioned video.
            ```

            ```{figure} b.png
            :alt: B
            Second.
            ```
            """)
        var anchors = ChapterAnchors(pagePath: "page.html")
        let html = HTMLRenderer().render(anchors.assign(document, pageTitle: []))
        let numbers = html.components(separatedBy: "Figure ").dropFirst().map { $0.prefix { $0.isNumber } }
        #expect(numbers == ["1", "2", "3"], "\(html)")
        #expect(anchors.targets.map(\.number) == [1])
        let firstIframe = html.range(of: "embed/abc").map { html[..<$0.lowerBound] } ?? ""
        #expect(!firstIframe.contains("Figure"))
        #expect(html.range(of: "Figure 2")!.lowerBound > html.range(of: "embed/def")!.lowerBound)
    }
}
