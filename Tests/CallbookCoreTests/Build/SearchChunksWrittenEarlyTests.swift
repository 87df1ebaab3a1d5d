@testable import CallbookCore
import Foundation
import Synchronization
import Testing

/// The search index's text chunks handed on as they are made (`SearchIndex.files(handOn:)`,
/// `EarlySiteFiles`): what the site gets is the same, chunk for chunk, as an index that keeps
/// them all until the write.
@Suite struct SearchChunksWrittenEarlyTests {
    /// A book of `count` pages of distinct words, about 11 KB of text each (24 KB chunks).
    static func write(_ book: TemporaryBook, pages count: Int) throws {
        try book.write("myst.yml", "version: 1\nproject:\n  title: Chunks\n  toc:\n"
                       + (0..<count).map { "    - file: p\($0).md\n" }.joined())
        for page in 0..<count {
            let words = (0..<900).map { "word\(page)x\($0)" }.joined(separator: " ")
            try book.write("p\(page).md", "# Page \(page)\n\n\(words)\n")
        }
    }

    @Test func chunksTakenAreTheChunksKept() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try Self.write(book, pages: 12)
        let chapters = try #require(await book.build().resolved).chapters
        let whole = await SearchIndex.build(chapters).index.files()
        #expect(whole.count > 3 && whole[0].path == "_static/search-index.js")
        let taken = Mutex<[SiteFile]>([])
        let (kept, _) = await SearchIndex.build(chapters).index.files(keepingWords: false, handOn: { file in
            taken.withLock { $0.append(file) }
            return true
        })
        #expect(kept == [whole[0]])
        #expect(taken.withLock { $0 } == Array(whole.dropFirst()))
        let (refused, _) = await SearchIndex.build(chapters).index.files(keepingWords: false, handOn: { _ in false })
        #expect(refused == whole)
        // Chunks made as the pages are merged (`build` with a hand-on), the rest by `files`.
        let streamed = Mutex<[SiteFile]>([])
        let take: @Sendable (SiteFile) -> Bool = { file in
            streamed.withLock { $0.append(file) }
            return true
        }
        let (early, _) = await SearchIndex.build(chapters, handOn: take).index.files(keepingWords: false, handOn: take)
        #expect(early == [whole[0]])
        #expect(streamed.withLock { $0 } == Array(whole.dropFirst()))
        #expect(await SearchIndex.build(chapters, handOn: { _ in false }).index.files() == whole)
        // A page over `largestStored` is left to `files`, and the pages after it too.
        let sizes = chapters.map { SearchIndex.sections(of: $0).sections.reduce(0) { $0 + $1.byteCount } }
        #expect(sizes.last! > sizes[0], "pages 10 and 11 have longer words")
        streamed.withLock { $0 = [] }
        let (rest, _) = await SearchIndex.build(chapters, largestStored: sizes[0], handOn: take).index.files(keepingWords: false, handOn: take)
        #expect(rest == [whole[0]])
        #expect(streamed.withLock { $0 } == Array(whole.dropFirst()))
        // Stored for the search cache as well.
        let (storedIndex, stored) = await SearchIndex.build(chapters, storing: true)
        let (storedEarly, storedForms) = await SearchIndex.build(chapters, storing: true, handOn: { _ in false })
        #expect(storedForms == stored)
        #expect(await storedEarly.files() == storedIndex.files())
    }

    /// Built as `callbook build` builds (pages and chunks written into the staged site as they
    /// are made): the search files on disk are those of a build that keeps them; a second build
    /// with fewer chunks, into the folder the first one set aside, leaves none of the old ones.
    @Test func siteOnDiskHasTheChunksOfABuildThatKeepsThem() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        let site = book.outside("site")
        for (count, cached) in [(12, false), (4, false), (6, true), (12, true)] {
            try FileManager.default.removeItem(at: book.directory)
            try Self.write(book, pages: count)
            let kept = try #require(await book.build(output: book.outside("kept")).site).generated
            let expected = kept.filter { $0.path.hasPrefix("_static/search") }
            var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: site,
                                       themeDirectory: TemporaryBook.themeDirectory, strict: false)
            options.handsPagesOn = true
            options.cacheFile = cached ? BuildCache.file(beside: site) : nil
            let result = await Build.run(options)
            #expect(result.wroteSite && !result.fatal)
            let chunks = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("_static/search").path)
            #expect(chunks.sorted() == expected.map(\.path).filter { $0.hasPrefix("_static/search/") }
                .map { String($0.dropFirst("_static/search/".count)) }.sorted(), "\(count) pages")
            for file in expected {
                let written = try Data(contentsOf: site.appendingPathComponent(file.path))
                #expect(String(decoding: written, as: UTF8.self) == file.contents, "\(file.path)")
            }
        }
    }
}
