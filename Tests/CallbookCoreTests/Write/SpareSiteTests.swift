@testable import CallbookCore
import Foundation
import Testing

/// After the exchange the previous site is set aside beside the output (`.<output>.spare`), and
/// the next build makes its site in it: what it needs is replaced, what it does not is removed.
/// Every step is checked against a clean build in a new folder (every file, link and folder),
/// also after things are planted in the spare: files, folders, a file where a folder must go, a
/// folder where a file must go, a link to a folder outside (never followed).
@Suite(.tags(.slow), .skippedWhenFast) struct SpareSiteTests {
    /// Every entry under `root`: relative path → what it is (a folder, a link and where it
    /// points, or a file's bytes).
    static func tree(_ root: URL) -> [String: String] {
        var entries: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [:] }
        for case let relative as String in walker {
            let path = root.appendingPathComponent(relative).path
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            switch status.st_mode & S_IFMT {
            case S_IFDIR: entries[relative] = "folder"
            case S_IFLNK: entries[relative] = "link → " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")
            default: entries[relative] = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            }
        }
        return entries
    }

    @Test(arguments: [false, true])
    func aSiteMadeInTheSpareIsTheSiteACleanBuildMakes(handsPagesOn: Bool) async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        func toc(_ files: [String]) throws {
            try book.write("myst.yml", "version: 1\nproject:\n  title: Spare\n  toc:\n" + files.map { "    - file: \($0)\n" }.joined())
        }
        try toc(["a.md", "sub/b.md", "sub/deep/c.md"])
        try book.write("a.md", "# A\n\n![A figure](figure.svg)\n")
        try book.write("figure.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        try book.write("sub/b.md", "# B\n\nSee [A](../a.md).\n")
        try book.write("sub/deep/c.md", "# C\n")
        let site = book.outside("site"), spare = book.outside(".site.spare"), decoy = book.outside("decoy")
        try FileManager.default.createDirectory(at: decoy, withIntermediateDirectories: true)
        try "untouched".write(to: decoy.appendingPathComponent("keep.txt"), atomically: false, encoding: .utf8)
        var count = 0
        func step(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async {
            count += 1
            var options = BuildOptions(bookDirectory: book.directory, output: site, themeDirectory: TemporaryBook.themeDirectory,
                                       today: Maintainer.day("2026-12-01"))
            options.cacheFile = BuildCache.file(beside: site)
            options.handsPagesOn = handsPagesOn
            let result = await Build.run(options)
            #expect(result.wroteSite && !result.writeFailed, "\(name): \(result.diagnostics)", sourceLocation: sourceLocation)
            let clean = book.outside("clean-\(count)")
            defer { try? FileManager.default.removeItem(at: clean) }
            var cleanOptions = options
            cleanOptions.output = clean
            cleanOptions.cacheFile = nil
            cleanOptions.takesSpare = false
            _ = await Build.run(cleanOptions)
            let (made, expected) = (Self.tree(site), Self.tree(clean))
            let differing = Set(made.keys).union(expected.keys).filter { made[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "\(name): differs from a clean build at \(differing)", sourceLocation: sourceLocation)
            // The previous site (after the first build) is the spare now; the one taken is gone.
            #expect(BuildInspection.listing(book.root).filter { $0.hasPrefix(".site") } == (count == 1 ? [] : [".site.spare"]),
                    "\(name): beside the output: \(BuildInspection.listing(book.root))", sourceLocation: sourceLocation)
            #expect(BuildInspection.listing(decoy) == ["keep.txt"], "\(name): the decoy folder changed", sourceLocation: sourceLocation)
        }
        await step("first build (no previous site: no spare)")
        try book.write("a.md", "# A\n\nEdited.\n\n![A figure](figure.svg)\n")
        await step("a edited: the first site is set aside")
        try book.write("sub/b.md", "# B\n\nSee [A](../a.md), edited.\n")
        await step("b edited: the site is made in the spare")

        // c and its folder go: the spare's copies of them must go too.
        try toc(["a.md", "sub/b.md"])
        try FileManager.default.removeItem(at: book.directory.appendingPathComponent("sub/deep"))
        await step("c and its folder removed")

        // Things planted in the spare, and a figure that changes.
        try "stray".write(to: spare.appendingPathComponent("stray.txt"), atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(at: spare.appendingPathComponent("extra/inner"), withIntermediateDirectories: true)
        try "stray".write(to: spare.appendingPathComponent("extra/inner/x.html"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: spare.appendingPathComponent("sub/outside"), withDestinationURL: decoy)
        try FileManager.default.removeItem(at: spare.appendingPathComponent("a.html"))
        try FileManager.default.createDirectory(at: spare.appendingPathComponent("a.html/inner"), withIntermediateDirectories: true)
        try "stray".write(to: spare.appendingPathComponent("a.html/inner/y.txt"), atomically: false, encoding: .utf8)
        try "a file where a folder goes".write(to: spare.appendingPathComponent("d"), atomically: false, encoding: .utf8)
        try toc(["a.md", "sub/b.md", "d/e.md"])
        try book.write("d/e.md", "# E\n")
        try book.write("figure.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\"/>\n")
        await step("files, folders and a link planted in the spare; a new page where the spare has a file")

        // The spare's `sub` is a link to the decoy: never followed, replaced by a folder.
        try FileManager.default.removeItem(at: spare.appendingPathComponent("sub"))
        try FileManager.default.createSymbolicLink(at: spare.appendingPathComponent("sub"), withDestinationURL: decoy)
        try book.write("sub/b.md", "# B\n\nSee [A](../a.md), edited twice.\n")
        await step("a folder of the spare replaced by a link to a folder outside")

        // Not a folder at all: the spare is set aside, a new folder made.
        try FileManager.default.removeItem(at: spare)
        try "not a site".write(to: spare, atomically: false, encoding: .utf8)
        try book.write("a.md", "# A\n\nEdited again.\n\n![A figure](figure.svg)\n")
        await step("a file where the spare goes")
    }

    /// A spare the new site cannot be made in (a file in it is immutable, so it can be neither
    /// written nor removed): the build runs again in a folder of its own and succeeds.
    @Test func aSpareThatCannotBeUsedMakesTheBuildUseANewFolder() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n\nFirst.\n")
        let output = book.outside("site")
        let options = BuildOptions(bookDirectory: book.directory, output: output, themeDirectory: TemporaryBook.themeDirectory)
        #expect(await Build.run(options).wroteSite)
        let stuck = output.appendingPathComponent("index.html").path
        guard WriteSwapTests.chattr("+i", stuck) else {
            print("note: chattr +i is not available here: skipping the immutable spare")
            return
        }
        defer {
            for leftover in BuildInspection.listing(book.root) where leftover.hasPrefix(".site.") {
                _ = WriteSwapTests.chattr("-i", book.outside(leftover).appendingPathComponent("index.html").path)
            }
            _ = WriteSwapTests.chattr("-i", stuck)
        }
        try book.write("index.md", "# Home\n\nSecond.\n")
        let second = await Build.run(options)
        #expect(second.wroteSite && second.diagnostics.isEmpty, "\(second.diagnostics)")
        #expect(BuildInspection.listing(book.root).contains(".site.spare"))

        try book.write("index.md", "# Home\n\nThird.\n")
        let third = await Build.run(options)
        #expect(third.wroteSite && !third.writeFailed, "\(third.diagnostics)")
        #expect(!third.diagnostics.contains { $0.severity == .error }, "\(third.diagnostics)")
        let index = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("Third."))
    }
}
