@testable import CallbookCore
import Foundation
import Testing

/// The book's signature, which every page key holds: what the table of contents says of each
/// entry (what it is, where it leads, its title, how many entries it has) is in it.
@Suite struct RenderKeysTests {
    /// The signature of a book whose `toc:` is `toc` (its entries' YAML lines).
    static func signature(_ toc: String) async throws -> UInt64 {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Keys\n  toc:\n" + toc)
        for name in ["a", "b", "c"] { try book.write("\(name).md", "# \(name.uppercased())\n\nText.\n") }
        let (resolved, _) = try await Build.resolve(bookAt: book.directory, displayRoot: "book", projectRoot: nil)
        let theme = try ThemeLoader.load(directory: TemporaryBook.themeDirectory)
        return RenderKeys.bookSignature(resolved, theme: theme, baseURL: nil)
    }

    static let base = "    - file: a.md\n    - title: Part\n      children:\n        - file: b.md\n        - file: c.md\n"

    @Test("the same table of contents gives the same signature; each change to an entry another")
    func everyEntryCounts() async throws {
        let signature = try await Self.signature(Self.base)
        #expect(try await Self.signature(Self.base) == signature)
        let changed = [
            // A chapter's title in the TOC.
            "    - file: a.md\n      title: First\n    - title: Part\n      children:\n        - file: b.md\n        - file: c.md\n",
            // The part's caption.
            "    - file: a.md\n    - title: Section\n      children:\n        - file: b.md\n        - file: c.md\n",
            // A chapter moved out of the part (the same pages, in the same order).
            "    - file: a.md\n    - title: Part\n      children:\n        - file: b.md\n    - file: c.md\n",
            // A link added.
            Self.base + "    - url: https://example.org/\n      title: Elsewhere\n",
        ]
        var seen: Set<UInt64> = [signature]
        for toc in changed {
            #expect(seen.insert(try await Self.signature(toc)).inserted, "\(toc)")
        }
    }
}
