@testable import CallbookCore
import Testing

/// A site file made from bytes (the search index's) is the same file as one made from the same
/// text: equal, hashed alike, with the same contents and bytes.
@Suite struct SiteFileTests {
    @Test(arguments: ["", "plain ASCII", "caf\u{E9} \u{1F600} \u{301}e", "window.x=[\"a\\u2028\"];\n"])
    func bytesAndTextAreTheSameFile(text: String) {
        let fromText = SiteFile(path: "_static/a.js", contents: text)
        let fromBytes = SiteFile(path: "_static/a.js", bytes: Array(text.utf8))
        #expect(fromBytes == fromText)
        #expect(fromBytes.hashValue == fromText.hashValue)
        #expect(fromBytes.contents == text)
        #expect(fromBytes.withUTF8 { Array($0) } == Array(text.utf8))
        #expect(fromText.withUTF8 { Array($0) } == Array(text.utf8))
        #expect(SiteFile(path: "_static/b.js", bytes: Array(text.utf8)) != fromText)
        #expect(SiteFile(path: "_static/a.js", bytes: Array((text + "x").utf8)) != fromText)
        var edited = fromBytes
        edited.contents = "other"
        #expect(edited == SiteFile(path: "_static/a.js", contents: "other"))
    }
}
