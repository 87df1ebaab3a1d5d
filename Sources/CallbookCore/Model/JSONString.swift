/// JSON string literals, written by hand where output order matters (mdast dumps, the search
/// index, live-reload messages).
public enum JSONString {
    /// `text` as a quoted JSON string. With `scriptSafe`, `<` and the line separators are
    /// escaped too, so the JSON can sit inside a `<script>`.
    public static func quote(_ text: String, scriptSafe: Bool = false) -> String {
        // Byte by byte: UTF-8 passes through as it is, only ASCII needs escaping
        // (and, for scripts, U+2028/U+2029, whose UTF-8 starts E2 80 A8/A9).
        var out: [UInt8] = [0x22]
        out.reserveCapacity(text.utf8.count + 8)
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x22: out.append(contentsOf: #"\""#.utf8)
            case 0x5C: out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x3C where scriptSafe: out.append(contentsOf: #"\u003c"#.utf8)
            case 0xE2 where scriptSafe && index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                out.append(contentsOf: (bytes[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                index += 2
            case 0x00..<0x20:
                let hex = String(byte, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out.append(byte)
            }
            index += 1
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }
}
