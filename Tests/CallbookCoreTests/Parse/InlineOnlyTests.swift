@testable import CallbookCore
import Testing

/// `InlineOnly.protect` (a table cell or a title parsed as inline content only) escapes the
/// character that would start a block, and leaves every other text as it is without reading
/// it as Characters. It agrees with its plain definition over Characters (the oracle, as first
/// written) on hand-picked texts and on random ones.
@Suite struct InlineOnlyTests {
    static func protectByCharacters(_ text: String) -> String {
        let chars = Array(text)
        guard let first = chars.first else { return text }
        func spaceOrEnd(_ index: Int) -> Bool { index >= chars.count || chars[index] == " " || chars[index] == "\t" }
        if first == ">" { return "\\" + text }
        if first == "#" {
            let hashes = chars.prefix { $0 == "#" }.count
            if hashes <= 6 && spaceOrEnd(hashes) { return "\\" + text }
        }
        if "-+*".contains(first) && spaceOrEnd(1) { return "\\" + text }
        if "-*_".contains(first) {
            let marks = chars.filter { $0 != " " && $0 != "\t" }
            if marks.count >= 3 && marks.allSatisfy({ $0 == first }) { return "\\" + text }
        }
        if text.hasPrefix("```") || text.hasPrefix("~~~") { return "\\" + text }
        if first.isNumber, let marker = chars.firstIndex(where: { !$0.isNumber }), marker <= 9,
           chars[marker] == "." || chars[marker] == ")", spaceOrEnd(marker + 1) {
            return String(chars[..<marker]) + "\\" + String(chars[marker...])
        }
        return text
    }

    @Test func handPicked() {
        #expect(InlineOnly.protect("# Title") == "\\# Title")
        #expect(InlineOnly.protect("#hashtag") == "#hashtag")
        #expect(InlineOnly.protect("> quote") == "\\> quote")
        #expect(InlineOnly.protect("- item") == "\\- item")
        #expect(InlineOnly.protect("* * *") == "\\* * *")
        #expect(InlineOnly.protect("12. twelfth") == "12\\. twelfth")
        #expect(InlineOnly.protect("```code") == "\\```code")
        #expect(InlineOnly.protect("*emphasis*") == "*emphasis*")
        #expect(InlineOnly.protect("Plain text") == "Plain text")
        #expect(InlineOnly.protect("") == "")
    }

    @Test func randomTextsAgreeWithTheDefinition() {
        let pieces = ["#", "##", ">", "-", "+", "*", "_", "`", "```", "~", "~~~", "1", "9", "12", ".", ")", " ", "\t", "a", "Z",
                      "é", "e\u{301}", "\u{301}", "٣", "中", "“", "x"]
        var generator = SeededGenerator(state: 0x1A1)
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(InlineOnly.protect(text) == Self.protectByCharacters(text), "\(text.debugDescription)")
        }
    }
}
