/// The start of a text for a short summary (a page's `<meta name="description">`, a reference's
/// preview): white space collapsed to single spaces, and a text longer than the limit cut
/// before the word that would cross it, with "…" after.
public enum TextExcerpt {
    /// `text` with runs of white space as one space, at most `limit` characters (plus "…").
    /// A single word longer than the limit is cut inside it. Reads no further than it keeps.
    public static func cut(_ text: String, limit: Int) -> String {
        if let ascii = cutASCII(text, limit: limit) { return ascii }
        var kept: [UInt8] = []  // UTF-8 (a `String` append of each character cost more)
        var count = 0  // characters in `kept`
        var lastSpace: Int?
        var spacePending = false
        for character in text {
            if isWhitespace(character) {
                spacePending = count > 0
                continue
            }
            if spacePending {
                // The words kept so far fill the limit exactly: the space would cross it.
                if count == limit { return String(decoding: kept, as: UTF8.self) + "…" }
                lastSpace = kept.count
                kept.append(0x20)
                count += 1
                spacePending = false
            }
            if count == limit {
                // This character would cross the limit: cut before the word it belongs to.
                return String(decoding: kept[..<(lastSpace ?? kept.count)], as: UTF8.self) + "…"
            }
            kept.append(contentsOf: character.utf8)
            count += 1
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// `cut` for text that is ASCII as far as it is read, byte by byte (each byte a character),
    /// written straight into the string it returns; nil when a non-ASCII byte comes first, which
    /// may join the character before it.
    private static func cutASCII(_ text: String, limit: Int) -> String? {
        var text = text
        let limit = max(limit, 0)
        return text.withUTF8 { bytes -> String? in
            var ascii = true
            let cut = String(unsafeUninitializedCapacity: min(bytes.count, limit) + 3) { kept -> Int in
                var count = 0
                var lastSpace: Int?
                var spacePending = false
                /// What is kept up to `end`, then "…".
                func ellipsis(after end: Int) -> Int {
                    (kept[end], kept[end + 1], kept[end + 2]) = (0xE2, 0x80, 0xA6)
                    return end + 3
                }
                for byte in bytes {
                    guard byte < 0x80 else { ascii = false; return 0 }
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        spacePending = count > 0
                        continue
                    }
                    if spacePending {
                        if count == limit { return ellipsis(after: count) }
                        lastSpace = count
                        kept[count] = 0x20
                        count += 1
                        spacePending = false
                    }
                    if count == limit { return ellipsis(after: lastSpace ?? count) }
                    kept[count] = byte
                    count += 1
                }
                return count
            }
            return ascii ? cut : nil
        }
    }

    /// `Character.isWhitespace`, answered without Unicode tables for ASCII.
    private static func isWhitespace(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first, first.isASCII else { return character.isWhitespace }
        return first.value == 0x20 || (0x09...0x0D).contains(first.value)
    }
}
