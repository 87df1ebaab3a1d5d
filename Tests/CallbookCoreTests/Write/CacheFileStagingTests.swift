@testable import CallbookCore
import Foundation
import Testing

/// The caches a build writes beside the rest of its work under temporary names
/// (`CacheFileWriter.stage`): put in place in one rename once the site is, removed when it is
/// not, and the leftovers of builds no longer running removed by the next.
@Suite struct CacheFileStagingTests {
    static func listing(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func aStagedFileIsInPlaceOnlyOnceCommittedAndGoneIfDiscarded() throws {
        let root = try WriteConfinementTests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent(".callbook-cache")
        let file = folder.appendingPathComponent("site.search")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: file)

        let staged = try #require(CacheFileWriter.stage(Array("new".utf8), as: file))
        #expect(FileManager.default.contents(atPath: file.path) == Data("old".utf8))
        #expect(Self.listing(folder).count == 2)
        staged.commit()
        #expect(FileManager.default.contents(atPath: file.path) == Data("new".utf8))
        #expect(Self.listing(folder) == ["site.search"])

        let discarded = try #require(CacheFileWriter.stage(Array("newer".utf8), as: file))
        discarded.discard()
        #expect(FileManager.default.contents(atPath: file.path) == Data("new".utf8))
        #expect(Self.listing(folder) == ["site.search"])
    }

    @Test func leftoversOfBuildsNoLongerRunningAreRemovedAndThoseOfRunningOnesKept() throws {
        let root = try WriteConfinementTests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent(".callbook-cache")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let dead = "site.chapters.new-\(try WriteSwapTests.deadProcess())-0-deadbeef"
        let running = "site.chapters.new-" + StagingFolders.processToken()
        let other = "other.chapters.new-\(try WriteSwapTests.deadProcess())-0-deadbeef"
        for name in [dead, running, other] { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }

        CacheFileWriter.save(Array("records".utf8), as: folder.appendingPathComponent("site.chapters"))

        #expect(Self.listing(folder) == [other, "site.chapters", running].sorted())
    }

    /// A build that writes nothing (`--strict` finds a warning) leaves the caches of the site
    /// still in place as they were, and no temporary file.
    @Test func aBuildThatDoesNotWriteItsSiteLeavesTheCachesAsTheyWere() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let site = book.outside("site")
        #expect(await Build.run(book.options(output: site, cache: true)).wroteSite)
        let folder = BuildCache.file(beside: site).deletingLastPathComponent()
        let before = Self.listing(folder)
        #expect(before.contains("site.search") && before.contains("site.chapters"))
        let contents = before.map { FileManager.default.contents(atPath: folder.appendingPathComponent($0).path) }
        try book.write("one/gamma.md", "# Gamma\n\nSee {ref}`no-such-label`.\n")

        let failed = await Build.run(book.options(output: site, cache: true, strict: true))

        #expect(!failed.wroteSite)
        #expect(Self.listing(folder) == before)
        #expect(before.map { FileManager.default.contents(atPath: folder.appendingPathComponent($0).path) } == contents)
    }

    /// A file staged piece by piece holds the pieces one after the other, whatever their sizes
    /// beside the quarter megabyte gathered before each write (pieces of zero, one, just under,
    /// exactly and over that many bytes, in every order).
    @Test func aFileStagedPieceByPieceHoldsThePiecesInOrder() throws {
        let root = try WriteConfinementTests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent(".callbook-cache/site.search")
        let gathered = CacheFileWriter.gathered
        var generator = SystemRandomNumberGenerator()
        for round in 0..<8 {
            let sizes = [0, 1, gathered - 1, gathered, gathered + 1, 3, gathered / 2, gathered / 2 + 1].shuffled(using: &generator)
            let pieces = sizes.enumerated().map { index, size in [UInt8](repeating: UInt8(truncatingIfNeeded: index &* 37 &+ round), count: size) }
            let staged = try #require(CacheFileWriter.stage(as: file) { emit in for piece in pieces { emit(piece[...]) } })
            staged.commit()
            #expect(try [UInt8](Data(contentsOf: file)) == Array(pieces.joined()), "sizes \(sizes)")
        }
    }
}
