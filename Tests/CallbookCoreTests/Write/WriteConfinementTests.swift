@testable import CallbookCore
import Foundation
import Testing

/// Nothing a book says can make callbook write outside its output folder: every path goes
/// through `OutputFolder.place`, and a chapter outside the book still gets a page inside the site.
@Suite struct WriteConfinementTests {
    /// `file: ../outside.md` used to write `<output>/../outside.html`.
    @Test func aChapterOutsideTheBookGetsAPageUnderOutside() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  toc:\n    - file: index.md\n    - file: ../outside.md\n")
        try book.write("index.md", "# Home\n\nSee [the notes](../outside.md).\n")
        try book.write("../outside.md", "# Outside\n\nNotes kept beside the book.\n")
        let output = book.outside("site")

        let result = await book.build(output: output)

        #expect(BuildInspection.errors(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.wroteSite)
        #expect(BuildInspection.listing(book.root) == ["book", "outside.md", "site"])
        let files = BuildInspection.snapshot(output)
        let page = String(decoding: try #require(files["_outside/_up/outside.html"]), as: UTF8.self)
        #expect(page.contains("<h1"))
        #expect(page.contains("Outside"))
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        let links = BuildInspection.anchors(index).filter { $0.text == "the notes" }.compactMap { $0.attributes["href"] }
        #expect(links == ["_outside/_up/outside.html"])
        #expect(BookPaths.pagePath(forChapter: "../../notes/x.md") == "_outside/_up/_up/notes/x.html")
        #expect(BookPaths.pagePath(forChapter: "a/b.md") == "a/b.html")
    }

    @Test(arguments: ["/etc/x.html", "../x.html", "a/../../x.html", "./x.html", "a//x.html", "", "a/.", "x\0y"])
    func pathsThatAreNotPlainSitePathsAreRefused(_ relative: String) throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = OutputFolder(root: root.appendingPathComponent("out").path)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("out"), withIntermediateDirectories: true)
        #expect(throws: CallbookError.self) { try folder.place(relative) }
    }

    @Test func aSymbolicLinkOrFileOnTheWayIsRefused() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out"), elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("linked"), withDestinationURL: elsewhere)
        try Data("x".utf8).write(to: out.appendingPathComponent("file"))
        let folder = OutputFolder(root: out.path)

        #expect(try folder.place("a/b/page.html") == out.path + "/a/b/page.html")
        for relative in ["linked/page.html", "linked/deeper/page.html", "file/page.html"] {
            do {
                _ = try folder.place(relative)
                Issue.record("\(relative) was accepted")
            } catch let error as CallbookError {
                #expect(error.diagnostic.id == "write-outside-output")
            }
        }
        #expect(throws: CallbookError.self) { try folder.makeFolder("linked/deeper") }
        #expect(BuildInspection.listing(elsewhere).isEmpty)
    }

    /// `serve` writes into its folder as it stands: a folder there that is a symbolic link to
    /// somewhere else is not followed.
    @Test func writingInPlaceDoesNotFollowASymbolicLinkInTheOutput() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        try book.write("guide/page.md", "# Page\n")
        let output = book.outside("served"), elsewhere = book.outside("elsewhere")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: output.appendingPathComponent("guide"), withDestinationURL: elsewhere)

        var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: output,
                                   themeDirectory: TemporaryBook.themeDirectory)
        options.writeInPlace = true
        let result = await Build.run(options)

        #expect(result.diagnostics.map(\.id) == ["write-outside-output"], "\(BuildInspection.describe(result.diagnostics))")
        #expect(BuildInspection.listing(elsewhere).isEmpty)
    }

    /// The build cache is kept in `.callbook-cache/` beside the output; a symbolic link planted
    /// at that name is not written through.
    @Test func theBuildCacheIsNotWrittenThroughASymbolicLink() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        let elsewhere = book.outside("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: book.outside(".callbook-cache"), withDestinationURL: elsewhere)
        var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: book.outside("site"),
                                   themeDirectory: TemporaryBook.themeDirectory)
        options.cacheFile = BuildCache.file(beside: book.outside("site"))

        let result = await Build.run(options)

        #expect(result.diagnostics.isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.wroteSite)
        #expect(BuildInspection.listing(elsewhere).isEmpty)
    }

    static func scratch() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("callbook-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }
}
