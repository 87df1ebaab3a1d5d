@testable import CallbookCore
import Testing

/// The renderer's byte output answers as the `String` it replaced: the same text, and "ends
/// with a line feed" as `hasSuffix("\n")` says it (by characters: a CR LF pair is one).
struct HTMLOutputTests {
    @Test func bytesAnswerAsTheStringDid() {
        let pieces = ["a", "\n", "\r", "\r\n", "é", "\u{301}", "<p>", "日本", ""]
        var random = SeededGenerator(state: 4096)
        for _ in 0..<5_000 {
            var output = HTMLOutput()
            var string = ""
            for _ in 0..<Int.random(in: 0...5, using: &random) {
                let piece = pieces.randomElement(using: &random)!
                output += piece
                string += piece
            }
            #expect(output.text == string)
            #expect(output.isEmpty == string.isEmpty)
            #expect(output.endsWithLineFeed == string.hasSuffix("\n"), "\(Array(string.unicodeScalars))")
        }
    }
}
