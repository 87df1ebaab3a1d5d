@testable import CallbookCore
import Foundation
import Testing

/// The search cache (`.callbook-cache/<output>.search`): each page's search sections as a build
/// found them, reused for pages whose key is unchanged. What it holds reads back as what was
/// stored; the index made from stored sections is byte for byte the index made by reading the
/// pages; a damaged file, or one left by another callbook binary, is never trusted and never
/// crashes a build.
@Suite struct SearchCacheTests {
    /// A resolved book whose pages have sections, headings with anchors, references, inline
    /// code, non-ASCII words (NFC and NFD spellings) and a page with no text at all.
    static func resolvedBook() async throws -> (TemporaryBook, ResolvedBook) {
        let book = try TemporaryBook()
        try book.write("myst.yml", "version: 1\nproject:\n  title: Stored Sections\n  toc:\n    - file: a.md\n    - file: b.md\n    - file: c.md\n")
        try book.write("a.md", """
            (top)=
            # Alpha page

            Zebra crossing with `inline code` and the [second part](#second).

            (second)=
            ## Second part

            Caf\u{E9} and cafe\u{301}; \u{201C}quoted\u{201D} words — dashes.

            ### Third level

            Text under the third heading, see {ref}`top`.
            """)
        try book.write("b.md", "# Beta\n\n## Empty section\n\n## Another\n\nWords here and there, 2024.\n")
        try book.write("c.md", "# Gamma\n")
        let resolved = try await Build.resolve(bookAt: book.directory, displayRoot: "book", projectRoot: nil).book
        return (book, resolved)
    }

    static func stored(_ book: ResolvedBook) -> [String: ArraySlice<UInt8>] {
        Dictionary(uniqueKeysWithValues: book.chapters.map { ($0.pagePath, SearchIndex.sections(of: $0).encoded()[...]) })
    }

    @Test func storedSectionsReadBackAsTheSectionsTheyWere() async throws {
        let (book, resolved) = try await Self.resolvedBook()
        defer { book.remove() }
        for chapter in resolved.chapters {
            let page = SearchIndex.sections(of: chapter)
            let decoded = try #require(SearchIndex.PageSections(decoding: page.encoded()[...]), "\(chapter.pagePath)")
            // The text comes back as the index writes it: a JSON string.
            #expect(decoded.sections.allSatisfy { $0.quoted })
            #expect(decoded.sections.map { [$0.page, $0.url, $0.title, $0.text] }
                    == page.sections.map { [$0.page, $0.url, $0.title, SearchIndex.json($0.text)] })
            for section in decoded.sections {
                let literal = try #require(try JSONSerialization.jsonObject(with: Data(section.text.utf8), options: .fragmentsAllowed) as? String)
                #expect(page.sections.contains { $0.text == literal })
            }
            #expect(decoded.pairs == page.pairs)
            #expect(decoded.words.count == page.words.count)
            #expect((0..<page.words.count).allSatisfy { decoded.words.word($0) == page.words.word($0) })
        }
    }

    @Test func theIndexFromStoredSectionsIsTheIndexFromThePages() async throws {
        let (book, resolved) = try await Self.resolvedBook()
        defer { book.remove() }
        let read = await SiteRenderer.searchFiles(resolved)
        let (fromStored, restored, _) = await SiteRenderer.searchFiles(resolved, stored: Self.stored(resolved), storing: true)
        #expect(read.map(\.path) == fromStored.map(\.path))
        #expect(read.map(\.contents) == fromStored.map(\.contents))
        // Stored pages are handed on as they were, to be saved again.
        #expect(restored == resolved.chapters.map { Self.stored(resolved)[$0.pagePath]! })
        // The words are really there: "zebra" and the NFC "café" (one word for both spellings).
        let index = try #require(read.first { $0.path == "_static/search-index.js" }).contents
        #expect(index.contains("\"zebra\":") && index.contains("\"caf\u{E9}\":"))
        #expect(Data(index.utf8).range(of: Data("cafe\u{301}".utf8)) == nil)  // by bytes: `contains` equates the two
    }

    @Test func aPageWithMoreTextThanTheLimitIsNotStored() async throws {
        let (book, resolved) = try await Self.resolvedBook()
        defer { book.remove() }
        // a.md has well over 100 bytes of text, c.md (a title alone) none.
        let (_, stored) = await SearchIndex.build(resolved.chapters, storing: true, largestStored: 100)
        #expect(stored.map(\.isEmpty) == [true, false, false])
        // An empty stored form is read again: the index is the same.
        let stores = Dictionary(uniqueKeysWithValues: zip(resolved.chapters.map(\.pagePath), stored))
        let again = await SiteRenderer.searchFiles(resolved, stored: stores, storing: false).files
        #expect(again.map(\.contents) == (await SiteRenderer.searchFiles(resolved)).map(\.contents))
    }

    /// A stored page whose pairs give a word's sections out of order (as damage can) is refused
    /// and read again: merged as it was, the word list had a negative gap between sections and
    /// the build stopped on an index out of range.
    @Test func aStoredPageWithAWordsSectionsOutOfOrderIsReadAgain() async throws {
        let (book, resolved) = try await Self.resolvedBook()
        defer { book.remove() }
        let read = await SiteRenderer.searchFiles(resolved).map(\.contents)
        let chapter = try #require(resolved.chapters.first { chapter in
            let words = SearchIndex.sections(of: chapter).pairs.map { $0 >> 32 }
            return Set(words).count < words.count
        })
        var page = SearchIndex.sections(of: chapter)
        // The pairs of a word that is in two sections, the later one first.
        let words = page.pairs.map { $0 >> 32 }
        let word = try #require(words.first { word in words.filter { $0 == word }.count > 1 })
        let (first, second) = (words.firstIndex(of: word)!, words.lastIndex(of: word)!)
        page.pairs.swapAt(first, second)
        let bytes = page.encoded()
        #expect(SearchIndex.PageSections(decoding: bytes[...]) == nil)
        let again = await SiteRenderer.searchFiles(resolved, stored: [chapter.pagePath: bytes[...]], storing: false).files
        #expect(again.map(\.contents) == read)

        // A word there twice (or a stop word among the page's own) would be two numbers for one
        // word, whose sections the merge could put out of order: refused too.
        for repeated in [words[0], 0] {
            var twice = SearchIndex.sections(of: chapter)
            let bytes = Array(twice.words.bytes(of: Int(repeated)))
            bytes.withUnsafeBufferPointer { twice.words.append(contentsOf: [$0]) }
            twice.pairs.append(UInt64(twice.words.count - 1) << 32)
            let encoded = twice.encoded()
            #expect(SearchIndex.PageSections(decoding: encoded[...]) == nil)
            let fromTwice = await SiteRenderer.searchFiles(resolved, stored: [chapter.pagePath: encoded[...]], storing: false).files
            #expect(fromTwice.map(\.contents) == read)
        }
    }

    @Test func damagedStoredSectionsAreReadAgainAndNeverCrash() async throws {
        let (book, resolved) = try await Self.resolvedBook()
        defer { book.remove() }
        let read = await SiteRenderer.searchFiles(resolved).map(\.contents)
        let path = resolved.chapters[0].pagePath
        let bytes = SearchIndex.sections(of: resolved.chapters[0]).encoded()
        // Every truncation is refused, and the page is read again: the same index.
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 60)) {
            #expect(SearchIndex.PageSections(decoding: bytes[..<length]) == nil, "truncated at \(length)")
        }
        let truncated = await SiteRenderer.searchFiles(resolved, stored: [path: bytes.dropLast()], storing: false).files
        #expect(truncated.map(\.contents) == read)
        // Bytes changed anywhere: either refused or a page whose every pair names a word and a
        // section it has; the index is made either way.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if let page = SearchIndex.PageSections(decoding: damaged[...]) {
                #expect(page.pairs.allSatisfy { Int($0 >> 32) < page.words.count && Int($0 & 0xFFFF_FFFF) < page.sections.count })
            }
            _ = await SiteRenderer.searchFiles(resolved, stored: [path: damaged[...]], storing: false)
        }
    }

    /// A quick rebuild hands `build` the stored pages decoded already: merged as they are, the
    /// index is the one made by reading every page.
    @Test func pagesDecodedAheadMakeTheSameIndex() async throws {
        let (book, resolved) = try await Self.resolvedBook()
        defer { book.remove() }
        let read = await SiteRenderer.searchFiles(resolved).map(\.contents)
        // All but the first page stored and decoded ahead; the first is read.
        var stored = Self.stored(resolved)
        stored[resolved.chapters[0].pagePath] = nil
        let decoded = await SearchIndex.decode(stored)
        #expect(decoded.count == resolved.chapters.count - 1)
        let (index, restored) = await SearchIndex.build(resolved.chapters, stored: stored, decoded: decoded, storing: true)
        #expect(await index.files().map(\.contents) == read)
        #expect(restored.count == resolved.chapters.count && restored.allSatisfy { !$0.isEmpty })
    }

    /// A stored page that decodes but holds a word none of its sections has (as a damaged
    /// cache could): the word is not in the index, which is the one made by reading the pages.
    @Test func aStoredWordNoSectionHasIsLeftOut() async throws {
        let (book, resolved) = try await Self.resolvedBook()
        defer { book.remove() }
        let read = await SiteRenderer.searchFiles(resolved).map(\.contents)
        let chapter = try #require(resolved.chapters.first { $0.pagePath == "b.html" })
        var page = SearchIndex.sections(of: chapter)
        var stray = "strayword"
        _ = stray.withUTF8 { page.words.add($0, hash: WordTable.hash($0)) }
        let bytes = page.encoded()
        let decoded = try #require(SearchIndex.PageSections(decoding: bytes[...]))
        #expect(decoded.words.count == SearchIndex.sections(of: chapter).words.count + 1)
        let fromStored = await SiteRenderer.searchFiles(resolved, stored: ["b.html": bytes[...]], storing: false).files
        #expect(fromStored.map(\.contents) == read)
        #expect(!fromStored.contains { $0.contents.contains("strayword") })
    }

    @Test func aCacheFileReadsBackOnlyWhenWholeAndThisBinarysOwn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("search-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pages = [SearchCache.Page(path: "a.html", key: 0xFEED_FACE_CAFE_BEEF, sections: [1, 2, 3][...]),
                     SearchCache.Page(path: "dir/b.html", key: 7, sections: [][...])]
        let file = folder.appendingPathComponent("site.search")
        let contents = Data(SearchCache(pages: pages, words: [9, 8, 7][...]).contents())
        try contents.write(to: file)
        let loaded = SearchCache.load(file)
        #expect(Array(loaded.words) == [9, 8, 7])
        #expect(Array(SearchCache(pages: pages, words: [9, 8, 7][...]).keyed([:]).words) == [9, 8, 7])
        #expect(loaded.pages.map(\.path) == ["a.html", "dir/b.html"])
        #expect(loaded.pages.map(\.key) == [0xFEED_FACE_CAFE_BEEF, 7])
        #expect(loaded.pages.map { Array($0.sections) } == [[1, 2, 3], []])
        // Only pages whose key is the one they were stored for.
        #expect(Array(loaded.stored(for: ["a.html": 0xFEED_FACE_CAFE_BEEF, "dir/b.html": 8]).keys) == ["a.html"])

        // Another binary's file: the same layout, another identity.
        var writer = CacheBytesWriter()
        writer.append(SearchCache.header)
        writer.text("0.0.1 /elsewhere/callbook 1 2 3")
        writer.number(0)
        try Data(writer.bytes).write(to: file)
        #expect(SearchCache.load(file).pages.isEmpty)
        // Truncated anywhere, or with another header: nothing.
        for length in [0, 5, SearchCache.header.count, contents.count / 2, contents.count - 1] {
            try contents.prefix(length).write(to: file)
            #expect(SearchCache.load(file).pages.isEmpty, "truncated at \(length)")
        }
        try (Data("callbook-search 0\n".utf8) + contents.dropFirst(SearchCache.header.count)).write(to: file)
        #expect(SearchCache.load(file).pages.isEmpty)
        #expect(SearchCache.load(folder.appendingPathComponent("missing")).pages.isEmpty)
    }

    @Test("an unchanged page's sections come from the cache; an edited page's are read again")
    func unchangedPagesComeFromTheCache() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let site = book.outside("site")
        let file = SearchCache.file(beside: site)
        let first = await Build.run(book.options(output: site, cache: true))
        #expect(first.wroteSite)
        // Plant a word in alpha's stored sections: it shows only if they are reused.
        let cache = SearchCache.load(file)
        let alpha = try #require(cache.pages.firstIndex { $0.path == "one/alpha.html" })
        var planted = cache
        var sections = try #require(SearchIndex.PageSections(decoding: cache.pages[alpha].sections))
        sections.sections[0].text += " plantedword"
        planted.pages[alpha].sections = sections.encoded()[...]
        try Data(planted.contents()).write(to: file)

        func searchText() throws -> String {
            let folder = site.appendingPathComponent("_static/search")
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined()
        }
        try book.edit("one/gamma.md", "version one", "version freshly edited")
        let gammaEdited = await Build.run(book.options(output: site, cache: true))
        #expect(gammaEdited.wroteSite)
        #expect(try searchText().contains("plantedword"), "alpha's sections were not taken from the cache")
        #expect(try searchText().contains("version freshly edited"), "gamma's sections were not read again")

        try book.edit("one/alpha.md", "# Alpha", "# Alpha, edited")
        let alphaEdited = await Build.run(book.options(output: site, cache: true))
        #expect(alphaEdited.wroteSite)
        #expect(try !searchText().contains("plantedword"), "alpha's stale sections were reused after it changed")
    }

    @Test("pages and search sections left by another callbook binary are made again")
    func anotherBinarysCacheIsNotReused() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let site = book.outside("site")
        #expect(await Build.run(book.options(output: site, cache: true)).wroteSite)
        // The page keys as another binary would have saved them.
        let cacheFile = BuildCache.file(beside: site)
        let keys = BuildCache(file: cacheFile).load(output: site)
        #expect(keys.count == MaintainerBook.pages.count)
        var writer = CacheBytesWriter()
        writer.append(BuildCache.header)
        writer.text("0.0.1 /another/callbook")
        writer.text(site.standardizedFileURL.path)
        writer.number(keys.count)
        for (page, key) in keys.sorted(by: { $0.key < $1.key }) {
            writer.text(page)
            writer.number(key)
        }
        try Data(writer.bytes).write(to: cacheFile)
        #expect(BuildCache(file: cacheFile).load(output: site).isEmpty)
        try book.edit("one/gamma.md", "version one", "version two")
        let rebuilt = await Build.run(book.options(output: site, cache: true))
        #expect(rebuilt.renderedPages == MaintainerBook.pages.count)
        let clean = book.outside("clean")
        _ = await Build.run(book.options(output: clean, cache: false))
        #expect(Maintainer.differences(site, clean).isEmpty)
    }
}
