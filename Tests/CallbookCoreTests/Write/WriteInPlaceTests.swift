import CallbookCore
import Foundation
import Testing

/// `callbook serve` writes into the folder it serves: each file is written beside its place and
/// renamed over it, so a reader that opened the old file reads all of it, and one that opens
/// the file now reads all of the new one; never an empty or half-written page.
@Suite struct WriteInPlaceTests {
    @Test func aChangedPageIsANewFileAndTheOldOneStaysWholeForItsReaders() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  toc:\n    - file: index.md\n    - file: guide/page.md\n")
        try book.write("index.md", "# Home\n\nFirst version.\n")
        try book.write("guide/page.md", "# Page\n\nFirst page.\n")
        let output = book.outside("served")
        var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: output,
                                   themeDirectory: TemporaryBook.themeDirectory)
        options.writeInPlace = true
        let builder = IncrementalBuilder(options: options)
        let first = await builder.build()
        #expect(first.diagnostics.isEmpty, "\(BuildInspection.describe(first.diagnostics))")

        // A reader holds the pages open, as a server sending them would.
        var readers: [String: FileHandle] = [:]
        var before: [String: Data] = [:]
        for page in ["index.html", "guide/page.html"] {
            let path = output.appendingPathComponent(page).path
            readers[page] = try #require(FileHandle(forReadingAtPath: path))
            before[page] = FileManager.default.contents(atPath: path)
        }
        defer { for reader in readers.values { try? reader.close() } }

        try book.write("index.md", "# Home\n\nSecond version.\n")
        try book.write("guide/page.md", "# Page\n\nSecond page.\n")
        let second = await builder.build(changed: [book.directory.appendingPathComponent("index.md").standardizedFileURL.path,
                                                   book.directory.appendingPathComponent("guide/page.md").standardizedFileURL.path])
        #expect(second.diagnostics.isEmpty, "\(BuildInspection.describe(second.diagnostics))")

        for page in ["index.html", "guide/page.html"] {
            let held = try #require(readers[page]).readDataToEndOfFile()
            #expect(held == before[page], "\(page): the open file changed under its reader")
            let now = String(decoding: FileManager.default.contents(atPath: output.appendingPathComponent(page).path) ?? Data(),
                             as: UTF8.self)
            #expect(now.contains("Second"), "\(page)")
        }
        // No temporary file is left beside the pages.
        let names = BuildInspection.snapshot(output).keys
        #expect(!names.contains { $0.contains(".tmp-") }, "\(names.sorted())")
        #expect(names.contains(".callbook-site"))
    }
}
