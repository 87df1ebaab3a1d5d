import CallbookCore
import Foundation
import Testing

/// Chapters of about 1 MB made of one construct repeated: each used to take time growing with
/// the square of its size (or worse). They are parsed and rendered here in full, with what
/// was written kept; their speed is measured by `bench/scaling`, not here.
@Suite("Large chapters")
struct LargeChapterTests {
    static func html(_ text: String) async -> (html: String, diagnostics: [Diagnostic]) {
        await ChapterStress.onSmallStack {
            let chapter = ChapterParser().parse(ChapterSource(path: "page.md", displayPath: "page.md", text: text))
            return (HTMLRenderer().render(chapter.document), chapter.diagnostics)
        }
    }

    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    @Test func inlineMathInOneParagraph() async {
        let (html, _) = await Self.html(String(repeating: "$x$ ", count: 250_000))
        #expect(Self.count("<span class=\"math-inline\">\\(x\\)</span>", in: html) == 250_000)
    }

    @Test func footnoteReferencesOnOneLine() async {
        let n = 100_000
        let (html, _) = await Self.html((0..<n).map { "[^f\($0)]" }.joined() + "\n")
        #expect(Self.count("<sup class=\"footnote-ref\">", in: html) == n)
        #expect(html.contains("id=\"fnref-f99999\""))
    }

    @Test func unclosedFootnoteReferencesStayText() async {
        let (html, _) = await Self.html(String(repeating: "[^", count: 500_000) + "\n")
        #expect(Self.count("[^", in: html) == 500_000)
    }

    @Test func admonitionsWithTitles() async {
        let n = 30_000
        let (html, _) = await Self.html(String(repeating: "```{admonition} Title\nbody\n```\n\n", count: n))
        #expect(Self.count("<p class=\"admonition-title\">Title</p>", in: html) == n)
    }

    @Test func figures() async {
        let n = 20_000
        let (html, _) = await Self.html(String(repeating: "```{figure} pic.png\n:alt: a\n\nA caption.\n```\n\n", count: n))
        #expect(Self.count("<figure", in: html) == n)
        #expect(Self.count("A caption.", in: html) == n)
    }

    @Test func tabItemsInOneSet() async {
        let n = 30_000
        let (html, _) = await Self.html("````{tab-set}\n" + String(repeating: "```{tab-item} Title\nbody\n```\n", count: n) + "````\n")
        #expect(Self.count("<label class=\"tab-label\"", in: html) == n)
    }

    @Test func unclosedColonFences() async {
        let n = 50_000
        let (html, diagnostics) = await Self.html(String(repeating: ":::{note}\ntext\n", count: n))
        let unclosed = diagnostics.filter { $0.id == "colon-fence-unclosed" }
        #expect(unclosed.count == n)
        #expect(unclosed.last?.range?.start.line == 2 * n - 1)
        #expect(Self.count("text", in: html) == n)
    }

    @Test func oneParagraphOfManyLines() async {
        let n = 50_000
        let (html, _) = await Self.html(String(repeating: "word word word word\n", count: n))
        #expect(Self.count("word", in: html) == 4 * n)
        #expect(Self.count("<p>", in: html) == 1)
    }

    @Test func blankLinesBeforeADirectiveBody() async {
        let (html, _) = await Self.html("```{note}\n" + String(repeating: "\n", count: 500_000) + "last words\n```\n")
        #expect(html.contains("<p>last words</p>"))
    }
}
