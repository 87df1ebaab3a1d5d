@testable import CallbookCore
import Testing

/// The two readings of a URL's scheme read its bytes: `LinkRewriter.isExternal` (a scheme of
/// letters, digits, `+`, `-`, `.` starting with a letter, in any script) and
/// `ScriptURL.isScript` (`javascript:` / `vbscript:` as a browser reads them). Each agrees with
/// its definition written plainly over Characters and Unicode scalars (the oracles below, as
/// the two were first written) on hand-picked cases and on random strings of the characters
/// that matter, ASCII and beyond.
@Suite struct URLSchemeTests {
    static func externalByCharacters(_ url: String) -> Bool {
        if url.hasPrefix("//") { return true }
        guard let colon = url.firstIndex(ofASCII: UInt8(ascii: ":")) else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && scheme.first!.isLetter
            && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    static func scriptByScalars(_ url: String) -> Bool {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar == "\t" || scalar == "\n" || scalar == "\r" || (scheme.isEmpty && scalar.value <= 0x20) { continue }
            if scalar == ":" {
                let lowered = scheme.lowercased()
                return lowered == "javascript" || lowered == "vbscript"
            }
            guard scalar.isASCII, scheme.unicodeScalars.count < 10 else { return false }
            scheme.unicodeScalars.append(scalar)
        }
        return false
    }

    @Test func handPickedURLs() {
        let external = ["https://example.org", "mailto:a@b.c", "//cdn.example.org/x.js", "svn+ssh://h/r", "x-y.z:1",
                        "café:menu", "Ж:x", "h:"]
        let local = ["intro.md", "../a/b.md#x", "#label", ":x", "1http://x", "-a:b", "a b:c", "a/b:c", "", "é", "é/b:c"]
        for url in external { #expect(LinkRewriter.isExternal(url), "\(url)") }
        for url in local { #expect(!LinkRewriter.isExternal(url), "\(url)") }
        let scripts = ["javascript:alert(1)", "JavaScript:x", " \u{1}javascript:x", "java\tscript:x", "java\r\nscript:x",
                       "vbscript:msgbox", "VBSCRIPT:"]
        let safe = ["https://x", "javascripts:x", "java script:x", "jаvascript:x", "javascript", "vb:x", "xjavascript:x",
                    "vbscript1:x", "jàvascript:x"]
        for url in scripts { #expect(ScriptURL.isScript(url), "\(url)") }
        for url in safe { #expect(!ScriptURL.isScript(url), "\(url)") }
    }

    @Test func randomURLsAgreeWithTheDefinitions() {
        let pieces = ["a", "Z", "h", "t", "p", "s", "0", "9", "+", "-", ".", ":", "/", "//", " ", "\t", "\n", "\r", "\r\n",
                      "\u{1}", "_", "#", "é", "e\u{301}", "\u{301}", "Ж", "٣", "中", "—", "javascript", "JAVASCRIPT",
                      "vbscript", "VbScript", "java", "script", "https", "mailto"]
        var generator = SeededGenerator(state: 0x5C4E_3E)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let url = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(LinkRewriter.isExternal(url) == Self.externalByCharacters(url), "\(url.debugDescription)")
            #expect(ScriptURL.isScript(url) == Self.scriptByScalars(url), "\(url.debugDescription)")
        }
    }
}
