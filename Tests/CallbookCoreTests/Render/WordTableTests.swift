@testable import CallbookCore
import Testing

/// The search index writes its words in the order of their bytes (`numbersInByteOrder`),
/// sorted by an eight-byte prefix first: checked against the plain byte-by-byte comparison
/// (the oracle), on words that share long prefixes, end inside the prefix, hold non-ASCII
/// and zero bytes.
struct WordTableTests {
    static func table(_ words: [[UInt8]]) -> WordTable {
        var table = WordTable()
        for word in words { _ = word.withUnsafeBufferPointer { table.add($0, hash: WordTable.hash($0)) } }
        return table
    }

    static func oracle(_ table: WordTable) -> [Int] {
        (0..<table.count).sorted { table.bytes(of: $0).lexicographicallyPrecedes(table.bytes(of: $1)) }
    }

    @Test func wordsAtTheEdgesOfThePrefix() {
        let words = ["abc", "abcdefgh", "abcdefghi", "abcdefgg", "abcdefg", "ab", "b", "abcdefghz", "abcdefgha",
                     "zzzzzzzzzzzz", "café", "cafe", "caf\u{E9}s", "résumé", "resume", "aaaaaaaaaaaaaaaaab", "aaaaaaaaaaaaaaaaaa"]
            .map { Array($0.utf8) } + [[0x61, 0x00], [0x61], [0x61, 0x00, 0x00], [], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]]
        let table = Self.table(words)
        #expect(table.count == words.count)
        #expect(table.numbersInByteOrder() == Self.oracle(table))
        // By hand: "ab" < "abc" < "abcdefg" < "abcdefgg" < "abcdefgh" < "abcdefgha" < "abcdefghi" < "abcdefghz".
        let order = table.numbersInByteOrder().map { String(decoding: table.bytes(of: $0), as: UTF8.self) }
        let prefixed = order.filter { $0.hasPrefix("ab") }
        #expect(prefixed == ["ab", "abc", "abcdefg", "abcdefgg", "abcdefgh", "abcdefgha", "abcdefghi", "abcdefghz"])
    }

    @Test func randomWordsSortAsByteByByte() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            // Few letters and shared stems, so that many words share their first eight bytes.
            let stems = (0..<8).map { _ in (0..<Int.random(in: 0...12, using: &generator)).map { _ in UInt8.random(in: 0x61...0x63, using: &generator) } }
            var seen = Set<[UInt8]>()
            var words: [[UInt8]] = []
            for _ in 0..<400 {
                let tail = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                    [UInt8(0x61), 0x62, 0xC3, 0xA9, 0x00, 0xFF].randomElement(using: &generator)!
                }
                let word = stems.randomElement(using: &generator)! + tail
                if seen.insert(word).inserted { words.append(word) }
            }
            let table = Self.table(words)
            #expect(table.numbersInByteOrder() == Self.oracle(table))
        }
    }
}
