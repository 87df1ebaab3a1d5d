import CallbookCore
import Foundation
import Testing

/// The search for chapters knows folders by device and inode: a symbolic link back to a
/// folder already searched is a `folder-loop` warning, once, and is not followed.
@Suite struct FolderWalkTests {
    static func link(_ book: TemporaryBook, _ name: String, to destination: String) throws {
        let url = book.directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    /// `a -> .`, `b -> .` and `hosting/up -> ..`: two loops alone made 2^40 phantom folders.
    @Test func linksBackToSearchedFoldersAreWarnedOnceAndNotFollowed() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        try book.write("hosting/guide.md", "# Guide\n")
        try Self.link(book, "a", to: ".")
        try Self.link(book, "b", to: ".")
        try Self.link(book, "hosting/up", to: "..")
        let (loaded, diagnostics) = try book.load()
        #expect(loaded.chapters.map(\.path) == ["index.md", "hosting/guide.md"])
        let loops = diagnostics.filter { $0.id == "folder-loop" }
        #expect(loops.map { $0.range?.description } == ["book/a:1:1", "book/b:1:1", "book/hosting/up:1:1"],
                "\(BuildInspection.describe(diagnostics))")
        #expect(loops.allSatisfy { $0.severity == .warning })
        #expect(loops.first?.message.contains("leads back to the book folder") == true)
        #expect(diagnostics.count == 3, "\(BuildInspection.describe(diagnostics))")
    }

    /// A second link to a folder is searched once, under the folder's real name (not the link's,
    /// whichever `readdir` lists first).
    @Test func aFolderIsListedUnderItsRealName() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        try book.write("zeta/page.md", "# Page\n")
        try Self.link(book, "alias", to: "zeta")
        let (loaded, diagnostics) = try book.load()
        #expect(loaded.chapters.map(\.path) == ["index.md", "zeta/page.md"])
        #expect(diagnostics.map(\.id) == ["folder-loop"])
        #expect(diagnostics.first?.message.contains("'zeta'") == true, "\(diagnostics)")
    }

    /// A link to a folder inside the root but outside the book is followed, as before.
    @Test func aLinkToAFolderInsideTheRootIsSearched() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        try book.write("../shared/common.md", "# Common\n")
        try Self.link(book, "shared", to: "../shared")
        let (loaded, diagnostics) = try book.load()
        #expect(loaded.chapters.map(\.path) == ["index.md", "shared/common.md"])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func aLinkToAFolderOutsideTheRootIsNotSearched() throws {
        let book = try TemporaryBook()
        let outside = try ProjectRootTests.Secret()
        defer { book.remove(); outside.remove() }
        try Data("# Not mine\n".utf8).write(to: outside.folder.appendingPathComponent("other.md"))
        try book.write("index.md", "# Home\n")
        try Self.link(book, "elsewhere", to: outside.folder.path)
        let (loaded, diagnostics) = try book.load()
        #expect(loaded.chapters.map(\.path) == ["index.md"])
        #expect(diagnostics.map(\.id) == ["folder-outside-root"])
        #expect(diagnostics.first?.range?.description == "book/elsewhere:1:1")
    }

    /// `d -> .` and a chapter including `d/x.md`, which includes `d/x.md` twice: by real path
    /// that is a cycle, found at once (it ran past 60 s, doubling per level of `d/d/d/…`).
    @Test func includesThroughAFolderLoopAreCycles() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try Self.link(book, "d", to: ".")
        try book.write("index.md", "# Home\n\n```{include} d/x.md\n```\n\n```{include} d/x.md\n```\n")
        try book.write("x.md", "X text.\n\n```{include} d/x.md\n```\n\n```{include} d/x.md\n```\n")
        try book.write("myst.yml", "version: 1\nproject:\n  toc:\n    - file: index.md\n")
        let result = await book.build()
        let ids = result.diagnostics.map(\.id)
        #expect(ids.filter { $0 == "include-cycle" }.count == 4, "\(BuildInspection.describe(result.diagnostics))")
        #expect(Set(ids) == ["include-cycle", "folder-loop", "toc-unlisted-files"], "\(ids)")
        let page = try #require(BuildInspection.page(result, "index.html"))
        #expect(page.components(separatedBy: "X text.").count == 3)
    }
}
