import CallbookCore
import Foundation
import Testing

/// The actions behind the commands, run as the command line runs them: what each reports
/// (diagnostics, data, the lines for the reader, failure) for a book built in the test.
@Suite struct ActionTests {
    static func location(_ book: TemporaryBook, output: String = "site") -> BookLocation {
        BookLocation.resolve(book: "book", output: output, in: book.root)
    }

    @Test func todayIsNoonUTCOfARealDay() throws {
        let day = try #require(BuildDay.parse("2026-11-30"))
        #expect(day.timeIntervalSince1970 == 1_796_040_000)  // 2026-11-30T12:00:00Z
        for bad in ["2026-02-30", "2026-13-01", "30-11-2026x", "2026-11", "tomorrow"] {
            #expect(BuildDay.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func buildReportsItsSummaryAndFailsOnlyOnProblems() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n\n![A plan](missing.png)\n")
        func build(strict: Bool) async -> ActionReport {
            await BuildAction(location: Self.location(book), theme: TemporaryBook.themeDirectory, strict: strict, force: false,
                              timings: true, useCache: false, today: Date(), baseURL: nil, projectRoot: nil,
                              environment: [:]).perform()
        }
        let report = await build(strict: false)
        #expect(!report.failed)
        #expect(report.diagnostics.map(\.id) == ["image-missing"])
        #expect(report.messages.last?.hasPrefix("Built site/: 1 page, 1 warning, 0 errors in ") == true, "\(report.messages)")
        #expect(report.messages.dropLast().allSatisfy { $0.hasPrefix("  ") }, "timings: \(report.messages)")
        let strict = await build(strict: true)
        #expect(strict.failed)
        #expect(strict.messages.last?.hasPrefix("Build failed (--strict and the book has problems): 1 page, 1 warning, 0 errors in ") == true)
        #expect(strict.messages.last?.hasSuffix("; 'site' was left unchanged.") == true)
    }

    @Test func checkWritesNoOutput() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n\n{ref}`nowhere`\n")
        let location = Self.location(book)
        let report = await CheckAction(location: location, theme: TemporaryBook.themeDirectory, strict: true, external: false,
                                       timeout: 1, projectRoot: nil).perform()
        #expect(report.failed)
        #expect(report.messages == ["Check failed: 1 page checked: 1 warning, 0 errors"])
        #expect(BuildInspection.listing(book.root) == ["book"])
    }

    @Test func astNamesWhatIsNotAChapterOfItsBook() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  toc:\n    - file: index.md\n")
        try book.write("index.md", "# Home\n")
        try book.write("notes.md", "# Notes\n")
        let file = book.directory.appendingPathComponent("notes.md").path
        let action = ASTAction(chapter: NamedChapter(name: file, data: Data("# Notes\n".utf8)), resolved: true,
                               includePositions: false, projectRoot: nil)
        let report = await action.perform()
        #expect(report.failed && report.output == nil)
        #expect(report.diagnostics.map(\.id) == ["toc-unlisted-files", "ast-not-a-chapter"])
        #expect(report.diagnostics.last?.message == "'\(file)' is not a chapter of the book in '\(book.directory.path)'")
        let index = book.directory.appendingPathComponent("index.md").path
        let resolved = await ASTAction(chapter: NamedChapter(name: index, data: Data("# Home\n".utf8)), resolved: true,
                                       includePositions: false, projectRoot: nil).perform()
        #expect(resolved.output?.contains(#""type": "heading""#) == true)
    }

    @Test func aChapterThatIsNotUTF8PrintsNoData() {
        let html = HTMLAction(chapter: NamedChapter(name: "-", data: Data([0x23, 0x20, 0xFF]))).perform()
        #expect(html.failed && html.output == nil)
        #expect(html.messages == ["<stdin>:1:1: error: not valid UTF-8 text"])
        let fine = HTMLAction(chapter: NamedChapter(name: "-", data: Data("# Hi\n".utf8))).perform()
        #expect(!fine.failed && fine.output?.contains("Hi</h1>") == true)
    }
}
