@testable import CallbookCore
import Testing

/// A section's address splits at its anchor as Swift's `Character`s split it (the oracle here):
/// the first `#` that is a character of its own, so a `#` carrying a combining mark is no anchor.
@Suite struct SearchIndexAnchorTests {
    @Test(arguments: ["a.html", "a.html#x", "dir/a.html#sec-1#2", "a.html#", "a.html#\u{301}x", "a.html#\u{301}x#y",
                      "caf\u{E9}.html#r\u{E9}sum\u{E9}", "a.html#\u{1F600}", "#top"])
    func anchorStartsWhereCharactersSaySo(url: String) {
        let expected = url.firstIndex(of: "#") ?? url.endIndex
        #expect(SearchIndex.anchorStart(of: url) == expected)
        #expect(url[SearchIndex.anchorStart(of: url)...] == (url.firstIndex(of: "#").map { url[$0...] } ?? ""))
    }
}
