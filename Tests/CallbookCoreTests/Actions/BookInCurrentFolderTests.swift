import CallbookCore
import Foundation
import Testing

/// `callbook build` / `check` / `serve` without BOOK: the current folder when it holds
/// myst.yml or _toc.yml, built into `_build/html` inside it; else `content` into `site`.
@Suite("a book in the current folder", .tags(.slow), .skippedWhenFast)
struct BookInCurrentFolderTests {
    static func scratch() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("callbook-here-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test("where the book, its output and its caches are, with and without BOOK and --output")
    func locations() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let book = root.appendingPathComponent("mybook")
        try FileManager.default.createDirectory(at: book, withIntermediateDirectories: true)

        // No book files here: this repository's own default, content → site.
        let plain = BookLocation.resolve(book: nil, output: nil, in: root)
        #expect(plain.directory.path == root.appendingPathComponent("content").path)
        #expect(plain.displayRoot == "content" && plain.outputName == "site")
        #expect(plain.output.path == root.appendingPathComponent("site").path)
        #expect(plain.linkCache.path == root.appendingPathComponent(".callbook-cache/links.json").path)

        for marker in ["myst.yml", "_toc.yml"] {
            let folder = root.appendingPathComponent("with-" + marker)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("{}\n".utf8).write(to: folder.appendingPathComponent(marker))
            let found = BookLocation.resolve(book: nil, output: nil, in: folder)
            #expect(found.directory.path == folder.path, "\(marker)")
            #expect(found.displayRoot == "." && found.outputName == "_build/html", "\(marker)")
            #expect(found.output.path == folder.appendingPathComponent("_build/html").path, "\(marker)")
            #expect(found.linkCache.path == folder.appendingPathComponent("_build/.callbook-cache/links.json").path, "\(marker)")
            // --output still wins; a BOOK named on the command line keeps the old defaults.
            #expect(BookLocation.resolve(book: nil, output: "elsewhere", in: folder).output.path == folder.appendingPathComponent("elsewhere").path)
            let named = BookLocation.resolve(book: "content", output: nil, in: folder)
            #expect(named.displayRoot == "content" && named.outputName == "site")
        }
        let explicit = BookLocation.resolve(book: "mybook", output: "out", in: root)
        #expect(explicit.directory.path == book.path && explicit.output.path == root.appendingPathComponent("out").path)
    }

    @Test("init, then build --strict and check from inside the book: the site in _build/html, ignored by git, never read as chapters")
    func initThenBuildInside() throws {
        guard let binary = Maintainer.requireBinary("(callbook build in the book's folder)") else { return }
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let created = try Maintainer.run(binary, ["init", "mybook"], in: root)
        #expect(created.status == 0, "stderr: \(created.stderr)")
        #expect(created.stderr.contains("cd mybook && callbook build"), "stderr: \(created.stderr)")
        #expect(created.stdout.isEmpty, "stdout: \(created.stdout)")
        let book = root.appendingPathComponent("mybook")
        let ignore = try String(contentsOf: book.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignore.split(separator: "\n").contains("_build/"), ".gitignore: \(ignore)")

        let first = try Maintainer.run(binary, ["build", "--strict", "--today", "2026-11-27"], in: book)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("Built _build/html/: 2 pages, 0 warnings, 0 errors in "), "stderr: \(first.stderr)")
        for file in ["_build/html/index.html", "_build/html/calls/weekly.html", "_build/html/.callbook-site", "_build/.callbook-cache/html.keys"] {
            #expect(FileManager.default.fileExists(atPath: book.appendingPathComponent(file).path), "no \(file)")
        }
        // Nothing else appears beside the book, and a Markdown file in _build/ is no chapter:
        // the second build (which replaces the first) stays strict-clean.
        #expect(BuildInspection.listing(root) == ["mybook"])
        try Data("# Stray\n".utf8).write(to: book.appendingPathComponent("_build/html/stray.md"))
        let second = try Maintainer.run(binary, ["build", "--strict", "--today", "2026-11-27"], in: book)
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(!second.stderr.contains("stray"), "stderr: \(second.stderr)")

        let check = try Maintainer.run(binary, ["check", "--strict"], in: book)
        #expect(check.status == 0, "stderr: \(check.stderr)")
        #expect(check.stderr.contains("Check passed: 2 pages checked: 0 warnings, 0 errors"), "stderr: \(check.stderr)")
    }

    @Test("diagnostics of a book found in the current folder name its files by their own paths")
    func diagnosticPathsInside() throws {
        guard let binary = Maintainer.requireBinary("(callbook check in the book's folder)") else { return }
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("_toc.yml", "format: jb-book\nroot: index\n")
        try book.write("index.md", "# Home\n\n![A plan](missing.png)\n")
        let run = try Maintainer.run(binary, ["check"], in: book.directory)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("\nindex.md:3:1: warning: ") || run.stderr.hasPrefix("index.md:3:1: warning: "), "stderr: \(run.stderr)")
    }

    @Test("only _build/ may hold the output inside the book; any other folder in it is still refused")
    func onlyBuildFolderInsideTheBook() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        let inBuild = await book.build(output: book.directory.appendingPathComponent("_build/html"))
        #expect(inBuild.wroteSite, "\(BuildInspection.describe(inBuild.diagnostics))")
        let elsewhere = await book.build(output: book.directory.appendingPathComponent("site"))
        #expect(!elsewhere.wroteSite && elsewhere.outputRefused)
        #expect(elsewhere.diagnostics.contains { $0.id == "output-inside-book" })
        // Nothing in _build/ is read back as a chapter.
        try book.write("_build/html/stray.md", "# Stray\n")
        let again = await book.build(output: book.directory.appendingPathComponent("_build/html"))
        #expect(again.pageCount == 1 && again.diagnostics.isEmpty, "\(BuildInspection.describe(again.diagnostics))")
    }

    @Test("in a folder that is no book and has no content/, the build says which folder it tried and why")
    func noBookHere() throws {
        guard let binary = Maintainer.requireBinary("(callbook build in a folder with no book)") else { return }
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Maintainer.run(binary, ["build"], in: root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("callbook: error: book folder 'content' does not exist [book-missing]"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("callbook: note: no book folder was named and the current folder holds no myst.yml or _toc.yml, so 'content' was tried"), "stderr: \(run.stderr)")
        #expect(BuildInspection.listing(root).isEmpty, "the build wrote \(BuildInspection.listing(root))")
        // A book named on the command line gets no such note.
        let named = try Maintainer.run(binary, ["build", "nothing-here"], in: root)
        #expect(named.status == 1 && !named.stderr.contains("note:"), "stderr: \(named.stderr)")
    }
}
