@testable import CallbookCore
import Foundation
import Testing

/// The words the search index takes from a text (`SearchIndex.addWords`), against their plain
/// definition: the runs of ASCII letters and digits and of other non-ASCII bytes, of three
/// characters or more, lowercased, each once per section, common words left out, in the order
/// they first appear. Random texts of ASCII words (some capitalised), digits, punctuation,
/// white space and accented words.
@Suite struct SearchWordScanTests {
    @Test func wordsAreTheLowercasedRunsOfThreeLettersOrMoreOncePerSection() {
        var random = SeededGenerator(state: 2026)
        let pieces = ["a", "ab", "abc", "Word", "WORD", "word", "x1", "42", "2026", "The", "and", "café", "Éclair", "naïve",
                      "über", "中文字", " ", "  ", "\n", "\t", ",", ".", "-", "'", "(", ")", "/", "“", "—"]
        for _ in 0..<300 {
            var page = SearchIndex.PageSections()
            var expected: [[String]] = []
            for section in 0..<Int.random(in: 1...3, using: &random) {
                let text = (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
                SearchIndex.addWords(of: text, to: &page, section: section)
                var words: [String] = []
                for run in Self.runs(text) {
                    let word = run.lowercased().precomposedStringWithCanonicalMapping
                    if word.count >= 3, !SearchIndex.stopWords.contains(word), !words.contains(word) { words.append(word) }
                }
                expected.append(words)
            }
            // The page's pairs, section by section, as words.
            var found = [[String]](repeating: [], count: expected.count)
            for pair in page.pairs {
                found[Int(pair & 0xFFFF_FFFF)].append(page.words.word(Int(pair >> 32)))
            }
            #expect(found == expected)
        }
    }

    /// Runs of ASCII letters and digits and non-ASCII characters, split at the non-ASCII
    /// punctuation of the pieces (“ and —).
    static func runs(_ text: String) -> [String] {
        text.split { character in
            guard let ascii = character.asciiValue else { return character == "“" || character == "—" }
            return !(ascii.isLetter || ascii.isDigit)
        }.map(String.init)
    }
}

private extension UInt8 {
    var isLetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
    var isDigit: Bool { (0x30...0x39).contains(self) }
}
