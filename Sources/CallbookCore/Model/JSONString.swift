/// JSON string literals, written by hand where output order matters (mdast dumps, the search
/// index, live-reload messages).
public enum JSONString {
    /// `text` as a quoted JSON string. With `scriptSafe`, `<` and the line separators are
    /// escaped too, so the JSON can sit inside a `<script>`.
    public static func quote(_ text: String, scriptSafe: Bool = false) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where scriptSafe: out += "\\u003c"
            case "\u{2028}" where scriptSafe: out += "\\u2028"
            case "\u{2029}" where scriptSafe: out += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
