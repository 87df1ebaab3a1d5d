@testable import CallbookCore
import Foundation
import Testing

/// Parse reads no file itself: an include and a `pic.*` pick are questions to the `BookFiles`
/// it is given (Load's reader in a build; here files held in memory that exist nowhere on disk).
@Suite struct BookFilesSeamTests {
    struct MemoryFiles: BookFiles {
        var files: [String: String]
        var rootPath: String { "/memory" }

        func locate(_ url: URL) -> Result<String, BookFileProblem> {
            let path = url.standardizedFileURL.path
            return files[path] == nil ? .failure(.missing) : .success(path)
        }

        func standardPath(_ url: URL) -> String { url.standardizedFileURL.path }
        func isFile(_ url: URL) -> Bool { files[url.standardizedFileURL.path] != nil }
        func exists(_ url: URL) -> Bool { isFile(url) }
        func data(at url: URL) -> Result<Data, BookFileProblem> { text(at: url).map { Data($0.utf8) } }

        func text(at url: URL) -> Result<String, BookFileProblem> {
            files[url.standardizedFileURL.path].map { .success($0) } ?? .failure(.missing)
        }
    }

    @Test func anIncludeAndAPickAreAnsweredByTheBookFilesGiven() {
        let files = MemoryFiles(files: ["/memory/book/parts/part.md": "Included *text*.\n", "/memory/book/pic.svg": "<svg/>"])
        let parser = MystParser(file: "main.md", sourceURL: URL(fileURLWithPath: "/memory/book/main.md"), files: files)
        let (document, diagnostics) = parser.parse("```{include} parts/part.md\n```\n\n```{image} pic.*\n:alt: A picture\n```\n")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let html = HTMLRenderer().render(document)
        #expect(html.contains("<p>Included <em>text</em>.</p>"), "\(html)")
        #expect(html.contains("src=\"pic.svg\""), "\(html)")
    }

    @Test func withoutBookFilesNothingIsRead() {
        let parser = MystParser(file: "main.md", sourceURL: URL(fileURLWithPath: "/memory/book/main.md"))
        let (_, diagnostics) = parser.parse("```{include} parts/part.md\n```\n")
        #expect(diagnostics.map(\.id) == ["include-unavailable"])
    }
}
