@testable import CallbookCore
import Foundation
import Testing

/// Helpers for the Resolve suites: a temporary book from a table of contents and files,
/// resolved through the library (Load → Parse → Resolve) or built with the default theme.
enum ResolveFixture {
    /// A book in `<tmp>/book` whose `myst.yml` lists `toc` (book-relative chapter paths, in
    /// reading order) and that holds `files` (path → text). The caller removes it.
    static func book(toc: [String], files: [String: String], title: String = "Resolve") throws -> TemporaryBook {
        let book = try TemporaryBook()
        let entries = toc.map { "    - file: \($0)" }.joined(separator: "\n")
        try book.write("myst.yml", "version: 1\nproject:\n  title: \(title)\n  toc:\n\(entries)\n")
        for (path, text) in files { try book.write(path, text) }
        return book
    }

    /// Loads, parses and resolves the book.
    static func resolve(_ book: TemporaryBook) async throws -> ResolvedBook {
        let (loaded, _) = try book.load()
        let chapters = await ChapterParser(files: loaded.files).parse(loaded.chapters)
        return await BookResolver().resolve(loaded, chapters: chapters)
    }

    /// The chapter body (`<article class="chapter">…</article>`) of a built page.
    static func body(_ result: BuildResult, _ page: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let html = try #require(BuildInspection.page(result, page), "no page \(page)", sourceLocation: sourceLocation)
        return try #require(BuildInspection.section(html, tag: "article", class: "chapter"),
                            "no <article class=\"chapter\"> in \(page)", sourceLocation: sourceLocation)
    }

    /// The `<a>` elements of `html` as (href, text) pairs, leaving out heading permalinks.
    static func links(_ html: String) -> [(href: String, text: String)] {
        BuildInspection.anchors(html)
            .filter { $0.attributes["class"] != "headerlink" }
            .map { ($0.attributes["href"] ?? "", $0.text) }
    }

    /// The texts of the links of `html` that go to `href`.
    static func texts(_ html: String, href: String) -> [String] {
        links(html).filter { $0.href == href }.map(\.text)
    }

    /// The diagnostics with the given id.
    static func diagnostics(_ all: [Diagnostic], _ id: String) -> [Diagnostic] {
        all.filter { $0.id == id }
    }

    /// Diagnostics from references and labels (not from parsing or assets).
    static let referenceIDs: Set<String> = ["reference-unresolved", "duplicate-label", "link-anchor-missing", "link-not-a-page"]

    static func referenceDiagnostics(_ all: [Diagnostic]) -> [Diagnostic] {
        all.filter { referenceIDs.contains($0.id) }
    }
}

extension ResolvedBook {
    /// The chapter whose source is `path` (book-relative, e.g. `a/alpha.md`).
    func chapter(_ path: String) -> ResolvedChapter? {
        chapters.first { $0.path == path }
    }

    /// The target a label names in the book index.
    func target(_ label: String) -> Target? {
        index.target(label)
    }
}
