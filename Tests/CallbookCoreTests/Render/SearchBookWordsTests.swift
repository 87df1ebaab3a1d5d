@testable import CallbookCore
import Foundation
import Testing

/// The search index's words patched from the last build's (`SearchIndex.BookWords`): for any
/// change to some pages, the index made from the last words and the changed pages is the index
/// made from every page, file for file.
@Suite struct SearchBookWordsTests {
    /// The resolved pages of a book of `pages` (file name, Markdown), in order.
    static func chapters(_ pages: [(String, String)]) async throws -> [ResolvedChapter] {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Words\n  toc:\n"
                       + pages.map { "    - file: \($0.0)\n" }.joined())
        for (file, text) in pages { try book.write(file, text) }
        return try #require(await book.build().resolved).chapters
    }

    /// The index of `chapters` from scratch: its files, its words and each page's stored form.
    static func scratch(_ chapters: [ResolvedChapter]) async -> (files: [SiteFile], words: SearchIndex.BookWords, stored: [String: ArraySlice<UInt8>]) {
        let (index, stored) = await SearchIndex.build(chapters, storing: true)
        let (files, words) = await index.files(keepingWords: true)
        return (files, words!, Dictionary(uniqueKeysWithValues: zip(chapters.map(\.pagePath), stored)))
    }

    static let before: [(String, String)] = [
        ("a.md", "# Alpha\n\nZebra crossing at the harbour.\n\n## Boats\n\nSailing boats and zebra fish.\n"),
        ("b.md", "# Beta\n\nThe lighthouse keeper counts boats.\n\n## Night\n\nLanterns, harbour lights.\n\n### Fog\n\nFoghorn.\n"),
        ("c.md", "# Gamma\n\nQuiet page about gardens.\n"),
        ("d.md", "# Delta\n\nRivers meet the harbour; zebra again.\n"),
    ]

    /// Edits of one page or two: new words, words gone from the whole book, sections added and
    /// removed, first, middle and last pages.
    static let edits: [[String: String]] = [
        ["c.md": "# Gamma\n\nQuiet page about gardens and xylophones.\n"],
        ["a.md": "# Alpha\n\nOnly rivers here.\n"],
        ["b.md": "# Beta\n\nNo more sections, no lighthouse.\n"],
        ["d.md": "# Delta\n\n## One\n\nHarbour.\n\n## Two\n\nZebra quokka.\n\n## Three\n\nAardvark.\n"],
        ["a.md": "# Alpha\n\n## Boats\n\nSailing.\n", "d.md": "# Delta\n\nNothing of note.\n"],
        ["b.md": "# Beta renamed\n\nThe lighthouse keeper counts boats.\n\n## Night\n\nLanterns, harbour lights.\n\n### Fog\n\nFoghorn.\n"],
    ]

    @Test("the index patched from the last build's words is the index made from every page", arguments: edits.indices)
    func patchedIsWhole(edit: Int) async throws {
        let old = try await Self.chapters(Self.before)
        let last = await Self.scratch(old)
        let after = Self.before.map { file, text in (file, Self.edits[edit][file] ?? text) }
        let new = try await Self.chapters(after)
        let whole = await Self.scratch(new)
        // The pages not edited come from the last build's stored forms, sections only.
        let edited = Set(Self.edits[edit].keys.map { $0.replacingOccurrences(of: ".md", with: ".html") })
        let stored = last.stored.filter { !edited.contains($0.key) }
        let decoded = await SearchIndex.decode(stored, sectionsOnly: true)
        #expect(decoded.values.allSatisfy { !$0.wordsRead })
        var pages: [SearchIndex.PageSections] = []
        var fresh: Set<Int> = []
        for (number, chapter) in new.enumerated() {
            if let page = decoded[chapter.pagePath] {
                pages.append(page)
            } else {
                fresh.insert(number)
                pages.append(SearchIndex.sections(of: chapter))
            }
        }
        let patched = try #require(SearchIndex.patched(last.words, pages: pages, fresh: fresh))
        let (files, words) = await patched.files(keepingWords: true)
        #expect(files.map(\.path) == whole.files.map(\.path))
        for (file, expected) in zip(files, whole.files) {
            #expect(file.contents == expected.contents, "\(file.path)")
        }
        #expect(words == whole.words)
        // Through `build`, with the stored forms kept for the next build.
        let (built, forms) = await SearchIndex.build(new, stored: stored, storing: true, book: last.words)
        #expect(await built.files() == whole.files)
        #expect(forms == new.map { whole.stored[$0.pagePath]! })
    }

    @Test("the words a build made are written into the search cache encoded, and read back as they were")
    func madeWordsKeptInTheCache() async throws {
        let old = try await Self.chapters(Self.before)
        let last = await Self.scratch(old)
        let cache = SearchCache(pages: [SearchCache.Page(path: "a.html", key: 1, sections: last.stored["a.html"]!)], madeWords: last.words)
        #expect(cache.bookWords() == last.words)
        #expect(cache.keyed(["a.html": 2]).bookWords() == last.words)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("search-words-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("site.search")
        try Data(cache.contents()).write(to: file)
        let loaded = SearchCache.load(file)
        #expect(loaded.madeWords == nil)
        #expect(Array(loaded.words) == last.words.encoded())
        #expect(loaded.bookWords() == last.words)
    }

    @Test("a page whose section count differs from the last words' is not patched")
    func sectionCountsMustFit() async throws {
        let old = try await Self.chapters(Self.before)
        let last = await Self.scratch(old)
        var pages = old.map { SearchIndex.sections(of: $0) }
        pages[1].sections.removeLast()
        #expect(SearchIndex.patched(last.words, pages: pages, fresh: []) == nil)
        #expect(SearchIndex.patched(last.words, pages: Array(pages.prefix(3)), fresh: []) == nil)
        #expect(SearchIndex.patched(last.words, pages: pages, fresh: [1]) != nil)
    }

    @Test("the words read back as they were written; damaged, unordered or out of range, they read as none, never crash")
    func wordsRoundTrip() async throws {
        let last = await Self.scratch(try await Self.chapters(Self.before))
        let bytes = last.words.encoded()
        #expect(SearchIndex.BookWords(decoding: bytes[...]) == last.words)
        for length in 0..<bytes.count {
            #expect(SearchIndex.BookWords(decoding: bytes.prefix(length)) == nil, "cut at \(length)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var damaged = bytes
            damaged[Int.random(in: 0..<damaged.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            _ = SearchIndex.BookWords(decoding: damaged[...])  // any answer but a crash
        }
        // Two words the wrong way round.
        var swapped = last.words
        let (first, second) = (Array(swapped.word(0)), Array(swapped.word(1)))
        swapped.wordBytes.replaceSubrange(0..<swapped.wordEnds[1], with: second + first)
        swapped.wordEnds[0] = second.count
        #expect(SearchIndex.BookWords(decoding: swapped.encoded()[...]) == nil)
        // A section beyond the pages' sections.
        var beyond = last.words
        beyond.postings[beyond.postings.count - 1] = UInt32(beyond.sectionCounts.reduce(0, +))
        #expect(SearchIndex.BookWords(decoding: beyond.encoded()[...]) == nil)
    }
}
