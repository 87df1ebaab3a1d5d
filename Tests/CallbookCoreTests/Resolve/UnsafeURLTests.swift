import CallbookCore
import Foundation
import Testing

/// `javascript:` (and `vbscript:`) URLs in links, images, `{iframe}` and TOC `url:` entries are
/// warnings at their place (`unsafe-url`). MyST passes raw HTML through, so this is a lint that
/// points at them, not a sanitiser: the page still says what the author wrote.
@Suite struct UnsafeURLTests {
    @Test func scriptURLsAreWarnedAtTheirPlace() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", """
            version: 1
            project:
              toc:
                - file: index.md
                - title: Bad
                  url: javascript:alert(1)
                - title: Good
                  url: https://example.org/

            """)
        try book.write("index.md", """
            # Home

            A [link](javascript:alert(1)) and [a safe one](https://example.org/).

            ![a picture](JavaScript:alert(2))

            An autolink <javascript:alert(3)> and a [spaced one](< javascript:alert(4)>).

            ```{iframe} javascript:alert(5)
            ```

            [reference]: vbscript:msgbox(6)

            A [reference link][reference].

            """)

        let result = await book.build()

        let warnings = result.diagnostics.filter { $0.id == "unsafe-url" }
        #expect(warnings.allSatisfy { $0.severity == .warning })
        #expect(Set(warnings.map { $0.range?.description ?? "?" }) == [
            "book/myst.yml:5:7", "book/index.md:3:3", "book/index.md:5:1", "book/index.md:7:13", "book/index.md:7:41",
            "book/index.md:9:13", "book/index.md:14:3",
        ], "\(BuildInspection.describe(result.diagnostics))")
        #expect(warnings.count == 7)
        #expect(!result.failed)
    }

    /// Read as a browser reads a URL: leading spaces and controls, and tabs or line breaks
    /// anywhere, do not hide the scheme.
    @Test func theSchemeIsFoundAsABrowserFindsIt() {
        for url in ["javascript:x", "JAVASCRIPT:x", " \u{1}javascript:x", "java\tscr\nipt:x", "vbscript:x"] {
            #expect(ScriptURL.isScript(url), "\(url.debugDescription)")
        }
        for url in ["javascript", "https://x/javascript:x", "java script:x", "xjavascript:x", "", ":javascript"] {
            #expect(!ScriptURL.isScript(url), "\(url.debugDescription)")
        }
    }

    @Test func ordinaryURLsAreNotWarned() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", """
            # Home

            [web](https://example.org/javascript:x) [mail](mailto:a@example.org) [page](#home) [text](javascript.html)

            ![x](data:image/png;base64,AAAA)

            """)
        let result = await book.build()
        #expect(!result.diagnostics.contains { $0.id == "unsafe-url" }, "\(BuildInspection.describe(result.diagnostics))")
    }
}
