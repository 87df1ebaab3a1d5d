import CallbookCore
import Foundation
import Testing

/// Jupyter Book's `_config.yml` and mystmd's `myst.yml`: the keys callbook reads take effect,
/// and the others are listed once, in a note, which `--strict` lets pass.
@Suite struct ConfigKeysTests {
    static func notes(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.filter { $0.id == "config-unused-keys" }
    }

    @Test func mystKeysCallbookDoesNotUseAreListedOnceInANote() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", """
            version: 1
            project:
              title: Notes
              copyright: 2019-2025
              license:
                code: MIT
                content: CC-BY-4.0
              thebe:
                binder: true
              exclude:
                - drafts/*.md
              toc:
                - file: index.md
            site:
              template: book-theme
              options:
                logo: logo.png
                favicon: icon.png
                logo_text: Notes

            """)
        try book.write("index.md", "# Home\n")
        try book.write("drafts/wip.md", "# Not yet\n")
        try book.write("logo.png", "png")
        try book.write("icon.png", "png")
        let (loaded, diagnostics) = try book.load()
        #expect(loaded.configuration.license == "CC-BY-4.0")
        #expect(loaded.configuration.logo == "logo.png" && loaded.configuration.favicon == "icon.png")
        let notes = Self.notes(diagnostics)
        #expect(notes.count == 1)
        #expect(notes.first?.description == "book/myst.yml:4:3: note: callbook does not use these 4 keys of myst.yml: project.copyright, project.thebe, site.template, site.options.logo_text [config-unused-keys]")

        // A note is no warning: the summary does not count it and --strict passes.
        let result = await book.build(strict: true)
        #expect(result.wroteSite && !result.failed, "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.diagnostics.warningCount == 0 && result.diagnostics.errorCount == 0)
        #expect(Self.notes(result.diagnostics).count == 1)
    }

    @Test func aLicenseGivenAsOneIdentifierAndTheLicenseInPageData() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Licensed\n  license: CC-BY-SA-4.0\n")
        try book.write("index.md", "# Home\n")
        try book.write("_templates/page.mustache", "<footer>{{license}}</footer>\n")
        let (loaded, diagnostics) = try book.load()
        #expect(loaded.configuration.license == "CC-BY-SA-4.0")
        #expect(Self.notes(diagnostics).isEmpty, "\(BuildInspection.describe(diagnostics))")
        let result = await book.build()
        #expect(BuildInspection.page(result, "index.html")?.contains("<footer>CC-BY-SA-4.0</footer>") == true)
    }

    @Test func theDefaultThemeLinksTheLicenseInEveryPagesFooter() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Licensed\n  license: CC-BY-4.0\n  toc:\n    - file: index.md\n    - file: two.md\n")
        try book.write("index.md", "# Home\n")
        try book.write("two.md", "# Two\n")
        let result = await book.build()
        for page in ["index.html", "two.html"] {
            let html = try #require(BuildInspection.page(result, page))
            #expect(html.contains(#"<a rel="license" href="https://spdx.org/licenses/CC-BY-4.0.html">CC-BY-4.0</a>"#), "\(page)")
        }
    }

    @Test func aLicenseThatIsNotTextIsAnErrorAtItsPlace() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  license:\n    content: [a, b]\n")
        try book.write("index.md", "# Home\n")
        #expect { try book.load() } throws: { error in
            (error as? CallbookError)?.description == "book/myst.yml:4:14: error: 'project.license.content' must be a text value [config-type]"
        }
    }

    @Test func jupyterBookKeysCallbookDoesNotUseAreListedOnceInANote() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("_config.yml", """
            title: A Jupyter Book
            logo: logo.png
            exclude_patterns: ["drafts/*"]
            execute:
              execute_notebooks: off
            html:
              favicon: icon.png
              google_analytics_id: UA-1
            sphinx:
              config:
                language: en
                html_theme: alabaster

            """)
        try book.write("_toc.yml", "format: jb-book\nroot: index\n")
        try book.write("index.md", "# Home\n")
        try book.write("drafts/wip.md", "# Not yet\n")
        let (loaded, diagnostics) = try book.load()
        #expect(loaded.configuration.logo == "logo.png" && loaded.configuration.favicon == "icon.png")
        #expect(loaded.configuration.language == "en")
        // exclude_patterns: the draft is neither built nor reported as left out of the TOC.
        #expect(!diagnostics.contains { $0.id == "toc-unlisted-files" }, "\(BuildInspection.describe(diagnostics))")
        let notes = Self.notes(diagnostics)
        #expect(notes.map(\.description) == ["book/_config.yml:4:1: note: callbook does not use these 3 keys of _config.yml: execute, html.google_analytics_id, sphinx.config.html_theme [config-unused-keys]"])
    }

    @Test func aFileWhoseKeysAreAllUsedHasNoNote() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Plain\n  github: org/repo\nsite:\n  url: https://example.org/\n")
        try book.write("index.md", "# Home\n")
        let (_, diagnostics) = try book.load()
        #expect(Self.notes(diagnostics).isEmpty, "\(BuildInspection.describe(diagnostics))")
    }

    @Test func notesHaveTheirOwnSeverityInEveryFormat() {
        let note = Diagnostic.note("config-unused-keys", "callbook does not use this key of myst.yml: project.thebe",
                                   at: SourceRange(file: "myst.yml", line: 3, column: 3))
        #expect(Diagnostic.Severity.note < .warning && Diagnostic.Severity.warning < .error)
        #expect(DiagnosticFormat.plain.line(note) == "myst.yml:3:3: note: callbook does not use this key of myst.yml: project.thebe [config-unused-keys]")
        #expect(DiagnosticFormat.github.line(note).hasPrefix("::notice file=myst.yml,line=3,col=3,title=callbook config-unused-keys::"))
        #expect(DiagnosticFormat.json.line(note).contains(#""severity":"note""#))
        #expect([note].warningCount == 0 && [note].errorCount == 0)
    }
}
