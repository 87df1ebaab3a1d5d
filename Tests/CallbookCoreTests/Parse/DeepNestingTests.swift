import CallbookCore
import Foundation
import Testing

/// Nesting that the input controls, 100,000 levels deep, through every stage: nothing crashes,
/// the text is kept, and `nesting-too-deep` names the place where the tree stops (past 256
/// levels of blocks and inline markup, or 16 of directives, quotes and footnotes in each other).
@Suite("Deep nesting in one chapter")
struct DeepNestingTests {
    static let levels = 100_000

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var text: String
        /// Where the 257th level starts (`line:column`).
        var cut: String
    }

    static let cases: [Case] = [
        // Each `> ` opens a quote: the 257th starts after 256 of them.
        Case(description: "block quotes", text: String(repeating: "> ", count: levels) + "text\n", cut: "1:513"),
        // A list and its item are two levels: the 129th list would put its items at 258.
        Case(description: "bullet lists", text: String(repeating: "- ", count: levels) + "text\n", cut: "1:257"),
        Case(description: "ordered lists", text: String(repeating: "1. ", count: levels) + "text\n", cut: "1:385"),
        // Each definition's text is parsed again: the 17th parse starts after 16 prefixes.
        Case(description: "footnote definitions", text: String(repeating: "[^a]: ", count: levels) + "text\n", cut: "1:97"),
        // A quote holding a pipe table is parsed as MyST again, each time.
        Case(description: "quotes around a pipe table",
             text: ["| a | b |", "|---|---|", "| text | d |"].map { String(repeating: "> ", count: levels) + $0 + "\n" }.joined(),
             cut: "1:33"),
        // Each directive's body is parsed again: the body of the 16th (line 17) is the 17th parse.
        Case(description: "colon fences",
             text: String(repeating: ":::{note}\n", count: levels) + "text\n" + String(repeating: ":::\n", count: levels),
             cut: "17:1"),
        Case(description: "admonitions in dropdowns",
             text: String(repeating: ":::{dropdown} Open\n:::{note}\n", count: levels / 2) + "text\n"
                 + String(repeating: ":::\n", count: levels),
             cut: "17:1"),
        // `**` pairs: the paragraph is level 1, the 256th strong level 257. libcmark gives
        // emphasis no column of its own, so the error points at the paragraph.
        Case(description: "strong emphasis",
             text: String(repeating: "*", count: levels) + "text" + String(repeating: "*", count: levels) + "\n", cut: "1:1"),
    ]

    @Test(arguments: cases)
    func deepInputKeepsItsTextAndSaysWhere(_ input: Case) async throws {
        let outcome = try await ChapterStress.run(input.text)
        #expect(ChapterStress.nestingPlace(outcome.diagnostics) == input.cut,
                "\(outcome.diagnostics.filter { $0.id == "nesting-too-deep" }.prefix(3))")
        #expect(outcome.diagnostics.first { $0.id == "nesting-too-deep" }?.severity == .error)
        #expect(outcome.html.contains("text"))
        #expect(outcome.json.contains("text"))
        #expect(outcome.page?.contains("text") == true)
        #expect(ChapterStress.nestingPlace(outcome.buildDiagnostics) == input.cut)
        #expect(outcome.searchScript?.contains("text") == true)
    }

    /// An image description nested in image descriptions: its alt text is the words inside.
    @Test func deepImageDescriptionsBecomeAltText() async throws {
        let text = String(repeating: "![", count: Self.levels) + "deep words" + String(repeating: "](u.png)", count: Self.levels) + "\n"
        let outcome = try await ChapterStress.run(text)
        #expect(outcome.html.contains("alt=\"deep words\""))
    }

    /// Fences nested with ever shorter fences (each directive's body is parsed again): 1,000
    /// levels, some 500 KB.
    @Test(arguments: [":", "`"])
    func fencesOfDecreasingLength(_ mark: String) async throws {
        let count = 1_000
        let opens = (0..<count).map { String(repeating: mark, count: count + 2 - $0) + "{note}\n" }.joined()
        let closes = (0..<count).map { String(repeating: mark, count: 3 + $0) + "\n" }.joined()
        let outcome = try await ChapterStress.run(opens + "text\n" + closes)
        #expect(ChapterStress.nestingPlace(outcome.diagnostics) == "17:1")
        #expect(outcome.html.contains("text"))
        #expect(outcome.page?.contains("text") == true)
    }

    /// Nesting within the limit is not cut: 100 quotes hold their text as a paragraph.
    @Test func nestingWithinTheLimitIsKept() async throws {
        let outcome = try await ChapterStress.run(String(repeating: "> ", count: 100) + "text\n")
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.html.components(separatedBy: "<blockquote>").count == 101)
        #expect(outcome.html.contains("<p>text</p>"))
    }
}
