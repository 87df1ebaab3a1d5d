@testable import CallbookCore
import Foundation
import Testing

/// A build without the cache still makes no new file for one whose bytes the previous site
/// holds at the same place: it is linked across (the same inode), and only changed files are
/// new. A symbolic link planted in the previous site is never followed or linked.
@Suite(.tags(.slow), .skippedWhenFast) struct UnchangedFilesLinkedTests {
    static func inode(_ url: URL) -> UInt64? {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?.uint64Value
    }

    /// Also when pages are written as they are rendered, in pieces (`handsPagesOn`, the command
    /// line's builds): a page is compared with the previous one piece by piece.
    @Test(arguments: [false, true])
    func unchangedFilesKeepTheirInodeAndChangedOnesAreNew(handsPagesOn: Bool) async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Links\n  toc:\n    - file: a.md\n    - file: b.md\n")
        try book.write("a.md", "# A\n\nFirst.\n")
        try book.write("figure.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        try book.write("b.md", "# B\n\nSecond.\n\n![A figure](figure.svg)\n")
        let site = book.outside("site")
        var options = BuildOptions(bookDirectory: book.directory, output: site, themeDirectory: TemporaryBook.themeDirectory,
                                   today: Maintainer.day("2026-12-01"))
        options.cacheFile = nil
        options.handsPagesOn = handsPagesOn
        #expect(await Build.run(options).wroteSite)
        let page = site.appendingPathComponent("b.html"), style = site.appendingPathComponent("_static/style.css")
        let figure = site.appendingPathComponent("figure.svg")
        let before = (page: Self.inode(page), style: Self.inode(style), figure: Self.inode(figure))
        #expect(before.page != nil && before.style != nil && before.figure != nil)

        try book.write("a.md", "# A\n\nFirst, edited.\n")
        #expect(await Build.run(options).wroteSite)
        #expect(Self.inode(page) == before.page, "b.html did not change: linked across")
        #expect(Self.inode(style) == before.style && Self.inode(figure) == before.figure)
        let edited = try String(contentsOf: site.appendingPathComponent("a.html"), encoding: .utf8)
        #expect(edited.contains("First, edited."))

        // b.html's own text changes: a new file.
        try book.write("b.md", "# B\n\nSecond, edited.\n\n![A figure](figure.svg)\n")
        #expect(await Build.run(options).wroteSite)
        #expect(Self.inode(page) != before.page)
        #expect(try String(contentsOf: page, encoding: .utf8).contains("Second, edited."))
    }

    @Test func aSymbolicLinkInThePreviousSiteIsNotLinkedAcross() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        let site = book.outside("site")
        let options = BuildOptions(bookDirectory: book.directory, output: site, themeDirectory: TemporaryBook.themeDirectory)
        #expect(await Build.run(options).wroteSite)
        // The previous site's index.html replaced by a link to a file elsewhere with the same bytes.
        let page = site.appendingPathComponent("index.html")
        let elsewhere = book.outside("elsewhere.html")
        try FileManager.default.moveItem(at: page, to: elsewhere)
        try FileManager.default.createSymbolicLink(at: page, withDestinationURL: elsewhere)
        let elsewhereInode = Self.inode(elsewhere)
        #expect(await Build.run(options).wroteSite)
        let attributes = try FileManager.default.attributesOfItem(atPath: page.path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(Self.inode(page) != elsewhereInode)
        #expect(FileManager.default.fileExists(atPath: elsewhere.path))
    }

    /// An asset the previous site holds as it is (its source unchanged since the build that
    /// copied it: `BuildManifest.ChangedInputs.unchanged`) is linked across without its source
    /// being read: here the source is gone, and the new site still gets the previous file.
    /// Without that word, the source is read as before, and its absence stops the write.
    @Test func anAssetThePreviousSiteHoldsAsItIsIsLinkedUnread() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n\n![A figure](figure.svg)\n")
        try book.write("figure.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        let site = book.outside("site")
        let options = BuildOptions(bookDirectory: book.directory, output: site, themeDirectory: TemporaryBook.themeDirectory)
        #expect(await Build.run(options).wroteSite)
        let previous = try #require(Self.inode(site.appendingPathComponent("figure.svg")))
        let source = book.directory.appendingPathComponent("figure.svg").path
        try FileManager.default.removeItem(atPath: source)
        let asset = Asset(source: source, sitePath: "figure.svg")
        let writer = SiteWriter(output: site)

        let staged = try writer.begin(pagePaths: [])
        defer { staged.abandon() }
        try await writer.placeUnchanged(reused: [], assets: [asset], unchangedAssets: ["figure.svg"], in: staged)
        #expect(Self.inode(URL(fileURLWithPath: staged.folder.root + "/figure.svg")) == previous)

        let unread = try writer.begin(pagePaths: [])
        await #expect(throws: CallbookError.self) {
            try await writer.placeUnchanged(reused: [], assets: [asset], in: unread)
        }
    }
}
