import CallbookCore
import Foundation
import Testing

/// `IncrementalBuilder`, the engine of `callbook serve`: repeated builds in one process that
/// write changed files in place, keeping the last good site when a build cannot be done.
@Suite("IncrementalBuilder (serve's engine)")
struct IncrementalBuilderTests {
    static func cleanDifferences(_ book: MaintainerBook, _ output: URL, name: String) async -> [String] {
        let clean = book.outside("clean-\(name)")
        defer { try? FileManager.default.removeItem(at: clean) }
        let result = await Build.run(book.options(output: clean, cache: false))
        #expect(result.wroteSite, "the clean build failed")
        return Maintainer.differences(output, clean)
    }

    @Test("an edit re-renders and rewrites one page; the output equals a clean build")
    func editRewritesOnlyThatPage() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let output = book.outside("live")
        let builder = IncrementalBuilder(options: book.options(output: output, cache: false))

        let first = await builder.build()
        #expect(first.wroteSite && BuildInspection.problems(first.diagnostics).isEmpty, "\(BuildInspection.describe(first.diagnostics))")
        #expect(first.renderedPages == 6)
        var differences = await Self.cleanDifferences(book, output, name: "first")
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")

        Maintainer.ageFiles(output)
        let unchanged = await builder.build()
        #expect(unchanged.renderedPages == 0)
        #expect(Maintainer.touchedFiles(output).isEmpty, "a build with nothing changed wrote \(Maintainer.touchedFiles(output).sorted())")

        try book.edit("one/gamma.md", "version one", "version two, a little longer")
        let second = await builder.build(changed: [book.directory.appendingPathComponent("one/gamma.md").path])
        #expect(second.wroteSite && BuildInspection.problems(second.diagnostics).isEmpty, "\(BuildInspection.describe(second.diagnostics))")
        #expect(second.renderedPages == 1)
        #expect(second.renderedPaths == ["one/gamma.html"])
        let touched = Maintainer.touchedFiles(output)
        #expect(touched.intersection(MaintainerBook.pages) == ["one/gamma.html"], "pages written: \(touched.sorted())")
        // Besides the page, only files whose contents change may be written (the search index
        // and the chunk of section text that holds the page's).
        #expect(touched.filter { !$0.hasPrefix("_static/search/text-") }.isSubset(of: ["one/gamma.html", "_static/search-index.js"]),
                "files written: \(touched.sorted())")
        differences = await Self.cleanDifferences(book, output, name: "second")
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test("a save that changes nothing is reported as the last build, and nothing is done or written")
    func aSaveWithoutAChangeDoesNothing() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let output = book.outside("live")
        let builder = IncrementalBuilder(options: book.options(output: output, cache: false))
        let gamma = book.directory.appendingPathComponent("one/gamma.md").path
        try book.edit("one/beta.md", "{ref}`ch-alpha`", "{ref}`ch-alhpa`")  // a warning to report again
        let first = await builder.build()
        #expect(first.wroteSite && first.diagnostics.warningCount == 1, "\(BuildInspection.describe(first.diagnostics))")

        // Saved again with the same text: a new modification time, the same bytes.
        Maintainer.ageFiles(output)
        try book.write("one/gamma.md", try book.read("one/gamma.md"))
        let same = await builder.build(changed: [gamma])
        #expect(same.renderedPages == 0 && same.wroteSite && same.pageCount == first.pageCount)
        #expect(same.diagnostics == first.diagnostics)
        #expect(same.stageTimes.map(\.stage) == ["unchanged check"])
        #expect(Maintainer.touchedFiles(output).isEmpty, "wrote \(Maintainer.touchedFiles(output).sorted())")

        // A real change is still built, and after it a save without a change reports it.
        try book.edit("one/gamma.md", "version one", "version two")
        let changed = await builder.build(changed: [gamma])
        #expect(changed.renderedPaths == ["one/gamma.html"])
        try book.edit("one/beta.md", "{ref}`ch-alhpa`", "{ref}`ch-alpha`")
        let fixed = await builder.build(changed: [book.directory.appendingPathComponent("one/beta.md").path])
        #expect(fixed.diagnostics.warningCount == 0, "\(BuildInspection.describe(fixed.diagnostics))")
        let again = await builder.build(changed: [gamma])
        #expect(again.renderedPages == 0 && again.diagnostics.warningCount == 0)
        let differences = await Self.cleanDifferences(book, output, name: "same")
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test("a fatal error (broken myst.yml) keeps the last good site; fixing it builds again")
    func fatalErrorKeepsTheLastGoodSite() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let output = book.outside("live")
        let builder = IncrementalBuilder(options: book.options(output: output, cache: false))
        let first = await builder.build()
        #expect(first.wroteSite)

        try book.edit("one/gamma.md", "version one", "version two")
        let good = await builder.build()
        #expect(good.renderedPaths == ["one/gamma.html"])
        let lastGood = Maintainer.files(output)

        try book.edit("myst.yml", "toc:", "toc: [\n")
        try book.edit("one/beta.md", "Beta follows", "Beta, edited while broken, follows")
        let broken = await builder.build()
        #expect(broken.fatal && !broken.wroteSite, "\(BuildInspection.describe(broken.diagnostics))")
        #expect(broken.diagnostics.contains { $0.severity == .error }, "no error reported")
        #expect(Maintainer.files(output) == lastGood, "the failed build changed the served site")

        try book.edit("myst.yml", "toc: [\n", "toc:")
        let fixed = await builder.build()
        #expect(fixed.wroteSite && BuildInspection.problems(fixed.diagnostics).isEmpty, "\(BuildInspection.describe(fixed.diagnostics))")
        #expect(fixed.renderedPaths == ["one/beta.html"])
        let differences = await Self.cleanDifferences(book, output, name: "fixed")
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test("an edit to a file included by an included file re-parses and re-renders the chapter")
    func nestedIncludeEdit() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        try book.write("snippets/snippet.md", "The snippet, version one.\n\n```{include} inner.md\n```\n")
        try book.write("snippets/inner.md", "The inner text, version one.\n")
        let output = book.outside("live")
        let builder = IncrementalBuilder(options: book.options(output: output, cache: false))
        let first = await builder.build()
        #expect(BuildInspection.problems(first.diagnostics).isEmpty, "\(BuildInspection.describe(first.diagnostics))")
        try book.edit("snippets/inner.md", "version one", "version two")
        let second = await builder.build()
        #expect(second.renderedPaths == ["two/delta.html"])
        let delta = try String(contentsOf: output.appendingPathComponent("two/delta.html"), encoding: .utf8)
        #expect(delta.contains("The inner text, version two."))
        let differences = await Self.cleanDifferences(book, output, name: "nested")
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test("an edit to a referenced section's first paragraph re-renders the pages that preview it")
    func previewedParagraphEdit() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let output = book.outside("live")
        let builder = IncrementalBuilder(options: book.options(output: output, cache: false))
        _ = await builder.build()
        // delta references sec-alpha-detail, whose first paragraph its preview shows; no label changes.
        try book.edit("one/alpha.md", "Details of alpha.", "Details of alpha, revised.")
        let result = await builder.build(changed: [book.directory.appendingPathComponent("one/alpha.md").path])
        #expect(result.wroteSite && BuildInspection.problems(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.renderedPaths == ["one/alpha.html", "two/delta.html"])
        let delta = try String(contentsOf: output.appendingPathComponent("two/delta.html"), encoding: .utf8)
        #expect(delta.contains("Details of alpha, revised."))
        let differences = await Self.cleanDifferences(book, output, name: "preview")
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test("a figure edited to contents of the same size is copied again")
    func sameSizeAssetEdit() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let output = book.outside("live")
        let builder = IncrementalBuilder(options: book.options(output: output, cache: false))
        _ = await builder.build()
        // Same number of bytes, another colour.
        try book.edit("figures/map.svg", "#f0a030", "#3070d0")
        let result = await builder.build()
        #expect(result.wroteSite)
        do {
            let differences = await Self.cleanDifferences(book, output, name: "asset")
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        }
    }

    @Test("a chapter removed from the book disappears from the served site")
    func removedChapterDisappears() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let output = book.outside("live")
        let builder = IncrementalBuilder(options: book.options(output: output, cache: false))
        _ = await builder.build()
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("one/beta.html").path))
        try book.edit("myst.yml", "\n          children:\n            - file: one/beta.md\n", "\n")
        try FileManager.default.removeItem(at: book.directory.appendingPathComponent("one/beta.md"))
        let result = await builder.build()
        #expect(result.wroteSite && result.pageCount == 5, "\(BuildInspection.describe(result.diagnostics))")
        do {
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("one/beta.html").path))
            let differences = await Self.cleanDifferences(book, output, name: "removed")
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        }
    }
}
