/// JSON string literals, written by hand where output order matters (mdast dumps, the search
/// index, live-reload messages).
public enum JSONString {
    /// `text` as a quoted JSON string. With `scriptSafe`, `<` and the line separators are
    /// escaped too, so the JSON can sit inside a `<script>`.
    public static func quote(_ text: String, scriptSafe: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        append(text, to: &out, scriptSafe: scriptSafe)
        return String(decoding: out, as: UTF8.self)
    }

    /// `quote(text)`'s bytes, added to `out`.
    public static func append(_ text: some StringProtocol, to out: inout [UInt8], scriptSafe: Bool = false) {
        // UTF-8 passes through as it is, a run at a time; only ASCII needs escaping (and, for
        // scripts, U+2028/U+2029, whose UTF-8 starts E2 80 A8/A9).
        var text = String(text)
        text.withUTF8 { append(utf8: $0, to: &out, scriptSafe: scriptSafe) }
    }

    /// `append` of the text whose UTF-8 bytes are `bytes`.
    public static func append(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], scriptSafe: Bool = false) {
        out.append(0x22)
        var runStart = 0
        var index = 0
        /// The run before `index` as it is, then `escaped` for the `length` bytes at `index`.
        func escape(_ escaped: String, length: Int = 1) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            out.append(contentsOf: escaped.utf8)
            index += length
            runStart = index
        }
        while let next = EscapeScan.firstJSONSpecial(in: bytes, from: index, scriptSafe: scriptSafe) {
            index = next
            let byte = bytes[index]
            switch byte {
            case 0x22: escape(#"\""#)
            case 0x5C: escape(#"\\"#)
            case 0x0A: escape(#"\n"#)
            case 0x0D: escape(#"\r"#)
            case 0x09: escape(#"\t"#)
            case 0x3C: escape(#"\u003c"#)
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                escape(bytes[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#, length: 3)
            case 0x00..<0x20:
                let hex = String(byte, radix: 16)
                escape("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default:
                index += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        out.append(0x22)
    }
}
