@testable import CallbookCore
import Testing

/// Every parse has its own `parseID` (the incremental stages reuse later work only for the same
/// parse): the same text parsed again, or many parses at once on every core, never share one.
@Suite struct ParseIDTests {
    @Test func everyParseHasItsOwnNumber() async {
        let source = ChapterSource(path: "page.md", displayPath: "page.md", text: "# Page\n\nText.\n")
        let first = ChapterParser().parse(source), again = ChapterParser().parse(source)
        #expect(first.parseID != again.parseID)
        let ids = await withTaskGroup(of: [UInt64].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<200).map { _ in Chapter.nextParseID() } }
            }
            var all: [UInt64] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(Set(ids).count == 1_600)
    }
}
