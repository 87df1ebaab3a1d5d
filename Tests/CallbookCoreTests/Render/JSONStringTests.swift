import CallbookCore
import Testing

/// JSON string literals as RFC 8259 §7 writes them: `"` and `\` escaped, control characters
/// as `\n`, `\r`, `\t` or `\u00XX`, everything else (UTF-8 included) as it is; in scripts,
/// `<` and U+2028/U+2029 escaped as well. Expected values written by hand.
@Suite struct JSONStringTests {
    @Test func escapesWhatJSONRequires() {
        #expect(JSONString.quote("") == #""""#)
        #expect(JSONString.quote("plain text") == #""plain text""#)
        #expect(JSONString.quote("say \"hi\"\\") == #""say \"hi\"\\""#)
        #expect(JSONString.quote("a\nb\rc\td") == #""a\nb\rc\td""#)
        #expect(JSONString.quote("\u{0}\u{1F}") == #""\u0000\u001f""#)
        #expect(JSONString.quote("café – 日本") == "\"café – 日本\"")
        #expect(JSONString.quote("</script>") == #""</script>""#)
        #expect(JSONString.quote("\u{2028}x\u{2029}") == "\"\u{2028}x\u{2029}\"")
    }

    @Test func scriptSafeEscapesWhatEndsOrBreaksAScript() {
        #expect(JSONString.quote("</script>", scriptSafe: true) == #""\u003c/script>""#)
        #expect(JSONString.quote("a\u{2028}b\u{2029}c", scriptSafe: true) == #""a\u2028b\u2029c""#)
        // Other characters whose UTF-8 starts E2 80 pass through.
        #expect(JSONString.quote("a\u{2014}b\u{2026}", scriptSafe: true) == "\"a\u{2014}b\u{2026}\"")
        #expect(JSONString.quote("<<\"", scriptSafe: true) == #""\u003c\u003c\"""#)
    }
}
