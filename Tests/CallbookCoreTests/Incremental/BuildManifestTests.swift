@testable import CallbookCore
import Foundation
import Testing

/// The up-to-date check: a build that finds, from its manifest, that nothing it reads changed
/// writes nothing and reports the last build's diagnostics; any change to what it reads, to
/// the output or to the options that shape the site makes it build.
@Suite("Up-to-date builds from the manifest", .tags(.slow), .skippedWhenFast)
struct BuildManifestTests {
    /// Every file and folder of `folder` with its stamp (links not followed).
    static func stamps(_ folder: URL) -> [String: FileStamp] {
        var result = [".": FileStamp(path: folder.path, followLinks: false)]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let relative = walker?.nextObject() as? String {
            result[relative] = FileStamp(path: folder.path + "/" + relative, followLinks: false)
        }
        return result
    }

    @Test func aSecondBuildWithNothingChangedWritesNothingAndRepeatsTheDiagnostics() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        try book.edit("one/beta.md", "{ref}`ch-alpha`", "{ref}`ch-alhpa`")  // one warning to replay
        let site = book.outside("site")
        let first = await Build.run(book.options(output: site, cache: true))
        #expect(first.wroteSite && !first.upToDate)
        #expect(first.diagnostics.map(\.id).contains("reference-unresolved"))
        #expect(FileManager.default.fileExists(atPath: BuildManifest.file(beside: site).path))
        let before = Self.stamps(site)

        let second = await Build.run(book.options(output: site, cache: true))
        #expect(second.upToDate && !second.wroteSite && !second.fatal)
        #expect(second.diagnostics == first.diagnostics)
        #expect(second.pageCount == first.pageCount && second.renderedPages == 0)
        #expect(second.failed == first.failed)
        #expect(Self.stamps(site) == before, "the up-to-date build touched the output")
    }

    /// Changes the Stepper of `IncrementalBuildCacheTests` does not make: each must be seen.
    @Test func changesBesideTheChaptersAreSeen() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let site = book.outside("site")
        func build(today: Date = Maintainer.today, strict: Bool = false) async -> BuildResult {
            await Build.run(book.options(output: site, cache: true, today: today, strict: strict))
        }
        _ = await build()
        #expect(await build().upToDate)

        // A Markdown file nobody lists appears in a folder: the build warns about it.
        try book.write("two/stray.md", "# Stray\n")
        let stray = await build()
        #expect(!stray.upToDate && stray.diagnostics.map(\.id).contains("toc-unlisted-files"))
        #expect(await build().upToDate)

        // A file written and removed again beside the chapters (an editor's backup): the folder's
        // stamp changes, not its names, and nothing the build reads changed.
        let folderStamp = FileStamp(path: book.directory.appendingPathComponent("two").path)
        try book.write("two/.delta.md.swp", "editor state")
        try FileManager.default.removeItem(at: book.directory.appendingPathComponent("two/.delta.md.swp"))
        #expect(FileStamp(path: book.directory.appendingPathComponent("two").path) != folderStamp)
        #expect(await build().upToDate)

        // A file of the output is edited or removed.
        let beta = site.appendingPathComponent("one/beta.html")
        let betaText = try String(contentsOf: beta, encoding: .utf8)
        try "changed".write(to: beta, atomically: false, encoding: .utf8)
        let repaired = await build()
        #expect(!repaired.upToDate && repaired.renderedPaths == ["one/beta.html"], "the edited page is not trusted")
        #expect(try String(contentsOf: beta, encoding: .utf8) == betaText)
        #expect(await build().upToDate)
        try FileManager.default.removeItem(at: site.appendingPathComponent("search.html"))
        #expect(!(await build()).upToDate)
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("search.html").path))

        // Another day for a book with a calendar, and --strict.
        #expect(!(await build(today: Maintainer.day("2026-12-02"))).upToDate)
        #expect(await build(today: Maintainer.day("2026-12-02")).upToDate)
        #expect(!(await build(today: Maintainer.day("2026-12-02"), strict: true)).upToDate)

        // A build without the cache removes the manifest.
        _ = await Build.run(book.options(output: site, cache: false))
        #expect(!FileManager.default.fileExists(atPath: BuildManifest.file(beside: site).path))
        #expect(!(await build()).upToDate)
    }

    @Test func theDayOnlyMattersToABookWithACalendar() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Days\n  toc:\n    - file: index.md\n")
        try book.write("index.md", "# Home\n")
        let site = book.outside("site")
        var options = BuildOptions(bookDirectory: book.directory, output: site, themeDirectory: TemporaryBook.themeDirectory,
                                   today: Maintainer.day("2026-12-01"), stamp: Maintainer.day("2026-12-01"))
        options.cacheFile = BuildCache.file(beside: site)
        #expect(await Build.run(options).wroteSite)
        options.today = Maintainer.day("2027-03-04")
        #expect(await Build.run(options).upToDate)
    }

    /// A file changed within the same tick of the file clock as the last build's look at it
    /// keeps its stamp: its contents' hash decides.
    @Test func aContentHashStandsWhereStampsCannotTell() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let site = book.outside("site")
        let options = book.options(output: site, cache: true)
        _ = await Build.run(options)
        let file = BuildManifest.file(beside: site)
        var manifest = try #require(BuildManifest(text: try String(contentsOf: file, encoding: .utf8)))
        // Just written: the chapters were changed within the racy window, so they have hashes.
        let gamma = book.directory.appendingPathComponent("one/gamma.md").standardizedFileURL.path
        let hash = try #require(manifest.contentHashes[gamma])
        #expect(BuildManifest.upToDate(options.manifestKey(output: site), file: file) != nil)
        manifest.contentHashes[gamma] = hash ^ 1
        try manifest.text.write(to: file, atomically: true, encoding: .utf8)
        #expect(BuildManifest.upToDate(options.manifestKey(output: site), file: file) == nil)
    }

    @Test func textRoundTripsWhateverTheFieldsHold() {
        var manifest = BuildManifest(
            options: ["book /a\tb", "display back\\slash"], calendarZone: "Europe/London", calendarDay: "2026-12-1",
            pageCount: 3, inputs: ["/book/new\nline.md": .absent, "/book/x.md": FileStamp(fields: [1, 2, 33188, 4, 5, 6, 7, 8])],
            outputs: [".": FileStamp(fields: [1, 9, 16877, 4096, 5, 6, 7, 8])],
            diagnostics: [
                .warning("w-id", "a message\twith a tab,\na new line and a \\ backslash",
                         at: SourceRange(file: "a\tb.md", start: SourcePosition(line: 3, column: 4), end: SourcePosition(line: 5, column: 6))),
                .note("config-unused-keys", "no range"),
            ])
        manifest.contentHashes["/book/x.md"] = 0xdead_beef
        manifest.assets = ["_assets/_up/fig\tures/x.png": "/figures/x\\y.png", "logo.svg": "/book/logo.svg"]
        let read = BuildManifest(text: manifest.text)
        #expect(read?.options == manifest.options)
        #expect(read?.calendarZone == "Europe/London" && read?.calendarDay == "2026-12-1")
        #expect(read?.pageCount == 3)
        #expect(read?.inputs == manifest.inputs)
        #expect(read?.outputs == manifest.outputs)
        #expect(read?.contentHashes == manifest.contentHashes)
        #expect(read?.diagnostics == manifest.diagnostics)
        #expect(read?.assets == manifest.assets)
        #expect(manifest.text.split(separator: "\n").count == 1 + 2 + 1 + 1 + 2 + 1 + 2 + 2)
        #expect(BuildManifest(text: "callbook-manifest 0\n") == nil)
        #expect(BuildManifest(text: "callbook-manifest 2\n") == nil)
        #expect(BuildManifest(text: manifest.text.replacingOccurrences(of: "pages\t3", with: "pages\tthree")) == nil)
    }
    /// The manifest's numbers are written by hand into its bytes: as Swift's `String(_:)` and
    /// `String(_:radix: 16)` write them (the oracle), at the edges and at random.
    @Test func numbersWrittenByHandAsSwiftWritesThem() {
        var generator = SystemRandomNumberGenerator()
        var values: [Int64] = [0, 1, -1, 9, 10, -10, .max, .min, 1_764_629_847, -123_456_789]
        for _ in 0..<200 { values.append(Int64.random(in: .min ... .max, using: &generator) >> Int64.random(in: 0...63, using: &generator)) }
        var inputs: [String: FileStamp] = [:]
        var hashes: [String: UInt64] = [:]
        for start in stride(from: 0, to: values.count - 8, by: 3) {
            let path = "/book/\(start).md"
            inputs[path] = FileStamp(fields: Array(values[start..<start + 8]))
            hashes[path] = UInt64(bitPattern: values[start]) &* 0x9E37_79B9_7F4A_7C15
        }
        var manifest = BuildManifest(options: [], calendarZone: nil, calendarDay: nil, pageCount: 0, inputs: inputs, outputs: [:],
                                     diagnostics: [])
        manifest.contentHashes = hashes
        let lines = Set(manifest.text.split(separator: "\n").map(String.init))
        for (path, stamp) in inputs {
            let expected = "input\t\(path)\t" + stamp.fields.map { String($0) }.joined(separator: ".") + "\t" + String(hashes[path]!, radix: 16)
            #expect(lines.contains(expected), "\(expected)")
        }
        #expect(BuildManifest(text: manifest.text)?.inputs == inputs)
    }

    /// A path in the site that two assets share tells nothing of which one the site holds: it
    /// is not recorded, and its asset is read again by the next build.
    @Test func anAssetPathTwoSourcesShareIsNotRecorded() {
        let sources = BuildManifest.sources(of: [Asset(source: "/a/x.png", sitePath: "x.png"), Asset(source: "/b/x.png", sitePath: "x.png"),
                                                 Asset(source: "/a/y.png", sitePath: "y.png")])
        #expect(sources == ["y.png": "/a/y.png"])
    }

    /// The manifest's numbers are read by hand from its bytes: as strictly as Swift's own
    /// `Int64(_:)` and `UInt64(_:radix: 16)` read them (the oracle), at the edges and at random.
    @Test func numbersReadByHandAsSwiftReadsThem() {
        var cases = ["0", "7", "-1", "+5", "", "-", "+", "12a", "a12", " 1", "1 ", "--1", "9223372036854775807",
                     "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "00012",
                     "ffffffffffffffff", "10000000000000000", "DEADbeef", "0x10", "g"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefABCDEF-+x ")
        for _ in 0..<2000 {
            cases.append(String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for text in cases {
            var bytes = Array(text.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                let fields = ManifestFields(bytes: UnsafeBufferPointer(buffer), ranges: [0..<0, 0..<buffer.count])
                #expect(fields?.integer(1) == Int64(text), "\(text)")
                // Only a sign-less hexadecimal is written; Swift takes a sign too (`+1`, `-0`), the
                // reader takes none.
                if text.hasPrefix("+") || text.hasPrefix("-") {
                    #expect(fields?.hex(1) == nil, "\(text)")
                } else {
                    #expect(fields?.hex(1) == UInt64(text, radix: 16), "\(text)")
                }
            }
        }
    }

    /// A stamp is eight decimal numbers joined by dots, or `-`: read as splitting at the dots
    /// and `Int64(_:)` read them (the oracle), on stamps written and on random damage.
    @Test func stampsReadAsSplittingAtTheDotsReadsThem() {
        var cases = ["-", "", ".", "1.2.3.4.5.6.7.8", "1.2.3.4.5.6.7", "1.2.3.4.5.6.7.8.9", "1.2.3.4.5.6.7.8.",
                     ".1.2.3.4.5.6.7.8", "1..3.4.5.6.7.8", "-1.-2.3.4.5.6.7.8", "+1.2.3.4.5.6.7.8", "1.2.3.4.5.6.7.x",
                     "9223372036854775807.2.3.4.5.6.7.8", "9223372036854775808.2.3.4.5.6.7.8", "--"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789.-+x")
        for _ in 0..<3000 {
            let stamp = FileStamp(fields: (0..<8).map { _ in Int64.random(in: Int64.min...Int64.max, using: &generator) >> Int64.random(in: 0...63, using: &generator) })
            var text = Array(stamp.fields.map(String.init).joined(separator: "."))
            if Bool.random(using: &generator), !text.isEmpty {
                text[Int.random(in: 0..<text.count, using: &generator)] = alphabet.randomElement(using: &generator)!
            }
            cases.append(String(text))
        }
        for text in cases {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int64($0) }
            let expected: FileStamp? = text == "-" ? .absent
                : parts.count == 8 && parts.allSatisfy { $0 != nil } ? FileStamp(fields: parts.map { $0! }) : nil
            var bytes = Array(text.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                let fields = ManifestFields(bytes: UnsafeBufferPointer(buffer), ranges: [0..<0, 0..<buffer.count])
                #expect(fields?.stamp(1) == expected, "\(text)")
            }
        }
    }

}
