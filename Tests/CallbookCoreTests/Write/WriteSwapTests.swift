@testable import CallbookCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The swap of the new site for the old: one exchange (Linux `renameat2`), temporary folders
/// named by process so that any later build removes those of builds no longer running, a
/// site put back when a build was killed between the fallback's two renames, and messages that
/// say what became of the output.
@Suite(.tags(.slow), .skippedWhenFast) struct WriteSwapTests {
    static func build(_ book: TemporaryBook, output: URL, strict: Bool = false, handsPagesOn: Bool = false) async -> BuildResult {
        var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: output,
                                   themeDirectory: TemporaryBook.themeDirectory, strict: strict)
        options.handsPagesOn = handsPagesOn
        return await Build.run(options)
    }

    /// The id of a process that has ended.
    static func deadProcess() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    static func folder(_ url: URL, index: String) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data(index.utf8).write(to: url.appendingPathComponent("index.html"))
        try Data("callbook-site 1\n".utf8).write(to: url.appendingPathComponent(".callbook-site"))
    }

    @Test func exchangeSwapsTwoFoldersInOneStep() throws {
        let root = try WriteConfinementTests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.folder(root.appendingPathComponent("a"), index: "A")
        try Self.folder(root.appendingPathComponent("b"), index: "B")

        let outcome = FolderExchange.exchange(root.appendingPathComponent("a").path, root.appendingPathComponent("b").path)

        #expect(outcome == 0, "renameat2: \(String(cString: strerror(outcome)))")
        #expect(FileManager.default.contents(atPath: root.appendingPathComponent("a/index.html").path) == Data("B".utf8))
        #expect(FileManager.default.contents(atPath: root.appendingPathComponent("b/index.html").path) == Data("A".utf8))
    }

    /// Where the system cannot exchange (another kernel, a file system that refuses): two
    /// renames, for a first build and for a later one.
    @Test func withoutAnExchangeTwoRenamesDoTheSwap() throws {
        let root = try WriteConfinementTests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let unsupported: (String, String) -> Int32 = { _, _ in ENOTSUP }
        for (round, text) in ["first", "second"].enumerated() {
            let folders = StagingFolders(parent: root.path, name: "site")
            try Self.folder(URL(fileURLWithPath: folders.staging), index: text)
            #expect(BuildInspection.listing(root).count == round + 1)

            let warnings = try SiteWriter.swap(folders, into: root.appendingPathComponent("site").path, exchange: unsupported)

            #expect(warnings.isEmpty, "\(warnings)")
            #expect(FileManager.default.contents(atPath: root.appendingPathComponent("site/index.html").path) == Data(text.utf8))
            #expect(BuildInspection.listing(root) == ["site"])
        }
    }

    @Test func leftoversOfBuildsNoLongerRunningAreRemoved() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        let dead = try Self.deadProcess()
        let ownStart = try #require(StagingFolders.startTime(of: getpid()))
        // Dead processes, this process's id with another start time (an id reused, as in a new
        // container), and the name an older callbook gave.
        for name in [".site.new-\(dead)-\(ownStart)-0A1B2C3D", ".site.old-\(dead)-0-0A1B2C3E",
                     ".site.new-\(getpid())-\(ownStart + 1)-0A1B2C3F", ".site.new-0A1B2C40"] {
            try Self.folder(book.outside(name), index: "leftover")
        }
        // A build still running (this process) keeps its folders; other outputs' are not touched.
        let running = URL(fileURLWithPath: StagingFolders(parent: book.root.path, name: "site").staging).lastPathComponent
        let other = ".elsewhere.new-\(dead)-0-0A1B2C41"
        try Self.folder(book.outside(running), index: "in progress")
        try Self.folder(book.outside(other), index: "not ours")
        try Self.folder(book.outside("site"), index: "previous")

        let result = await Self.build(book, output: book.outside("site"))

        #expect(result.diagnostics.isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.wroteSite)
        // (The previous site is set aside for the next build.)
        #expect(BuildInspection.listing(book.root) == [other, running, ".site.spare", "book", "site"])
    }

    /// Killed between the fallback's two renames: `site` is gone and the previous site is
    /// aside. The next build puts it back, even one that then writes nothing (`--strict`).
    @Test func aSiteMovedAsideByAnInterruptedBuildIsPutBack() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n\n![](missing.png)\n")
        let dead = try Self.deadProcess()
        try Self.folder(book.outside(".site.old-\(dead)-1-0A1B2C3D"), index: "previous")
        try Self.folder(book.outside(".site.new-\(dead)-1-0A1B2C3D"), index: "half written")

        let result = await Self.build(book, output: book.outside("site"), strict: true)

        #expect(!result.wroteSite)
        #expect(result.diagnostics.map(\.id).sorted() == ["image-alt-missing", "image-missing", "output-restored"])
        #expect(BuildInspection.listing(book.root) == ["book", "site"])
        #expect(FileManager.default.contents(atPath: book.outside("site/index.html").path) == Data("previous".utf8))
    }

    /// `kill -9` at some moment of a build: `site/` is there (old or new, whole), and the next
    /// build leaves nothing else beside it.
    @Test func aBuildKilledAtAnyMomentLeavesTheSiteAndNoLeftoverAfterTheNextBuild() async throws {
        guard let binary = Maintainer.requireBinary("(kill -9 during a build)") else { return }
        let book = try TemporaryBook()
        defer { book.remove() }
        let chapters = (1...150).map { "chapter-\($0).md" }
        try book.write("myst.yml", "version: 1\nproject:\n  toc:\n    - file: index.md\n"
                       + chapters.map { "    - file: \($0)\n" }.joined())
        try book.write("index.md", "# Home\n")
        for (number, chapter) in chapters.enumerated() {
            try book.write(chapter, "# Chapter \(number)\n\n" + String(repeating: "Some *text* and `code`.\n\n", count: 200))
        }
        let output = book.outside("site")
        #expect(await Self.build(book, output: output).wroteSite)

        for attempt in 0..<3 {
            try book.write("index.md", "# Home \(attempt)\n")
            let process = Process()
            process.executableURL = binary
            process.arguments = ["build", book.directory.path, "--output", output.path, "--no-cache"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until its staging folder appears (or it ends), then kill it without warning.
            let staging = ".site.new-\(process.processIdentifier)-"
            while process.isRunning, !BuildInspection.listing(book.root).contains(where: { $0.hasPrefix(staging) }) {
                usleep(2_000)
            }
            usleep(UInt32(attempt) * 50_000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let files = BuildInspection.snapshot(output)
            #expect(files["index.html"] != nil && files[".callbook-site"] != nil && files["chapter-150.html"] != nil)
        }
        let last = await Self.build(book, output: output)
        #expect(last.wroteSite)
        #expect(BuildInspection.listing(book.root) == [".site.spare", "book", "site"])
    }

    /// The previous site can be neither set aside (another build's spare is there) nor removed
    /// (a file in it is immutable): the new site is in place and the build says so, with a
    /// warning naming where the old one was left.
    @Test func aPreviousSiteThatCannotBeRemovedIsAWarningAndTheNewSiteIsReported() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n\nFirst.\n")
        let output = book.outside("site")
        #expect(await Self.build(book, output: output).wroteSite)
        try Self.folder(book.outside(".site.spare"), index: "another build's spare")
        let stuck = output.appendingPathComponent("index.html").path
        guard Self.chattr("+i", stuck) else {
            print("note: chattr +i is not available here: skipping the immutable previous site")
            return
        }
        try book.write("index.md", "# Home\n\nSecond.\n")

        var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: output,
                                   themeDirectory: TemporaryBook.themeDirectory)
        options.takesSpare = false
        let result = await Build.run(options)

        let leftover = BuildInspection.listing(book.root).first { $0.hasPrefix(".site.") }
        if let leftover { _ = Self.chattr("-i", book.outside(leftover).appendingPathComponent("index.html").path) }
        _ = Self.chattr("-i", stuck)
        #expect(result.wroteSite)
        #expect(!result.writeFailed)
        #expect(result.diagnostics.map(\.id) == ["previous-site-not-removed"])
        #expect(result.diagnostics.first?.message.contains("the new site is in place") == true)
        let index = String(decoding: FileManager.default.contents(atPath: stuck) ?? Data(), as: UTF8.self)
        #expect(index.contains("Second."))
        #expect(leftover != nil)
    }

    /// A write that fails before the exchange says so, and the output is as it was, also when
    /// pages are written as they are rendered (the new site's folder then cannot be made).
    @Test(arguments: [false, true])
    func aWriteThatFailsBeforeTheExchangeLeavesTheOutputAsItWas(handsPagesOn: Bool) async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n\nFirst.\n")
        let parent = book.outside("out")
        let output = parent.appendingPathComponent("site")
        #expect(await Self.build(book, output: output).wroteSite)
        let before = BuildInspection.snapshot(output)
        guard Self.chattr("+i", parent.path) else {
            print("note: chattr +i is not available here: skipping the failed write")
            return
        }
        try book.write("index.md", "# Home\n\nSecond.\n")

        let result = await Self.build(book, output: output, handsPagesOn: handsPagesOn)

        _ = Self.chattr("-i", parent.path)
        #expect(result.writeFailed)
        #expect(!result.wroteSite)
        #expect(result.diagnostics.map(\.id) == ["write-failed"])
        #expect(BuildInspection.snapshot(output) == before)
        #expect(BuildInspection.listing(parent) == ["site"])
    }

    static func chattr(_ flag: String, _ path: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
