/// All HTML escaping lives here: text and attribute values, and URLs in `href`/`src`.
public enum HTMLEscaping {
    /// Escapes `&`, `<`, `>` and `"` (what CommonMark's reference renderer escapes), safe for
    /// both text and double-quoted attribute values.
    public static func escape(_ text: String) -> String {
        escaping(text, apostrophes: false)
    }

    /// As `escape(_:)`, and `'` as `&#39;` too: what Mustache's `{{name}}` escapes (see
    /// `TemplateEscaping`).
    static func escapeWithApostrophes(_ text: String) -> String {
        escaping(text, apostrophes: true)
    }

    /// The runs between the bytes to escape copied as they are (`EscapeScan` finds those
    /// bytes); the text itself when it has nothing to escape.
    private static func escaping(_ text: String, apostrophes: Bool) -> String {
        var text = text
        let escaped = text.withUTF8 { bytes -> String? in
            guard var next = EscapeScan.firstHTMLSpecial(in: bytes, from: 0, apostrophes: apostrophes) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var runStart = 0
            while true {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<next]))
                switch bytes[next] {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                default: out.append(contentsOf: "&#39;".utf8)
                }
                runStart = next + 1
                guard let found = EscapeScan.firstHTMLSpecial(in: bytes, from: runStart, apostrophes: apostrophes) else { break }
                next = found
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// Bytes that may stand unencoded in an `href` (as CommonMark's reference renderer allows);
    /// everything else is percent-encoded, and `&` and `'` become entities.
    private static let hrefSafe: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = true }
        for char in "-_.+!*'(),%#@?=;:/,+&$~" { table[Int(char.asciiValue!)] = true }
        return table
    }()

    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Escapes a URL for an attribute: percent-encodes unsafe bytes, keeps existing `%XX`.
    public static func escapeURL(_ url: String) -> String {
        encode(url, entities: true)
    }

    /// The URL as an `href` written by `escapeURL` reads once its entities are decoded (what a
    /// script's `getAttribute("href")` returns): unsafe bytes percent-encoded, `&` and `'` as they are.
    public static func encodeURL(_ url: String) -> String {
        encode(url, entities: false)
    }

    private static func encode(_ url: String, entities: Bool) -> String {
        let safe = hrefSafe
        // Most URLs have nothing to encode: they are returned as they are.
        guard url.containsByte(where: { $0 >= 128 || !safe[Int($0)] || (entities && ($0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "'"))) })
        else { return url }
        var out: [UInt8] = []
        out.reserveCapacity(url.utf8.count + 8)
        let hex = Self.hex
        for byte in url.utf8 {
            if byte < 128 && safe[Int(byte)] {
                switch byte {
                case UInt8(ascii: "&") where entities: out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "'") where entities: out.append(contentsOf: "&#x27;".utf8)
                default: out.append(byte)
                }
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
