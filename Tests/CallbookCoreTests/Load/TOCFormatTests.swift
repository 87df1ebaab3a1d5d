import CallbookCore
import Foundation
import Testing

/// The three ways a book declares its chapters (mystmd `myst.yml`, Jupyter Book `_toc.yml` in
/// both forms) and the fallback with no TOC, each on a small book written by the test.
@Suite struct TOCFormatTests {
    // MARK: myst.yml

    @Test func mystTOCWithPartsNestingURLsAndExclude() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", """
            version: 1
            project:
              title: Format Book
              authors:
                - name: Ada Lovelace
                - name: Alan Turing
              exclude:
                - drafts/**
              toc:
                - file: index.md
                - title: Part One
                  children:
                    - file: one/intro.md
                      title: Intro
                      children:
                        - file: one/deep.md
                    - url: https://example.org/
                      title: Example site
                - file: ./two.md
            site:
              options:
                logo: images/logo.png

            """)
        for path in ["index.md", "one/intro.md", "one/deep.md", "two.md", "drafts/draft.md", "drafts/old/older.md"] {
            try book.write(path, "# \(path)\n")
        }

        let (loaded, diagnostics) = try book.load()
        #expect(diagnostics.isEmpty, "\(BuildInspection.describe(diagnostics))")
        #expect(loaded.title == "Format Book")
        #expect(loaded.configuration.author == "Ada Lovelace, Alan Turing")
        #expect(loaded.configuration.logo == "images/logo.png")
        #expect(loaded.configuration.exclude == ["drafts/**"])
        #expect(loaded.configuration.sources == ["book/myst.yml"])
        #expect(loaded.toc.testShape == [
            "chapter:index.md",
            #"part "Part One" [chapter:one/intro.md "Intro" [chapter:one/deep.md], url:https://example.org/ "Example site"]"#,
            "chapter:two.md",
        ])
        #expect(loaded.chapters.map(\.path) == ["index.md", "one/intro.md", "one/deep.md", "two.md"])
        #expect(loaded.chapters.map(\.tocTitle) == [nil, "Intro", nil, nil])
        #expect(loaded.chapters.map(\.displayPath) == ["book/index.md", "book/one/intro.md", "book/one/deep.md", "book/two.md"])
        #expect(loaded.chapters[1].text == "# one/intro.md\n")
        // Entries remember where they were declared.
        #expect(loaded.toc[1].range?.description == "book/myst.yml:11:7")
        #expect(loaded.toc[1].children[0].range?.description == "book/myst.yml:13:11")
    }

    @Test func mystTOCPatternEntryListsMatchingFilesSorted() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", """
            version: 1
            project:
              toc:
                - file: index.md
                - title: Notes
                  children:
                    - pattern: notes/*.md

            """)
        for path in ["index.md", "notes/b.md", "notes/a.md", "notes/deeper/c.md"] { try book.write(path, "# x\n") }
        let (loaded, diagnostics) = try book.load()
        #expect(loaded.toc.testShape == [#"chapter:index.md"#, #"part "Notes" [chapter:notes/a.md, chapter:notes/b.md]"#])
        #expect(loaded.chapters.map(\.path) == ["index.md", "notes/a.md", "notes/b.md"])
        // `*` stays within a folder: notes/deeper/c.md is left out, and said so.
        #expect(diagnostics.map(\.id) == ["toc-unlisted-files"])
        #expect(diagnostics.first?.message.contains("notes/deeper/c.md") == true)
        #expect(loaded.title == "Untitled book")
    }

    // MARK: _toc.yml, format: jb-book

    @Test func jupyterBookTOCWithRootPartsSectionsURLsAndGlob() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("_toc.yml", """
            format: jb-book
            root: intro
            parts:
              - caption: Getting Started
                chapters:
                  - file: start/install
                    title: Installing
                    sections:
                      - file: start/install-linux
                      - url: https://example.org/help
                        title: Help
                  - file: start/usage.md
              - caption: Reference
                chapters:
                  - glob: reference/*

            """)
        try book.write("_config.yml", """
            title: JB Book
            author: Jane Doe
            logo: ./images/logo.png
            exclude_patterns: ["scratch/*"]

            """)
        for path in ["intro.md", "start/install.md", "start/install-linux.md", "start/usage.md",
                     "reference/b.md", "reference/a.md", "scratch/notes.md"] {
            try book.write(path, "# \(path)\n")
        }

        let (loaded, diagnostics) = try book.load()
        #expect(diagnostics.isEmpty, "\(BuildInspection.describe(diagnostics))")
        #expect(loaded.title == "JB Book")
        #expect(loaded.configuration.author == "Jane Doe")
        #expect(loaded.configuration.logo == "images/logo.png")
        #expect(loaded.configuration.sources == ["book/_toc.yml", "book/_config.yml"])
        #expect(loaded.toc.testShape == [
            "chapter:intro.md",
            #"part "Getting Started" [chapter:start/install.md "Installing" [chapter:start/install-linux.md, url:https://example.org/help "Help"], chapter:start/usage.md]"#,
            #"part "Reference" [chapter:reference/a.md, chapter:reference/b.md]"#,
        ])
        #expect(loaded.chapters.map(\.path) == [
            "intro.md", "start/install.md", "start/install-linux.md", "start/usage.md", "reference/a.md", "reference/b.md",
        ])
        #expect(loaded.chapters.first { $0.path == "start/install.md" }?.tocTitle == "Installing")
        #expect(loaded.toc[1].range?.description == "book/_toc.yml:4:5")
    }

    @Test func jupyterBookConfigLogoIsCopiedAndShownOnPages() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("_toc.yml", "format: jb-book\nroot: intro\nchapters:\n  - file: guide/page\n")
        try book.write("_config.yml", "title: JB Book\nauthor: Jane Doe\nlogo: ./images/logo.png\n")
        try book.write("intro.md", "# Intro\n")
        try book.write("guide/page.md", "# Page\n")
        try book.write("images/logo.png", bytes: Data([0x89, 0x50, 0x4E, 0x47]))

        let result = await book.build()
        #expect(result.diagnostics.isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        let output = book.outside("site")
        #expect(FileManager.default.contents(atPath: output.appendingPathComponent("images/logo.png").path)
                == Data([0x89, 0x50, 0x4E, 0x47]))
        let page = try #require(BuildInspection.page(result, "guide/page.html"))
        #expect(page.contains(#"<img src="../images/logo.png""#))
        #expect(page.contains("JB Book"))
        #expect(page.contains(#"<meta name="author" content="Jane Doe">"#))
    }

    // MARK: _toc.yml, the older list form

    @Test func legacyListTOCWithHeadersSectionsAndTitles() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("_toc.yml", """
            # The older Jupyter Book form: a top-level list.
            - file: welcome
            - header: Guides
            - file: guides/first
              title: First Guide
              sections:
                - file: guides/first/detail
                  title: Detail
            - url: https://example.org
              title: Elsewhere
            - header: Appendix
            - file: appendix/glossary

            """)
        try book.write("_config.yml", "title: Legacy Book\n")
        for path in ["welcome.md", "guides/first.md", "guides/first/detail.md", "appendix/glossary.md"] {
            try book.write(path, "# \(path)\n")
        }

        let (loaded, diagnostics) = try book.load()
        #expect(diagnostics.isEmpty, "\(BuildInspection.describe(diagnostics))")
        #expect(loaded.title == "Legacy Book")
        #expect(loaded.toc.testShape == [
            "chapter:welcome.md",
            #"part "Guides" [chapter:guides/first.md "First Guide" [chapter:guides/first/detail.md "Detail"], url:https://example.org "Elsewhere"]"#,
            #"part "Appendix" [chapter:appendix/glossary.md]"#,
        ])
        #expect(loaded.chapters.map(\.path) == ["welcome.md", "guides/first.md", "guides/first/detail.md", "appendix/glossary.md"])
        #expect(loaded.chapters.map(\.tocTitle) == [nil, "First Guide", "Detail", nil])
        #expect(loaded.toc[1].range?.description == "book/_toc.yml:3:3")
    }

    // MARK: no TOC

    @Test func withoutTOCEveryMarkdownFileIsAChapterIndexFirstThenByPath() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        for path in ["zeta.md", "b.md", "index.md", "a.md", "sub/c.md", "sub/index.md", "a/z.md",
                     "_build/generated.md", ".hidden/secret.md", "node_modules/pkg/readme.md"] {
            try book.write(path, "# \(path)\n")
        }
        try book.write("notes.txt", "not markdown\n")

        let (loaded, diagnostics) = try book.load()
        #expect(diagnostics.isEmpty, "\(BuildInspection.describe(diagnostics))")
        #expect(loaded.chapters.map(\.path) == ["index.md", "a.md", "a/z.md", "b.md", "sub/c.md", "sub/index.md", "zeta.md"])
        #expect(loaded.toc.testShape == loaded.chapters.map { "chapter:\($0.path)" })
        #expect(loaded.chapters.allSatisfy { $0.tocTitle == nil })
        #expect(loaded.configuration.sources.isEmpty)
    }

    @Test func withoutTOCConfigExcludePatternsStillApply() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("_config.yml", "title: No TOC\nexclude_patterns: [\"drafts/**\", \"README.md\"]\n")
        for path in ["README.md", "intro.md", "drafts/x.md", "drafts/deep/y.md", "later.md"] {
            try book.write(path, "# \(path)\n")
        }
        let (loaded, diagnostics) = try book.load()
        #expect(diagnostics.isEmpty, "\(BuildInspection.describe(diagnostics))")
        #expect(loaded.title == "No TOC")
        #expect(loaded.chapters.map(\.path) == ["intro.md", "later.md"])
    }

    // MARK: files the TOC does not name

    @Test func markdownFilesMissingFromTOCAreReportedOnceAndNotBuilt() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  toc:\n    - file: index.md\n    - file: listed.md\n")
        try book.write("index.md", "# Home\n")
        try book.write("listed.md", "# Listed\n")
        try book.write("forgotten.md", "# Forgotten\n")
        try book.write("sub/also-forgotten.md", "# Also forgotten\n")

        let (loaded, loadDiagnostics) = try book.load()
        #expect(loaded.chapters.map(\.path) == ["index.md", "listed.md"])
        let unlisted = loadDiagnostics.filter { $0.id == "toc-unlisted-files" }
        #expect(loadDiagnostics.count == 1)
        #expect(unlisted.count == 1)
        let warning = try #require(unlisted.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("2 Markdown files"))
        #expect(warning.message.contains("forgotten.md"))
        #expect(warning.message.contains("sub/also-forgotten.md"))
        #expect(warning.range?.description == "book/myst.yml:1:1")

        let result = await book.build()
        #expect(!result.failed)
        #expect(result.wroteSite)
        #expect(result.pageCount == 2)
        #expect(result.diagnostics.filter { $0.id == "toc-unlisted-files" }.count == 1)
        #expect(result.diagnostics.warningCount == 1)
        let pages = result.site?.pages.map(\.path) ?? []
        #expect(Set(pages) == ["index.html", "listed.html"])
        let output = book.outside("site")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("listed.html").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("forgotten.html").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("sub/also-forgotten.html").path))
    }
}

/// `Glob` against the regular expression it once compiled to (ICU's engine through Foundation,
/// the oracle): `*` as `[^/]*`, `**/` as `(?:.*/)?`, another `**` as `.*`, `?` as `[^/]`, every
/// other character as itself, anchored at both ends, a leading `./` dropped.
@Suite struct GlobTests {
    static func regex(_ pattern: String) -> NSRegularExpression {
        var expression = "^"
        var chars = Array(pattern)
        if chars.starts(with: [".", "/"]) { chars.removeFirst(2) }
        var index = 0
        while index < chars.count {
            if chars[index] == "*", index + 1 < chars.count, chars[index + 1] == "*" {
                if index + 2 < chars.count, chars[index + 2] == "/" { expression += "(?:.*/)?"; index += 3 } else { expression += ".*"; index += 2 }
                continue
            }
            expression += chars[index] == "*" ? "[^/]*" : chars[index] == "?" ? "[^/]" : NSRegularExpression.escapedPattern(for: String(chars[index]))
            index += 1
        }
        return try! NSRegularExpression(pattern: expression + "$")
    }

    @Test func matchesAsTheRegularExpressionWould() {
        let patternPieces = ["*", "**", "**/", "?", "/", "a", "b", ".md", "./", ".", "[", "(", "+", "é", "\\"]
        let pathPieces = ["a", "b", "/", ".md", ".", "ab", "é", "[", "(", "+", "\\", "x/y"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let pattern = (0..<Int.random(in: 0...5, using: &generator)).map { _ in patternPieces.randomElement(using: &generator)! }.joined()
            let expected = Self.regex(pattern)
            let glob = Glob(pattern)
            for _ in 0..<10 {
                let path = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pathPieces.randomElement(using: &generator)! }.joined()
                let oracle = expected.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
                #expect(glob.matches(path) == oracle, "pattern \(pattern) path \(path)")
            }
        }
        // By hand: the forms books use.
        #expect(Glob("**/*.md").matches("a.md") && Glob("**/*.md").matches("x/y/a.md") && !Glob("**/*.md").matches("a.mdx"))
        #expect(Glob("drafts/*").matches("drafts/a.md") && !Glob("drafts/*").matches("drafts/x/a.md"))
        #expect(Glob("./LICENSE.md").matches("LICENSE.md") && !Glob("LICENSE.md").matches("x/LICENSE.md"))
        #expect(Glob("_build/**").matches("_build/html/index.md") && Glob("ch?.md").matches("ch1.md"))
    }

    @Test func aLongPatternOrPathIsNoProblem() {
        // Linear in the path for each part of the pattern, without recursion.
        let tooFew = Glob(String(repeating: "*a", count: 1000)).matches(String(repeating: "a", count: 999))
        let enough = Glob(String(repeating: "*a", count: 1000)).matches(String(repeating: "ba", count: 1000))
        let deep = Glob(String(repeating: "**/", count: 500) + "x").matches(String(repeating: "d/", count: 1000) + "x")
        #expect(!tooFew && enough && deep)
    }
}
