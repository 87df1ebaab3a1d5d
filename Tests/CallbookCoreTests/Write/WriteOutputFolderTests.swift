import CallbookCore
import Foundation
import Testing

/// A build replaces its whole output folder, so it only replaces one that callbook wrote: every
/// site carries `.callbook-site`; an empty folder, one holding only a `README.md`, and a site of
/// an earlier callbook (its `index.html`, `404.html`, `search.html`, `_static/search-index.js`)
/// are accepted; anything else needs `--force`; a file in the output's place is refused.
@Suite(.tags(.slow), .skippedWhenFast) struct WriteOutputFolderTests {
    static func build(_ book: TemporaryBook, output: URL, force: Bool = false) async -> BuildResult {
        var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: output,
                                   themeDirectory: TemporaryBook.themeDirectory)
        options.force = force
        return await Build.run(options)
    }

    static func homeBook() throws -> TemporaryBook {
        let book = try TemporaryBook()
        try book.write("index.md", "# Home\n\nNew content.\n")
        return book
    }

    @Test func aFolderCallbookDidNotWriteIsRefusedAndKeptAsItWas() async throws {
        let book = try Self.homeBook()
        defer { book.remove() }
        let thesis = book.outside("thesis")
        try FileManager.default.createDirectory(at: thesis.appendingPathComponent("figures"), withIntermediateDirectories: true)
        try Data("\\documentclass{article}\n".utf8).write(to: thesis.appendingPathComponent("thesis.tex"))
        try Data("png".utf8).write(to: thesis.appendingPathComponent("figures/plot.png"))
        let before = BuildInspection.snapshot(thesis)

        let result = await Self.build(book, output: thesis)

        #expect(result.diagnostics.map(\.id) == ["output-not-callbook"])
        let message = result.diagnostics.first?.message ?? ""
        #expect(message.contains(thesis.path))
        #expect(message.contains("thesis.tex"))
        #expect(message.contains("--force"))
        #expect(result.failed)
        #expect(result.outputRefused)
        #expect(!result.wroteSite)
        #expect(BuildInspection.snapshot(thesis) == before)
        #expect(BuildInspection.listing(book.root) == ["book", "thesis"])
    }

    /// On the command line: exit 1 and a message that says why and that nothing changed; then
    /// `--force`.
    @Test func theCommandLineRefusesAndForceOverrides() throws {
        guard let binary = Maintainer.requireBinary("(build --force)") else { return }
        let book = try Self.homeBook()
        defer { book.remove() }
        let thesis = book.outside("thesis")
        try FileManager.default.createDirectory(at: thesis, withIntermediateDirectories: true)
        try Data("\\documentclass{article}\n".utf8).write(to: thesis.appendingPathComponent("thesis.tex"))

        let refused = try Maintainer.run(binary, ["build", "book", "--output", "thesis"], in: book.root)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("[output-not-callbook]"))
        #expect(refused.stderr.contains("Build failed (the output folder cannot be used)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("'thesis' was left unchanged"))
        #expect(BuildInspection.listing(thesis) == ["thesis.tex"])

        let forced = try Maintainer.run(binary, ["build", "book", "--output", "thesis", "--force"], in: book.root)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(BuildInspection.listing(thesis).contains(".callbook-site"))
        #expect(!BuildInspection.listing(thesis).contains("thesis.tex"))
    }

    @Test func forceReplacesSuchAFolder() async throws {
        let book = try Self.homeBook()
        defer { book.remove() }
        let thesis = book.outside("thesis")
        try FileManager.default.createDirectory(at: thesis, withIntermediateDirectories: true)
        try Data("\\documentclass{article}\n".utf8).write(to: thesis.appendingPathComponent("thesis.tex"))

        let result = await Self.build(book, output: thesis, force: true)

        #expect(result.diagnostics.isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.wroteSite)
        let files = BuildInspection.snapshot(thesis)
        #expect(files["thesis.tex"] == nil)
        #expect(files["index.html"] != nil)
        #expect(files[".callbook-site"] != nil)
    }

    @Test func everySiteCarriesTheMarkerAndIsReplacedByTheNextBuild() async throws {
        let book = try Self.homeBook()
        defer { book.remove() }
        let output = book.outside("site")
        let first = await Self.build(book, output: output)
        #expect(first.wroteSite)
        let marker = try #require(FileManager.default.contents(atPath: output.appendingPathComponent(".callbook-site").path))
        #expect(String(decoding: marker, as: UTF8.self).hasPrefix("callbook-site 1\n"))

        try Data("x".utf8).write(to: output.appendingPathComponent("added-by-hand.html"))
        try book.write("index.md", "# Home\n\nSecond.\n")
        let second = await Self.build(book, output: output)
        #expect(second.diagnostics.isEmpty, "\(BuildInspection.describe(second.diagnostics))")
        #expect(second.wroteSite)
        #expect(BuildInspection.snapshot(output)["added-by-hand.html"] == nil)
    }

    /// The tracked `site/` holds only a README saying what the folder is.
    @Test func aFolderHoldingOnlyAReadmeIsAcceptedAndTheReadmeKept() async throws {
        let book = try Self.homeBook()
        defer { book.remove() }
        let output = book.outside("site")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("Built by callbook.\n".utf8).write(to: output.appendingPathComponent("README.md"))

        let result = await Self.build(book, output: output)

        #expect(result.diagnostics.isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.wroteSite)
        let files = BuildInspection.snapshot(output)
        #expect(files["README.md"] == Data("Built by callbook.\n".utf8))
        #expect(files[".callbook-site"] != nil)
    }

    /// A site written before the marker existed: the files every build has always written.
    @Test func aSiteOfAnEarlierCallbookIsAccepted() async throws {
        let book = try Self.homeBook()
        defer { book.remove() }
        let output = book.outside("site")
        try FileManager.default.createDirectory(at: output.appendingPathComponent("_static"), withIntermediateDirectories: true)
        for name in ["index.html", "404.html", "search.html", "_static/search-index.js", "stale.html"] {
            try Data("old".utf8).write(to: output.appendingPathComponent(name))
        }

        let result = await Self.build(book, output: output)

        #expect(result.diagnostics.isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.wroteSite)
        #expect(BuildInspection.snapshot(output)["stale.html"] == nil)

        // Only part of those files is not enough.
        let partial = book.outside("partial")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        for name in ["index.html", "search.html"] { try Data("mine".utf8).write(to: partial.appendingPathComponent(name)) }
        let refused = await Self.build(book, output: partial)
        #expect(refused.diagnostics.map(\.id) == ["output-not-callbook"])
        #expect(BuildInspection.snapshot(partial)["index.html"] == Data("mine".utf8))
    }

    @Test(arguments: [false, true])
    func aFileInTheOutputsPlaceIsRefused(force: Bool) async throws {
        let book = try Self.homeBook()
        defer { book.remove() }
        let output = book.outside("site")
        try Data("not a folder\n".utf8).write(to: output)

        let result = await Self.build(book, output: output, force: force)

        #expect(result.diagnostics.map(\.id) == ["output-not-a-folder"])
        #expect(!result.wroteSite)
        #expect(FileManager.default.contents(atPath: output.path) == Data("not a folder\n".utf8))
        #expect(BuildInspection.listing(book.root) == ["book", "site"])
    }

    /// A symbolic link in the output's place is kept; the site goes where it points, under the
    /// same rules.
    @Test func aSymbolicLinkAtTheOutputIsFollowed() async throws {
        let book = try Self.homeBook()
        defer { book.remove() }
        let real = book.outside("www"), link = book.outside("site")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)

        let result = await Self.build(book, output: link)

        #expect(result.diagnostics.isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(BuildInspection.snapshot(real)["index.html"] != nil)
        // The previous site (an empty folder) is set aside beside the folder the link leads to.
        #expect(BuildInspection.listing(book.root) == [".www.spare", "book", "site", "www"])
    }
}
