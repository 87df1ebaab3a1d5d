/// Where the next byte that escaping changes is, eight bytes at a time: most text has none in
/// a run of dozens of bytes, and a byte-by-byte loop spent ten instructions on each. A word of
/// eight bytes is tested for each sought byte at once (a byte equal to it becomes zero, and a
/// zero byte sets its top bit in `(x - 0x01…) & ~x & 0x80…`); a word with a hit is read again
/// byte by byte, so the answer is exactly the byte loop's.
enum EscapeScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` is zero.
    @inline(__always)
    private static func hasZero(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highs != 0
    }

    /// Whether some byte of `word` is `byte`.
    @inline(__always)
    private static func has(_ word: UInt64, _ byte: UInt8) -> Bool {
        hasZero(word ^ (ones &* UInt64(byte)))
    }

    /// Whether some byte of `word` is below 0x20.
    @inline(__always)
    private static func hasControl(_ word: UInt64) -> Bool {
        (word &- ones &* 0x20) & ~word & highs != 0
    }

    /// The first index at or after `start` whose byte is `&`, `<`, `>`, `"` or (with
    /// `apostrophes`) `'`; nil when there is none.
    static func firstHTMLSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, apostrophes: Bool) -> Int? {
        func special(_ byte: UInt8) -> Bool {
            byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || (apostrophes && byte == 0x27)
        }
        return first(in: bytes, from: start, special: special) { word in
            has(word, 0x26) || has(word, 0x3C) || has(word, 0x3E) || has(word, 0x22) || (apostrophes && has(word, 0x27))
        }
    }

    /// The first index at or after `start` whose byte a JSON string must escape: `"`, `\`, a
    /// control character, and with `scriptSafe` `<` and 0xE2 (which starts U+2028 and U+2029);
    /// nil when there is none.
    static func firstJSONSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, scriptSafe: Bool) -> Int? {
        func special(_ byte: UInt8) -> Bool {
            byte == 0x22 || byte == 0x5C || byte < 0x20 || (scriptSafe && (byte == 0x3C || byte == 0xE2))
        }
        return first(in: bytes, from: start, special: special) { word in
            has(word, 0x22) || has(word, 0x5C) || hasControl(word) || (scriptSafe && (has(word, 0x3C) || has(word, 0xE2)))
        }
    }

    @inline(__always)
    private static func first(in bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                              special: (UInt8) -> Bool, wordMayHave: (UInt64) -> Bool) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count else { return nil }
        let raw = UnsafeRawPointer(base)
        var index = start
        while index + 8 <= bytes.count {
            // The bytes in memory order: the first is the lowest on a little-endian machine,
            // and the test above does not depend on the order.
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if wordMayHave(word) { break }
            index += 8
        }
        while index < bytes.count {
            if special(base[index]) { return index }
            index += 1
        }
        return nil
    }
}
