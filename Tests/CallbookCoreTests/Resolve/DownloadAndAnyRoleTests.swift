@testable import CallbookCore
import Foundation
import Testing

/// `{download}` is a link to a file of the book, copied into the site; `{any}` names a label,
/// or else a chapter, as in mystmd.
@Suite struct DownloadAndAnyRoleTests {
    @Test func downloadLinksToTheFileAndCopiesIt() async throws {
        let book = try ResolveFixture.book(toc: ["index.md", "a/alpha.md"], files: [
            "index.md": "# Home\n",
            "a/alpha.md": "# Alpha\n\nGet {download}`the data <data/table.csv>` or {download}`data/table.csv`.\n",
            "a/data/table.csv": "a,b\n1,2\n",
        ])
        defer { book.remove() }
        let resolved = try await ResolveFixture.resolve(book)
        let alpha = try #require(resolved.chapter("a/alpha.md"))
        let html = HTMLRenderer().render(alpha.document)
        #expect(html.contains("<a href=\"data/table.csv\">the data</a>"), "\(html)")
        #expect(html.contains("<a href=\"data/table.csv\">data/table.csv</a>"), "\(html)")
        #expect(resolved.assets.contains { $0.sitePath == "a/data/table.csv" })
        #expect(resolved.diagnostics.filter { $0.id == "reference-unresolved" }.isEmpty, "\(resolved.diagnostics)")
    }

    @Test func anyBindsALabelOrElseAChapter() async throws {
        let book = try ResolveFixture.book(toc: ["index.md", "a/alpha.md"], files: [
            "index.md": "# Home\n\n(home-section)=\n## Section\n",
            "a/alpha.md": "# Alpha\n\nSee {any}`home-section`, {any}`../index` and {any}`nowhere`.\n",
        ])
        defer { book.remove() }
        let resolved = try await ResolveFixture.resolve(book)
        let alpha = try #require(resolved.chapter("a/alpha.md"))
        let links = ResolveFixture.links(HTMLRenderer().render(alpha.document))
        #expect(links.count == 2)
        #expect(links.first?.href == "../index.html#home-section")
        #expect(links.first?.text == "Section")
        #expect(links.last?.href == "../index.html")
        #expect(links.last?.text == "Home")
        #expect(alpha.references.map(\.kind) == [.any, .any, .any])
        let unresolved = resolved.diagnostics.filter { $0.id == "reference-unresolved" }
        #expect(unresolved.count == 1)
        #expect(unresolved.first?.message.contains("{any}") == true)
    }
}
