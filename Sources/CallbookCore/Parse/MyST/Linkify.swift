/// Bare web addresses and e-mail addresses in text become links, as mystmd's linkify makes
/// them: `https://…`, `http://…`, `www.…` (linked as `http://www.…`) and `name@example.org`
/// (linked as `mailto:`). Trailing punctuation (`.,:;!?*_~'"`) and an unbalanced `)`, `]` or `}` stay
/// outside the link. Not inside links or code, which never reach here as text.
enum Linkify {
    static func apply(_ inlines: [Inline]) -> [Inline] {
        InlineTextPass.apply(inlines, mayMatch: mayHaveLinks, split: split)
    }

    /// A quick look: `://`, `www.` or `@` somewhere in the text.
    static func mayHaveLinks(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // `@`, `://` or `ww.`, each found by `memchr` on its rarest byte.
            if bytes.firstOffset(of: UInt8(ascii: "@")) != nil { return true }
            var from = 0
            while let colon = bytes.firstOffset(of: UInt8(ascii: ":"), from: from) {
                if colon + 2 < bytes.count, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/") { return true }
                from = colon + 1
            }
            from = 2
            while let dot = bytes.firstOffset(of: UInt8(ascii: "."), from: from) {
                if bytes[dot - 1] == UInt8(ascii: "w"), bytes[dot - 2] == UInt8(ascii: "w") { return true }
                from = dot + 1
            }
            return false
        }
    }

    static func split(_ text: String, range: SourceRange?) -> [Inline] {
        let bytes = Array(text.utf8)
        var result: [Inline] = []
        var textStart = 0
        var index = 0
        func emit(_ start: Int, _ end: Int, url: String) {
            if start > textStart { result.append(Inline(.text(String(decoding: bytes[textStart..<start], as: UTF8.self)), at: range)) }
            let shown = String(decoding: bytes[start..<end], as: UTF8.self)
            result.append(Inline(.link(url: url, title: nil, children: [Inline(.text(shown), at: range)]), at: range))
            textStart = end
        }
        while index < bytes.count {
            let atWordStart = index == 0 || !isWordByte(bytes[index - 1])
            if atWordStart, let end = webAddressEnd(bytes, from: index) {
                let shown = String(decoding: bytes[index..<end], as: UTF8.self)
                emit(index, end, url: shown.hasPrefix("www.") ? "http://" + shown : shown)
                index = end
                continue
            }
            if bytes[index] == UInt8(ascii: "@"), let (start, end) = emailAround(bytes, at: index, notBefore: textStart) {
                emit(start, end, url: "mailto:" + String(decoding: bytes[start..<end], as: UTF8.self))
                index = end
                continue
            }
            index += 1
        }
        if textStart < bytes.count {
            result.append(Inline(.text(String(decoding: bytes[textStart...], as: UTF8.self)), at: range))
        }
        return result
    }

    /// The end of a web address starting at `start` (`http://`, `https://` or `www.` and at
    /// least one more character), without trailing punctuation.
    private static func webAddressEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        let prefixes = ["https://", "http://", "www."].map { Array($0.utf8) }
        guard let prefix = prefixes.first(where: { start + $0.count < bytes.count && bytes[start..<(start + $0.count)].elementsEqual($0) })
        else { return nil }
        var end = start + prefix.count
        while end < bytes.count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: "<") { end += 1 }
        // Trailing punctuation is the sentence's, and a `)`, `]` or `}` without its opening
        // bracket in the address is the text's.
        var balance: [UInt8: Int] = [:]  // closing bracket → closings less openings
        let pairs: [UInt8: UInt8] = [UInt8(ascii: "("): UInt8(ascii: ")"), UInt8(ascii: "["): UInt8(ascii: "]"),
                                     UInt8(ascii: "{"): UInt8(ascii: "}")]
        for byte in bytes[start..<end] {
            if let closing = pairs[byte] { balance[closing, default: 0] -= 1 }
            if pairs.values.contains(byte) { balance[byte, default: 0] += 1 }
        }
        while end > start + prefix.count {
            let last = bytes[end - 1]
            if ".,:;!?*_~'\"".utf8.contains(last) {
                end -= 1
            } else if let unmatched = balance[last], unmatched > 0 {
                balance[last] = unmatched - 1
                end -= 1
            } else {
                break
            }
        }
        guard end > start + prefix.count else { return nil }
        if prefix.count == 4 {  // `www.` needs a domain with a dot after it
            let rest = bytes[(start + 4)..<end]
            guard let first = rest.first, isAlphanumeric(first) else { return nil }
        }
        return end
    }

    /// The e-mail address around the `@` at `at`: a local part of letters, digits and `._+-`
    /// before it, and a domain of labels joined by dots (at least one) after it.
    private static func emailAround(_ bytes: [UInt8], at: Int, notBefore limit: Int) -> (Int, Int)? {
        var start = at
        while start > limit, isLocalByte(bytes[start - 1]) { start -= 1 }
        while start < at, bytes[start] == UInt8(ascii: ".") { start += 1 }
        guard start < at else { return nil }
        var end = at + 1
        var dots = 0
        while end < bytes.count, isAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: "-")
                || (bytes[end] == UInt8(ascii: ".") && end + 1 < bytes.count && isAlphanumeric(bytes[end + 1])) {
            if bytes[end] == UInt8(ascii: ".") { dots += 1 }
            end += 1
        }
        guard dots > 0, end > at + 1, isAlphanumeric(bytes[end - 1]) else { return nil }
        return (start, end)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
    private static func isWordByte(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte >= 0x80 }
    private static func isLocalByte(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || "._+-".utf8.contains(byte) }
}
