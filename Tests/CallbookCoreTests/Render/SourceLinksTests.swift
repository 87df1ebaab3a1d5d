import CallbookCore
import Foundation
import Testing

/// "Edit this page" and "View source": from the configuration (`_config.yml` `repository`, as
/// Jupyter Book reads it; `myst.yml` `project.github`) and the git checkout the book is in;
/// where the book's place in the repository is unknown, a link to the repository itself.
@Suite struct SourceLinksTests {
    @Test func jupyterBookRepositorySettings() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("_config.yml", "title: T\nrepository:\n  url: https://github.com/org/repo\n  path_to_book: docs/book\n")
        try book.write("_toc.yml", "format: jb-book\nroot: intro\nchapters:\n  - file: part/one\n")
        try book.write("intro.md", "# Intro\n")
        try book.write("part/one.md", "# One\n")
        let page = try #require(BuildInspection.page(await book.build(), "part/one.html"))
        #expect(page.contains(#"<a href="https://github.com/org/repo/edit/master/docs/book/part/one.md">Edit this page</a>"#))
        #expect(page.contains(#"<a href="https://github.com/org/repo/blob/master/docs/book/part/one.md">View source</a>"#))
    }

    @Test func mystGithubWithTheBooksPlaceFromGit() async throws {
        let book = try TemporaryBook(bookFolder: "docs/handbook")
        defer { book.remove() }
        try FileManager.default.createDirectory(at: book.root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("ref: refs/heads/trunk\n".utf8).write(to: book.root.appendingPathComponent(".git/HEAD"))
        try book.write("myst.yml", "version: 1\nproject:\n  github: org/repo\n  toc:\n    - file: index.md\n")
        try book.write("index.md", "# Home\n")
        let page = try #require(BuildInspection.page(await book.build(), "index.html"))
        #expect(page.contains(#"<a href="https://github.com/org/repo/edit/trunk/docs/handbook/index.md">Edit this page</a>"#))
        #expect(page.contains(#"<a href="https://github.com/org/repo/blob/trunk/docs/handbook/index.md">View source</a>"#))
    }

    @Test func withoutTheBooksPlaceTheRepositoryItself() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  github: https://github.com/org/repo/\n  toc:\n    - file: index.md\n")
        try book.write("index.md", "# Home\n")
        let page = try #require(BuildInspection.page(await book.build(), "index.html"))
        #expect(page.contains(#"<p class="page-source"><a href="https://github.com/org/repo">Source repository</a></p>"#))
        #expect(!page.contains("Edit this page"))
    }
}
