import CallbookCore
import Foundation
import Testing

/// Bad input to the Load stage: each problem gives one diagnostic with a stable id, at the
/// file, line and column it comes from.
@Suite struct LoadErrorTests {
    /// Runs `body` expecting a `CallbookError`, and returns its diagnostic.
    static func thrownDiagnostic(_ body: () throws -> Void) -> Diagnostic? {
        do {
            try body()
            return nil
        } catch let error as CallbookError {
            return error.diagnostic
        } catch {
            Issue.record("expected a CallbookError, got \(error)")
            return nil
        }
    }

    @Test func mystTOCNamingAMissingFileIsAnErrorAtTheEntry() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", """
            version: 1
            project:
              toc:
                - file: index.md
                - file: missing.md
                  title: Gone
                  children:
                    - file: child.md
                - file: last.md

            """)
        try book.write("index.md", "# Home\n")
        try book.write("child.md", "# Child\n")
        try book.write("last.md", "# Last\n")

        let (loaded, diagnostics) = try book.load()
        #expect(diagnostics.count == 1, "\(BuildInspection.describe(diagnostics))")
        let error = try #require(diagnostics.first)
        #expect(error.id == "toc-missing-file")
        #expect(error.severity == .error)
        #expect(error.range?.file == "book/myst.yml")
        #expect(error.range?.start == SourcePosition(line: 5, column: 7))
        #expect(error.message.contains("missing.md"))
        // The other chapters still load; the missing entry's children move up in its place.
        #expect(loaded.chapters.map(\.path) == ["index.md", "child.md", "last.md"])
        #expect(loaded.toc.testShape == ["chapter:index.md", "chapter:child.md", "chapter:last.md"])
    }

    @Test func jupyterBookTOCNamingAMissingFileIsAnErrorAtTheEntry() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("_toc.yml", """
            format: jb-book
            root: intro
            chapters:
              - file: present
              - file: chapters/nothere
                title: Not Here

            """)
        try book.write("intro.md", "# Intro\n")
        try book.write("present.md", "# Present\n")

        let (loaded, diagnostics) = try book.load()
        #expect(diagnostics.count == 1, "\(BuildInspection.describe(diagnostics))")
        let error = try #require(diagnostics.first)
        #expect(error.id == "toc-missing-file")
        #expect(error.severity == .error)
        #expect(error.range?.file == "book/_toc.yml")
        #expect(error.range?.start == SourcePosition(line: 5, column: 5))
        // Named as the file it looked for: the extension Jupyter Book leaves out is added.
        #expect(error.message.contains("'chapters/nothere.md'"))
        #expect(loaded.chapters.map(\.path) == ["intro.md", "present.md"])
    }

    @Test func legacyTOCNamingAMissingRootFileIsAnErrorAtTheEntry() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("_toc.yml", "- file: welcome\n- file: gone\n  sections:\n  - file: kept\n")
        try book.write("kept.md", "# Kept\n")
        try book.write("gone.markdown", "# wrong extension\n")

        let (loaded, diagnostics) = try book.load()
        #expect(diagnostics.map(\.id) == ["toc-missing-file", "toc-missing-file"])
        #expect(diagnostics.map { $0.range?.description ?? "" } == ["book/_toc.yml:1:3", "book/_toc.yml:2:3"])
        #expect(loaded.chapters.map(\.path) == ["kept.md"])
    }

    @Test func mystYAMLSyntaxErrorHasLineAndColumn() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        // Line 3, column 16 is the second `:` of `title: Broken: yes`.
        try book.write("myst.yml", "version: 1\nproject:\n  title: Broken: yes\n  toc:\n    - file: index.md\n")
        try book.write("index.md", "# Home\n")

        let diagnostic = try #require(Self.thrownDiagnostic { _ = try book.load() })
        #expect(diagnostic.id == "yaml-syntax")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range?.description == "book/myst.yml:3:16")
    }

    @Test func mystYAMLSyntaxErrorFurtherDownHasLineAndColumn() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        // An unclosed flow sequence: the parser expects ',' or ']' and meets the ':' of line 6
        // (PyYAML reports the same place: line 6, column 11).
        try book.write("myst.yml", """
            version: 1
            project:
              toc:
                - file: index.md
                - file: [a.md
                - file: b.md

            """)
        try book.write("index.md", "# Home\n")

        let diagnostic = try #require(Self.thrownDiagnostic { _ = try book.load() })
        #expect(diagnostic.id == "yaml-syntax")
        #expect(diagnostic.range?.file == "book/myst.yml")
        #expect(diagnostic.range?.start == SourcePosition(line: 6, column: 11))
        #expect(diagnostic.message.contains("','") || diagnostic.message.contains("]"))
    }

    @Test func tocYAMLSyntaxErrorBecomesABuildError() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        // A tab may not indent YAML: line 3, column 1.
        try book.write("_toc.yml", "format: jb-book\nroot: intro\n\tchapters: []\n")
        try book.write("intro.md", "# Intro\n")

        let result = await book.build()
        #expect(result.failed)
        #expect(!result.wroteSite)
        #expect(result.diagnostics.map(\.id) == ["yaml-syntax"])
        #expect(result.diagnostics.first?.range?.description == "book/_toc.yml:3:1")
    }

    @Test func chapterThatIsNotUTF8IsAnErrorAtTheFirstBadByte() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        var bytes = Data("# Bad\n\nab".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Data("cd\nmore\n".utf8)
        try book.write("bad.md", bytes: bytes)
        try book.write("zz.md", "# After\n")

        let (loaded, diagnostics) = try book.load()
        #expect(diagnostics.count == 1, "\(BuildInspection.describe(diagnostics))")
        let error = try #require(diagnostics.first)
        #expect(error.id == "chapter-not-utf8")
        #expect(error.severity == .error)
        #expect(error.range?.description == "book/bad.md:3:3")
        #expect(loaded.chapters.map(\.path) == ["index.md", "zz.md"])
        #expect(loaded.toc.testShape == ["chapter:index.md", "chapter:zz.md"])
    }

    @Test func emptyBookFolderIsAnError() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("notes.txt", "no chapters here\n")
        try book.write("_build/old.md", "# generated, skipped\n")

        let diagnostic = try #require(Self.thrownDiagnostic { _ = try book.load() })
        #expect(diagnostic.id == "book-empty")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("book"))
    }

    @Test func missingBookFolderIsAnError() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        let loader = BookLoader(directory: book.outside("nowhere"), displayRoot: "nowhere")
        let diagnostic = try #require(Self.thrownDiagnostic { _ = try loader.load() })
        #expect(diagnostic.id == "book-missing")
        #expect(diagnostic.message.contains("'nowhere'"))
    }

    /// `site` is skipped as a build folder at any depth, so a chapter folder of that name is
    /// dropped without a word when there is no TOC (and never reported as unlisted with one).
    @Test func nestedFolderNamedSiteIsNotSilentlyDropped() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        try book.write("fieldwork/site/visit.md", "# Site visit\n")

        let (loaded, _) = try book.load()
        do {
            #expect(loaded.chapters.map(\.path) == ["index.md", "fieldwork/site/visit.md"])
        }
    }
}
