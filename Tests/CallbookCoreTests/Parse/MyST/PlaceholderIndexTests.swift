@testable import CallbookCore
import Testing

/// `BlockScanner.placeholderIndex` reads bytes; its answer is the one read by Characters (white
/// space dropped, the prefix, then `isNumber` characters as an `Int`), on random texts built
/// around the prefix, with combining marks, non-ASCII digits and long numbers.
struct PlaceholderIndexTests {
    static func byCharacters(_ html: String) -> Int? {
        let trimmed = html.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix(BlockScanner.placeholderPrefix) else { return nil }
        return Int(trimmed.dropFirst(BlockScanner.placeholderPrefix.count).prefix { $0.isNumber })
    }

    @Test func bytesAnswerAsCharactersDo() {
        let pieces = [" ", "\t", "\u{301}", "7", "0", "42", "١", "½", "x", "-->", "\n", "<", "<!--", "\u{1}",
                      "callbook:", "99999999999999999999", "é", ":"]
        var random = SeededGenerator(state: 1571)
        for _ in 0..<20_000 {
            var html = ""
            for _ in 0..<Int.random(in: 0...2, using: &random) { html += [" ", "\t", " \u{301}"].randomElement(using: &random)! }
            if Bool.random(using: &random) {
                let prefix = BlockScanner.placeholderPrefix
                html += Bool.random(using: &random) ? prefix : String(prefix.prefix(Int.random(in: 0..<prefix.count, using: &random)))
            }
            for _ in 0..<Int.random(in: 0...4, using: &random) { html += pieces.randomElement(using: &random)! }
            #expect(BlockScanner.placeholderIndex(html) == Self.byCharacters(html), "\(Array(html.unicodeScalars))")
        }
        #expect(BlockScanner.placeholderIndex("  \(BlockScanner.placeholderPrefix)12-->") == 12)
    }
}
