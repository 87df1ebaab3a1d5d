@testable import CallbookCore
import Foundation
import Testing

/// KaTeX (`templates/static/katex/`, about 600 KB) is copied into a site only when some page
/// has maths, and only pages with maths load it.
@Suite struct MathAssetsTests {
    /// The theme's KaTeX files, as site paths, read from the theme folder itself.
    static func themeKaTeXFiles() -> Set<String> {
        let folder = TemporaryBook.themeDirectory.appendingPathComponent("static/katex")
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return Set(files.filter { name in
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
            return exists && !isFolder.boolValue
        }.map { "_static/katex/" + $0 })
    }

    @Test func aBookWithoutMathsGetsNoKaTeX() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n\nPrices went up by five euros, then by ten.\n")
        try book.write("guide.md", "# Guide\n\n```python\nx = 1\n```\n")
        let result = await book.build()
        #expect(BuildInspection.problems(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        let files = BuildInspection.snapshot(book.outside("site"))
        #expect(files["index.html"] != nil)
        #expect(files.keys.filter { $0.hasPrefix("_static/katex/") }.isEmpty)
        #expect(files.keys.contains("_static/callbook.js"))
        for page in ["index.html", "guide.html"] {
            #expect(!(BuildInspection.page(result, page) ?? "").contains("katex"), "\(page)")
        }
    }

    @Test func aBookWithOnePageOfMathsGetsAllOfKaTeX() async throws {
        let katex = Self.themeKaTeXFiles()
        #expect(katex.isSuperset(of: ["_static/katex/katex.js", "_static/katex/katex.min.css",
                                      "_static/katex/fonts/KaTeX_Main-Regular.woff2"]))
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n\nNo maths here.\n")
        try book.write("sums.md", "# Sums\n\nThe area is $\\pi r^2$.\n")
        let result = await book.build()
        #expect(BuildInspection.problems(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        let files = BuildInspection.snapshot(book.outside("site"))
        #expect(Set(files.keys.filter { $0.hasPrefix("_static/katex/") }) == katex)
        let theme = TemporaryBook.themeDirectory.appendingPathComponent("static/katex/katex.js")
        #expect(files["_static/katex/katex.js"] == FileManager.default.contents(atPath: theme.path))
        #expect((BuildInspection.page(result, "sums.html") ?? "").contains(#"<script defer src="_static/katex/katex.js"></script>"#))
        #expect(!(BuildInspection.page(result, "index.html") ?? "").contains("katex"))
    }
}
