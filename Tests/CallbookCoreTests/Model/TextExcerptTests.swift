@testable import CallbookCore
import Testing

/// Excerpts: white space collapsed, cut before the word that crosses the limit, "…" after.
@Suite struct TextExcerptTests {
    @Test func shortTextIsCollapsedOnly() {
        #expect(TextExcerpt.cut("  a\n\tb   c ", limit: 10) == "a b c")
        #expect(TextExcerpt.cut("", limit: 5) == "")
        #expect(TextExcerpt.cut(" \n ", limit: 5) == "")
    }

    @Test func cutsBeforeTheWordThatCrossesTheLimit() {
        // "one two three": 13 characters; 7 fit "one two", the 8th is the space before "three".
        #expect(TextExcerpt.cut("one two three", limit: 7) == "one two…")
        // 9 characters reach into "three": cut after "two".
        #expect(TextExcerpt.cut("one two three", limit: 9) == "one two…")
        #expect(TextExcerpt.cut("one two three", limit: 13) == "one two three")
        #expect(TextExcerpt.cut("one two three", limit: 12) == "one two…")
        // One word longer than the limit is cut inside it.
        #expect(TextExcerpt.cut("abcdefghij", limit: 4) == "abcd…")
        // Characters, not bytes: "é" and "👩‍💻" are one each.
        #expect(TextExcerpt.cut("été 👩‍💻 x", limit: 5) == "été 👩‍💻…")
    }

    /// The same result as the definition (collapse everything, then cut) on many texts.
    @Test func agreesWithTheDefinition() {
        func definition(_ text: String, _ limit: Int) -> String {
            let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard words.count > limit else { return words }
            let head = words.prefix(limit + 1)
            return (head.lastIndex(of: " ").map { String(head[..<$0]) } ?? String(head.prefix(limit))) + "…"
        }
        var generator = SystemRandomNumberGenerator()
        // Mixed texts, ASCII ones (read byte by byte), and ASCII ones with a few other
        // characters (read byte by byte up to the first, then by Characters): a combining
        // accent joins the letter before it into one character.
        let alphabets: [[String]] = [["a", "b", " ", "\n", "é", "\t", "x", "\r\n", "\u{A0}", "\u{2003}", "e\u{301}"],
                                     ["a", "b", " ", "\n", "\t", "x", "\r\n", "\r", "\u{0B}"],
                                     ["a", "b", " ", "\n", "x", "y", "z", "e\u{301}", "👩‍💻", "—"]]
        for alphabet in alphabets {
            for _ in 0..<2_000 {
                let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
                let limit = Int.random(in: 0...20, using: &generator)
                #expect(TextExcerpt.cut(text, limit: limit) == definition(text, limit), "\(text.debugDescription) \(limit)")
            }
        }
    }
}
