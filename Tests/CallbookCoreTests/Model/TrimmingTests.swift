@testable import CallbookCore
import Foundation
import Testing

/// The parser's trimming gives what Foundation's `trimmingCharacters(in:)` gives, ASCII or not.
@Suite struct TrimmingTests {
    @Test func sameAsFoundationOnAnyText() {
        let alphabet: [Character] = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "\u{2003}", "\u{85}", "\u{2028}",
                                     "a", "é", "–", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines),
                    "\(text.debugDescription)")
            let slice = text.dropFirst()
            #expect(slice.trimmingWhitespace() == slice.trimmingCharacters(in: .whitespaces))
        }
        #expect("  a b \t".trimmingWhitespace() == "a b")
        #expect("\u{2003}a\n".trimmingWhitespaceAndNewlines() == "a")
    }
}
