import CallbookCore
import Foundation
import Testing

/// The whole pipeline on the two real books: one page per chapter, at the path mirroring its
/// source, an `index.html`, and no errors. Output goes to a temporary folder, never the corpus.
@Suite(.enabled(if: SharedData.isAvailable), .tags(.slow), .skippedWhenFast)
struct CorpusBuildTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var folder: String
        var chapters: Int
        var firstPage: String
        /// Errors that are real problems of the data (see the test).
        var expectedErrors: Int
        var testDescription: String { folder }
    }

    static let corpora = [
        Expectation(folder: "corpus/turing-way/website", chapters: 478, firstPage: "index.html", expectedErrors: 11),
        Expectation(folder: "corpus/turing-way-2021/website", chapters: 209, firstPage: "welcome.html", expectedErrors: 1),
    ]

    @Test(arguments: corpora)
    func corpusBuildsOnePagePerChapter(_ corpus: Expectation) async throws {
        let folder = try SharedData.path(corpus.folder)
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("callbook-corpus-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("site")
        let corpusBefore = BuildInspection.snapshot(folder).keys.sorted()

        let result = await Build.run(BuildOptions(bookDirectory: folder, displayRoot: "website", output: output,
                                                  themeDirectory: TemporaryBook.themeDirectory))

        let errors = BuildInspection.errors(result.diagnostics)
        // The only errors are real problems of the data: the 2025 book `{include}`s files from
        // its repository's root (CODE_OF_CONDUCT.md, …) that the corpus does not hold, and the
        // 2021 book defines the label `first-pull-request` twice. The site is still written.
        #expect(errors.allSatisfy { $0.id == "include-missing" || $0.id == "duplicate-label" },
                "\(BuildInspection.describe(errors))")
        #expect(errors.count == corpus.expectedErrors, "\(BuildInspection.describe(errors))")
        // Every file the books read (`../../figures`, included files) lies in their project root.
        let confinement = result.diagnostics.filter { ["read-outside-root", "folder-loop", "folder-outside-root"].contains($0.id) }
        #expect(confinement.isEmpty, "\(BuildInspection.describe(confinement))")
        #expect(result.wroteSite)
        // Every step is timed: the pipeline's stages in their order, and the steps between them.
        let stages = result.stageTimes.map(\.stage)
        #expect(stages.filter { ["load", "parse", "resolve", "render", "generate", "write"].contains($0) }
                == ["load", "parse", "resolve", "render", "generate", "write"], "\(stages)")
        #expect(["theme (waited for)", "bibliography", "git dates"].allSatisfy(stages.contains), "\(stages)")
        #expect(result.pageCount == corpus.chapters)
        // Every warning says where it comes from.
        let unplaced = result.diagnostics.filter { $0.range == nil }
        #expect(unplaced.isEmpty, "\(BuildInspection.describe(unplaced))")

        // One page per chapter, at the path mirroring the source (`a/b.md` → `a/b.html`).
        let (book, _) = try BookLoader(directory: folder, displayRoot: "website").load()
        #expect(book.chapters.count == corpus.chapters)
        let expectedPages = book.chapters.map { String($0.path.dropLast(3)) + ".html" }
        let extraIndex = corpus.firstPage == "index.html" ? 0 : 1
        let renderedPages = result.site?.pages.map(\.path) ?? []
        #expect(renderedPages.count == corpus.chapters + extraIndex)
        #expect(Set(renderedPages) == Set(expectedPages + ["index.html"]))
        // The corpus folder is not written to.
        #expect(BuildInspection.snapshot(folder).keys.sorted() == corpusBefore)
        guard result.wroteSite else { return }

        let fileManager = FileManager.default
        let missing = expectedPages.filter { !fileManager.fileExists(atPath: output.appendingPathComponent($0).path) }
        #expect(missing.isEmpty, "pages not written: \(missing.prefix(10))")
        // Besides the chapters: the search page and the 404 page.
        let written = BuildInspection.snapshot(output).keys.filter { $0.hasSuffix(".html") }
        #expect(written.count == corpus.chapters + extraIndex + 2)
        #expect(Set(written) == Set(expectedPages + ["index.html", "search.html", "404.html"]))

        // index.html exists; when the book does not start at index.md it leads to the first page.
        let index = try #require(fileManager.contents(atPath: output.appendingPathComponent("index.html").path))
        let indexHTML = String(decoding: index, as: UTF8.self)
        if corpus.firstPage != "index.html" {
            #expect(indexHTML.contains(#"url=\#(corpus.firstPage)""#))
        } else {
            #expect(indexHTML.contains(#"<nav class="sidebar""#))
        }
        #expect(fileManager.fileExists(atPath: output.appendingPathComponent("_static/style.css").path))

        // A nested page links its stylesheet relative to itself.
        let deep = try #require(book.chapters.first { $0.path.split(separator: "/").count == 3 })
        let deepHTML = String(decoding: try #require(fileManager.contents(
            atPath: output.appendingPathComponent(String(deep.path.dropLast(3)) + ".html").path)), as: UTF8.self)
        #expect(deepHTML.contains(#"href="../../_static/style.css""#))

        #expect(BuildInspection.listing(scratch) == ["site"])
    }
}
