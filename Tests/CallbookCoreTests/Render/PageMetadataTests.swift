import CallbookCore
import Foundation
import Testing

/// Link previews: each page's `description` (and `og:description`) from its front matter, else
/// its first paragraph; `og:image` from the front matter's `thumbnail`, else the book's logo,
/// always absolute (so the logo only with a base URL).
@Suite struct PageMetadataTests {
    @Test func descriptionFromFrontMatterElseTheFirstParagraph() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        let long = (1...60).map { "word\($0)" }.joined(separator: " ")
        try book.write("myst.yml", "version: 1\nproject:\n  title: T\n  description: The book.\n  toc:\n    - file: index.md\n    - file: long.md\n    - file: empty.md\n")
        try book.write("index.md", "---\ndescription: Chosen words.\nthumbnail: https://example.org/card.png\n---\n# Home\n\nFirst paragraph.\n")
        try book.write("long.md", "# Long\n\n:::{note}\nNot this.\n:::\n\n\(long)\n\nSecond.\n")
        try book.write("empty.md", "# Empty\n")
        let result = await book.build()
        let index = try #require(BuildInspection.page(result, "index.html"))
        #expect(index.contains(#"<meta name="description" content="Chosen words.">"#))
        #expect(index.contains(#"<meta property="og:image" content="https://example.org/card.png">"#))
        let page = try #require(BuildInspection.page(result, "long.html"))
        // 200 characters of "word1 word2 …", cut before the word that would cross them.
        var expected = ""
        for word in (1...60).map({ "word\($0)" }) where (expected.isEmpty ? word.count : expected.count + 1 + word.count) <= 200 {
            expected += (expected.isEmpty ? "" : " ") + word
        }
        #expect(page.contains("<meta name=\"description\" content=\"\(expected)…\">"), "\(page.prefix(900))")
        // No paragraph: the book's description.
        #expect(try #require(BuildInspection.page(result, "empty.html")).contains(#"<meta name="description" content="The book.">"#))
        #expect(!page.contains("og:image"))
    }

    @Test func theLogoIsThePictureOnlyWithABaseURL() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: T\n  toc:\n    - file: index.md\nsite:\n  options:\n    logo: logo.png\n")
        try book.write("logo.png", "png")
        try book.write("index.md", "# Home\n\nText.\n")
        #expect(!(BuildInspection.page(await book.build(), "index.html") ?? "").contains("og:image"))
        var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: book.outside("site2"),
                                   themeDirectory: TemporaryBook.themeDirectory)
        options.baseURL = "https://example.org/handbook/"
        let page = try #require(BuildInspection.page(await Build.run(options), "index.html"))
        #expect(page.contains(#"<meta property="og:image" content="https://example.org/handbook/logo.png">"#))
    }
}
