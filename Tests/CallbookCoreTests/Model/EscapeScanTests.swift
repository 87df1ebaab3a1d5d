@testable import CallbookCore
import Testing

/// `EscapeScan` finds, eight bytes at a time, the byte a one-byte-at-a-time search finds, and
/// the escapings built on it replace each byte as the definitions do (CommonMark's HTML
/// escaping of `& < > "`, Mustache's `'`; RFC 8259's JSON escapes).
struct EscapeScanTests {
    /// Random bytes, mostly plain, with every byte the scans look for, and the bytes next to them.
    static func bytes(_ random: inout SeededGenerator) -> [UInt8] {
        let interesting: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x25, 0x26, 0x27, 0x28,
                                    0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA8, 0xA9, 0xE1, 0xE2, 0xE3, 0xFF]
        return (0..<Int.random(in: 0...40, using: &random)).map { _ in
            Int.random(in: 0..<4, using: &random) == 0 ? interesting.randomElement(using: &random)!
                : UInt8.random(in: 0x41...0x7A, using: &random)
        }
    }

    @Test func theScansFindTheFirstByteALoopFinds() {
        var random = SeededGenerator(state: 2028)
        for _ in 0..<4_000 {
            let bytes = Self.bytes(&random)
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    for flag in [false, true] {
                        let html = bytes.indices.first { $0 >= start && (bytes[$0] == 0x26 || bytes[$0] == 0x3C || bytes[$0] == 0x3E
                            || bytes[$0] == 0x22 || (flag && bytes[$0] == 0x27)) }
                        #expect(EscapeScan.firstHTMLSpecial(in: buffer, from: start, apostrophes: flag) == html)
                        let json = bytes.indices.first { $0 >= start && (bytes[$0] == 0x22 || bytes[$0] == 0x5C || bytes[$0] < 0x20
                            || (flag && (bytes[$0] == 0x3C || bytes[$0] == 0xE2))) }
                        #expect(EscapeScan.firstJSONSpecial(in: buffer, from: start, scriptSafe: flag) == json)
                    }
                }
            }
        }
    }

    @Test func escapingsReplaceEachByteAsDefined() {
        var random = SeededGenerator(state: 8259)
        for _ in 0..<5_000 {
            let pieces = ["\u{2028}", "\u{2029}", "\u{2027}", "é", "日", "'"]
            let text = String(decoding: Self.bytes(&random), as: UTF8.self) + pieces.randomElement(using: &random)!
                + String(decoding: Self.bytes(&random), as: UTF8.self)
            var html = "", withApostrophes = "", json = "\"", scriptJSON = "\""
            for scalar in text.unicodeScalars {
                let plain = String(scalar)
                let entity = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"][plain]
                html += entity ?? plain
                withApostrophes += entity ?? (plain == "'" ? "&#39;" : plain)
                let escaped: String? = switch scalar.value {
                case 0x22: "\\\""
                case 0x5C: "\\\\"
                case 0x0A: "\\n"
                case 0x0D: "\\r"
                case 0x09: "\\t"
                case 0..<0x20: "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                default: nil
                }
                json += escaped ?? plain
                scriptJSON += escaped ?? ["<": "\\u003c", "\u{2028}": "\\u2028", "\u{2029}": "\\u2029"][plain] ?? plain
            }
            #expect(HTMLEscaping.escape(text) == html)
            #expect(HTMLEscaping.escapeWithApostrophes(text) == withApostrophes)
            #expect(JSONString.quote(text) == json + "\"")
            #expect(JSONString.quote(text, scriptSafe: true) == scriptJSON + "\"")
        }
    }
}
