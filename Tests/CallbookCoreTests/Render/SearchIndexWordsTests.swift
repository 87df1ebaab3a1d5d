@testable import CallbookCore
import Foundation
import Testing

/// The words of the search index (`_static/search-index.js`), read back from a built book:
/// each lowercased word of three letters or more, common words left out, maps to the sections
/// that have it, once per section, in book order (delta-encoded base 36); words that are the
/// same text in Unicode (NFC and NFD spellings) are one word. Expected values worked out by hand.
@Suite struct SearchIndexWordsTests {
    /// The built index's `words` (word → section numbers) and its sections' anchors.
    static func index(_ result: BuildResult) throws -> (words: [String: [Int]], sections: [[Any]]) {
        let file = try #require(result.site?.generated.first { $0.path == "_static/search-index.js" })
        let prefix = "window.callbookSearch="
        #expect(file.contents.hasPrefix(prefix))
        let json = file.contents.dropFirst(prefix.count).dropLast(2)  // ";\n"
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let encoded = try #require(object["words"] as? [String: String])
        var words: [String: [Int]] = [:]
        for (word, gaps) in encoded {
            var number = 0
            words[word] = try gaps.split(separator: ".").map { gap in
                number += try #require(Int(gap, radix: 36))
                return number
            }
        }
        return (words, try #require(object["sections"] as? [[Any]]))
    }

    @Test func wordsMapToTheirSectionsOncePerSectionWithCommonWordsLeftOut() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Words\n  toc:\n    - file: a.md\n    - file: b.md\n")
        try book.write("a.md", """
            # Alpha

            Zebra zebra ZEBRA and the cat.

            ## Second part

            Zebra crossing, 2024 edition.
            """)
        try book.write("b.md", """
            # Beta

            A caf\u{E9} and a cafe\u{301}; the Caf\u{C9} again.
            """)
        let result = await book.build()
        let (words, sections) = try Self.index(result)
        // Sections in book order: 0 = a.md before its first h2, 1 = "Second part", 2 = b.md.
        #expect(sections.count == 3)
        #expect(words["zebra"] == [0, 1])
        #expect(words["crossing"] == [1])
        #expect(words["2024"] == [1])
        #expect(words["edition"] == [1])
        // The page title counts in each of its sections.
        #expect(words["alpha"] == [0, 1])
        #expect(words["second"] == [1])
        #expect(words["beta"] == [2])
        // "café" in NFC, NFD and capitals: one word, in NFC.
        #expect(words["caf\u{E9}"] == [2])
        #expect(words.keys.filter { $0.hasPrefix("caf") } == ["caf\u{E9}"])
        #expect(words["again"] == [2])
        // Common words and words of fewer than three letters are left out.
        for left in ["the", "and", "a"] { #expect(words[left] == nil, "\(left)") }
        #expect(words["cat"] == [0])
        #expect(words["part"] == [1])
    }

    /// Each word's sections as gaps in base 36, most significant digit first: read back with
    /// `Int(_:radix: 36)` at the edges of one, two and more digits.
    @Test func gapsInBaseThirtySixAtEveryWidth() {
        let sections: [UInt32] = [0, 35, 71, 1366, 2662, 49317, 95973, 95974, 4_000_000_000]
        var table = WordTable()
        let word = Array("gap".utf8)
        let number = word.withUnsafeBufferPointer { table.add($0, hash: 1) }
        let list = SearchIndex.wordList(table, SearchIndex.Postings(sections: sections, ends: [sections.count]), order: [number])
        let text = String(decoding: list, as: UTF8.self)
        #expect(text.hasPrefix("\"words\":{\"gap\":\"") && text.hasSuffix("\"}};\n"), "\(text)")
        let gaps = text.dropFirst("\"words\":{\"gap\":\"".count).dropLast("\"}};\n".count).split(separator: ".")
        #expect(gaps.map(String.init) == ["0", "z", "10", "zz", "100", "zzz", "1000", "1", "1u5ftp6"], "\(gaps)")
        var total = 0
        #expect(gaps.map { total += Int($0, radix: 36)!; return UInt32(total) } == sections)
    }
}
