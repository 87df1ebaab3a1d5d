import CallbookCore
import Testing

/// A range's file is held as a number (`SourceFile`), yet reads back as the exact path it was
/// given, and two ranges are equal exactly when their paths are the same bytes and their
/// positions are equal: file names on Linux are bytes, so "café.md" in NFC and in NFD are two
/// files.
@Suite struct SourceFileTests {
    @Test func aRangeGivesBackItsPathByteForByte() {
        let nfc = "book/caf\u{E9}.md", nfd = "book/cafe\u{301}.md"
        let a = SourceRange(file: nfc, line: 3, column: 1)
        let b = SourceRange(file: nfd, line: 3, column: 1)
        #expect(Array(a.file.utf8) == Array(nfc.utf8))
        #expect(Array(b.file.utf8) == Array(nfd.utf8))
        #expect(a != b)
        #expect(a.description == "book/caf\u{E9}.md:3:1")
        #expect(a == SourceRange(file: nfc, line: 3, column: 1))
        #expect(a != SourceRange(file: nfc, line: 3, column: 2))
        var moved = a
        moved.file = "book/other.md"
        #expect(moved.file == "book/other.md")
        #expect(moved.start == a.start)
        #expect(SourceFile("book/other.md") == moved.source)
    }
}
