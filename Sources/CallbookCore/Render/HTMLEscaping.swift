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

    /// `escape(_:)` written straight into `out`, without a string of its own (a page's text
    /// nodes are most of what it escapes).
    static func appendEscaped(_ text: String, to out: inout HTMLOutput) {
        var text = text
        text.withUTF8 { bytes in
            let end = forEachEscape(in: bytes, apostrophes: false) { run, entity in
                out.append(run)
                out += entity
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[end...]))
        }
    }

    /// The runs between the bytes to escape copied as they are (`EscapeScan` finds those
    /// bytes); the text itself when it has nothing to escape.
    private static func escaping(_ text: String, apostrophes: Bool) -> String {
        var text = text
        let escaped = text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            let end = forEachEscape(in: bytes, apostrophes: apostrophes) { run, entity in
                if out.isEmpty { out.reserveCapacity(bytes.count + 16) }
                out.append(contentsOf: run)
                out.append(contentsOf: entity.utf8)
            }
            guard end > 0 else { return nil }  // nothing escaped
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[end...]))
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// Calls `put` with each run of bytes before a byte to escape and that byte's entity; returns
    /// where the last run (up to the end, nothing to escape in it) starts.
    private static func forEachEscape(in bytes: UnsafeBufferPointer<UInt8>, apostrophes: Bool,
                                      _ put: (UnsafeBufferPointer<UInt8>, String) -> Void) -> Int {
        var runStart = 0
        while let next = EscapeScan.firstHTMLSpecial(in: bytes, from: runStart, apostrophes: apostrophes) {
            let entity: String
            switch bytes[next] {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            default: entity = "&#39;"
            }
            put(UnsafeBufferPointer(rebasing: bytes[runStart..<next]), entity)
            runStart = next + 1
        }
        return runStart
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
