@testable import CallbookCore
import Testing

/// The byte searches agree with the generic (slower) standard-library and Foundation forms they
/// replace, on texts drawn at random from ASCII, multi-byte letters and line feeds.
@Suite struct ByteSearchTests {
    static func randomTexts(_ count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["a", "b", "\n", " ", "é", "日", "👩‍💻", "|", "\r", "e\u{301}"]
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
        }
    }

    @Test func linesAreTheTextSplitAtLineFeeds() {
        #expect("".lineSlices() == [""])
        #expect("a\n".lineSlices() == ["a", ""])
        #expect("\n\nb".lineSlices() == ["", "", "b"])
        for text in Self.randomTexts(2_000) {
            let expected = text.utf8.split(separator: 10, omittingEmptySubsequences: false).map { Substring($0) }
            #expect(text.lineSlices() == expected, "\(text.debugDescription)")
            #expect(text.lineFeedOffsets() == text.utf8.indices.filter { text.utf8[$0] == 10 }
                .map { text.utf8.distance(from: text.utf8.startIndex, to: $0) })
        }
    }

    /// `firstOffset(of:from:)` (memchr) is the first offset at or after `from` that holds the
    /// byte; the quick looks built on it answer as their plain definitions do.
    @Test func memchrSearchesAgreeWithTheirDefinitions() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "w", "ww", ".", ":", "/", "//", "@", "$", "[", "^", "[^", "é", " ", "\n", "日"]
        for _ in 0..<3_000 {
            var text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            let from = Int.random(in: 0...bytes.count + 1, using: &generator)
            for byte: UInt8 in [0x24, 0x2E, 0x3A, 0x40, 0x5E, 0x0A, 0xA9] {
                let expected = from < bytes.count ? bytes[from...].firstIndex(of: byte) : nil
                #expect(text.withUTF8 { $0.firstOffset(of: byte, from: from) } == expected)
                #expect(text.containsByte(byte) == bytes.contains(byte))
            }
            #expect(InlineSyntax.mayHaveTextSyntax(text) == (text.contains("$") || text.contains("[^")), "\(text.debugDescription)")
            #expect(Linkify.mayHaveLinks(text) == (text.contains("@") || text.contains("://") || text.contains("ww.")),
                    "\(text.debugDescription)")
        }
    }

    @Test func bytesAreFoundWhereTheyAre() {
        #expect("a|b".containsByte { $0 == 0x7C })
        #expect(!"é日".containsByte { $0 == 0x7C })
        #expect("say doi.org/10.1/x".utf8Offset(of: "doi.org/") == 4)
        #expect("日本 doi.org/".utf8Offset(of: "doi.org/") == 7)
        #expect("doi.org".utf8Offset(of: "doi.org/") == nil)
        #expect("abc".utf8Offset(of: "") == 0)
        for text in Self.randomTexts(500) {
            #expect(text.containsByte { $0 == 10 } == text.utf8.contains(10))
            for needle in ["a", "b\n", "é", "|a"] {
                let offset = text.utf8Offset(of: needle)
                let bytes = Array(text.utf8), pattern = Array(needle.utf8)
                let expected = bytes.indices.first { bytes[$0...].starts(with: pattern) }
                #expect(offset == expected, "\(text.debugDescription) \(needle.debugDescription)")
            }
        }
    }
}
