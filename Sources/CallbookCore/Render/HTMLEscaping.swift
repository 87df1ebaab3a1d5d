/// All HTML escaping lives here: text and attribute values, and URLs in `href`/`src`.
public enum HTMLEscaping {
    /// Escapes `&`, `<`, `>` and `"` (what CommonMark's reference renderer escapes), safe for
    /// both text and double-quoted attribute values.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
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

    /// Escapes a URL for an attribute: percent-encodes unsafe bytes, keeps existing `%XX`.
    public static func escapeURL(_ url: String) -> String {
        var out = ""
        out.reserveCapacity(url.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in url.utf8 {
            if byte < 128 && hrefSafe[Int(byte)] {
                switch byte {
                case UInt8(ascii: "&"): out += "&amp;"
                case UInt8(ascii: "'"): out += "&#x27;"
                default: out.unicodeScalars.append(Unicode.Scalar(byte))
                }
            } else {
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            }
        }
        return out
    }
}
