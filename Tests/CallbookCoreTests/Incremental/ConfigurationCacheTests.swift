@testable import CallbookCore
import Foundation
import Testing

/// The configuration files read into a `ParsedConfiguration`, kept beside the output and taken
/// over by the next load when the files it depended on are the same.
@Suite struct ConfigurationCacheTests {
    /// The parsed configuration of the book in `folder`.
    static func parsed(_ folder: URL) throws -> ParsedConfiguration {
        try #require(try BookLoader(directory: folder, displayRoot: "website").load().0.parsedConfiguration)
    }

    @Test("a configuration reads back as it was written; cut, damaged or another binary's, it reads as none, never crashes")
    func roundTrip() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", """
            version: 1
            project:
              title: Kept
              authors: [Ada]
              github: https://github.com/org/kept
              bibliography: [refs.bib]
              exclude: [drafts/*]
              toc:
                - file: index.md
                - title: Part
                  children:
                    - file: a.md
                      title: First
                    - url: https://example.org/
                      title: Elsewhere
                - file: missing.md
            """)
        try book.write("index.md", "# Home\n")
        try book.write("a.md", "# A\n")
        let parsed = try Self.parsed(book.directory)
        // As the file says it (files are checked after): three entries, the part with two.
        #expect(parsed.configuration.toc?.count == 3)
        #expect(parsed.configuration.toc?[1].children.map(\.title) == ["First", "Elsewhere"])
        #expect(parsed.configuration.repository?.url == "https://github.com/org/kept")
        let bytes = ConfigurationCache.contents(parsed)
        #expect(ConfigurationCache.read(bytes) == parsed)
        CacheFileDamage.expectRefused(bytes, header: ConfigurationCache.header.count, damages: 500) {
            ConfigurationCache.read($0) != nil
        }
    }

    @Test("The Turing Way's myst.yml and the 2021 book's _config.yml and _toc.yml read back as they were written",
          .enabled(if: SharedData.isAvailable))
    func corporaRoundTrip() throws {
        for book in ["corpus/turing-way/website", "corpus/turing-way-2021/website"] {
            let parsed = try Self.parsed(try SharedData.path(book))
            #expect((parsed.configuration.toc?.count ?? 0) > 5, "\(book)")
            #expect(ConfigurationCache.read(ConfigurationCache.contents(parsed)) == parsed, "\(book)")
        }
    }

    @Test("a load takes the configuration over only while the files, the Markdown files found and the display root hash the same")
    func reusedOnlyWhenTheSame() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Original\n  toc:\n    - file: index.md\n")
        try book.write("index.md", "# Home\n")
        let parsed = try Self.parsed(book.directory)
        #expect(parsed.configuration.title == "Original")
        // A stand-in with the same hash and another title: taken over, so the title shows it.
        var standIn = parsed
        standIn.configuration.title = "Taken over"
        func load(displayRoot: String = "website") throws -> Book {
            var loader = BookLoader(directory: book.directory, displayRoot: displayRoot)
            loader.reusing = standIn
            return try loader.load().0
        }
        #expect(try load().configuration.title == "Taken over")
        #expect(try load(displayRoot: "elsewhere").configuration.title == "Original")
        // Another Markdown file found: read again.
        try book.write("notes.md", "# Notes\n")
        #expect(try load().configuration.title == "Original")
        try FileManager.default.removeItem(at: book.directory.appendingPathComponent("notes.md"))
        #expect(try load().configuration.title == "Taken over")
        // The file changed: read again.
        try book.write("myst.yml", "version: 1\nproject:\n  title: Edited\n  toc:\n    - file: index.md\n")
        #expect(try load().configuration.title == "Edited")
    }

    @Test("a build keeps the configuration beside the output and the next one takes it over; an edited myst.yml is read again")
    func buildsKeepIt() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: First title\n  toc:\n    - file: index.md\n")
        try book.write("index.md", "# Home\n\nText.\n")
        let site = book.outside("site")
        var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: site,
                                   themeDirectory: TemporaryBook.themeDirectory)
        options.cacheFile = BuildCache.file(beside: site)
        #expect(await Build.run(options).wroteSite)
        let kept = try #require(ConfigurationCache.load(ConfigurationCache.file(beside: site)))
        #expect(kept.configuration.title == "First title")
        try book.write("myst.yml", "version: 1\nproject:\n  title: Second title\n  toc:\n    - file: index.md\n")
        let second = await Build.run(options)
        #expect(second.wroteSite)
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8).contains("Second title"))
        #expect(ConfigurationCache.load(ConfigurationCache.file(beside: site))?.configuration.title == "Second title")
    }
}
