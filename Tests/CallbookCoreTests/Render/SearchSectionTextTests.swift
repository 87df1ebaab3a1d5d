@testable import CallbookCore
import Foundation
import Testing

/// A search section's text is its paragraphs' words, each run of white space between them (a
/// soft or hard line break, tabs, several spaces, the end of a paragraph) one space: the plain
/// definition, checked on random paragraphs of words and white space.
@Suite struct SearchSectionTextTests {
    @Test func whiteSpaceRunsAreOneSpace() async throws {
        let words = ["alpha", "Beta", "gamma42", "naïve", "中文", "x", "`code  span`"]
        let gaps = [" ", "  ", "\t", "\n", "   \n", "  \n", "\\\n", " \t "]
        var generator = SeededGenerator(state: 0x5EC7)
        var paragraphs: [String] = []
        for _ in 0..<60 {
            var text = words.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                text += gaps.randomElement(using: &generator)! + words.randomElement(using: &generator)!
            }
            paragraphs.append(text)
        }
        let book = try ResolveFixture.book(toc: ["index.md"], files: ["index.md": "# Title\n\n" + paragraphs.joined(separator: "\n\n") + "\n"])
        defer { book.remove() }
        let resolved = try await ResolveFixture.resolve(book)
        let sections = SearchIndex.sections(of: try #require(resolved.chapters.first)).sections
        // The words as a reader sees them: code spans without their backticks, a `\` line break gone.
        let expected = paragraphs.joined(separator: " ")
            .replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "\\\n", with: " ")
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        #expect(sections.map(\.text) == [expected])
    }
}
