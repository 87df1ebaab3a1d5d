import Foundation

/// Labels and anchors as MyST makes them, so that `{ref}` finds what mystmd finds and links
/// land on the same `id`s.
public enum Labels {
    /// The identifier a label is looked up by (mystmd's `normalizeLabel`): runs of white space
    /// become one space, quotes (`'‘’"“”`) are removed, then it is trimmed and lowercased.
    /// `"  My   -   Figure  "` → `"my - figure"`.
    public static func normalize(_ label: String) -> String {
        // Fast path: most labels are already lowercase ASCII words joined by `-`, `_`, `:` or `.`.
        if !label.containsByte(where: { !((0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F
                || $0 == 0x3A || $0 == 0x2E) }) {
            return label
        }
        // As mystmd: runs of white space become one space, then quotes go, then trim and
        // lowercase. In one pass: a quote ends a run of white space before it is dropped.
        if let ascii = asciiNormalized(label) { return ascii }
        var out = String.UnicodeScalarView()
        var inSpace = false
        var ascii = true
        for scalar in label.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r":
                if !inSpace { out.append(" ") }
                inSpace = true
            case "'", "‘", "’", "\"", "“", "”":
                inSpace = false
            default:
                out.append(scalar)
                inSpace = false
                ascii = ascii && scalar.isASCII
            }
        }
        while out.last == " " { out.removeLast() }
        let text = String(out[(out.firstIndex { $0 != " " } ?? out.endIndex)...])
        return ascii ? asciiLowercased(text) : text.lowercased()
    }

    /// `normalize` of an all-ASCII label, byte by byte (the same steps); nil for any other.
    private static func asciiNormalized(_ label: String) -> String? {
        var label = label
        return label.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var inSpace = false
            for byte in bytes {
                switch byte {
                case 0x80...: return nil
                case 0x20, 0x09, 0x0A, 0x0D:
                    if !inSpace { out.append(0x20) }
                    inSpace = true
                case 0x27, 0x22:
                    inSpace = false
                case 0x41...0x5A:
                    out.append(byte + 0x20)
                    inSpace = false
                default:
                    out.append(byte)
                    inSpace = false
                }
            }
            while out.last == 0x20 { out.removeLast() }
            let start = out.firstIndex { $0 != 0x20 } ?? out.endIndex
            return String(decoding: out[start...], as: UTF8.self)
        }
    }

    /// `text` (all ASCII) with `A`–`Z` lowered, byte by byte.
    private static func asciiLowercased(_ text: String) -> String {
        guard text.containsByte(where: { (0x41...0x5A).contains($0) }) else { return text }
        return String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// The HTML `id` for an identifier (mystmd's `createHtmlId`): lowercase; every character
    /// other than `a-z`, `0-9` and `-` becomes `-`; an id starting with a digit or `-` gets
    /// `id-` in front; repeated `-` collapse; leading and trailing `-` go.
    /// `"Hello, World!"` → `"hello-world"`, `"1. Intro"` → `"id-1-intro"`.
    public static func htmlID(_ identifier: String) -> String {
        // Only a-z, 0-9 and `-` survive, so the id is built as bytes; non-ASCII text is lowered
        // by Unicode's rules first (some capitals lower to ASCII letters). Every byte of a
        // non-ASCII character becomes `-`, and repeated `-` collapse: one `-` per character.
        var text = identifier
        if text.containsByte(where: { $0 >= 0x80 }) { text = text.lowercased() }
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count + 3) { out in
                var count = 0
                for var byte in bytes {
                    if byte >= 0x41, byte <= 0x5A { byte += 0x20 }
                    let isDigit = byte >= 0x30 && byte <= 0x39
                    if !(byte >= 0x61 && byte <= 0x7A) && !isDigit { byte = 0x2D }
                    if count == 0, byte == 0x2D || isDigit {
                        (out[0], out[1], out[2]) = (0x69, 0x64, 0x2D)  // "id-"
                        count = 3
                    }
                    if byte == 0x2D, count > 0, out[count - 1] == 0x2D { continue }
                    out[count] = byte
                    count += 1
                }
                while count > 0, out[count - 1] == 0x2D { count -= 1 }
                return count
            }
        }
    }

    /// The anchor of a heading with no explicit label: the html id of its normalised text.
    public static func headingID(_ text: String) -> String {
        htmlID(normalize(text))
    }
}
