#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Finding text by its UTF-8 bytes, where Foundation's `range(of:)` and `contains(_:)` would
/// compare Unicode-equivalent spellings (and go through `NSString`): callbook looks for text
/// cut from the same source, or for ASCII, so bytes are the exact answer, and much faster.
extension StringProtocol {
    /// The byte offset of the first occurrence of `needle`'s bytes; nil when there is none.
    /// An empty needle is found at 0.
    func utf8Offset(of needle: some StringProtocol) -> Int? {
        let hay = Array(utf8), pattern = Array(needle.utf8)
        guard let first = pattern.first else { return 0 }
        guard pattern.count <= hay.count else { return nil }
        var start = 0
        while start <= hay.count - pattern.count {
            if hay[start] == first && hay[start..<start + pattern.count].elementsEqual(pattern) { return start }
            start += 1
        }
        return nil
    }

    /// Whether `needle`'s bytes occur in this text.
    func containsBytes(_ needle: some StringProtocol) -> Bool {
        utf8Offset(of: needle) != nil
    }
}

extension String {
    /// `lastIndex(of:)` for an ASCII character, found by its byte: the same index, since the byte
    /// is a character of its own when the bytes beside it are ASCII (otherwise, as when a
    /// combining mark follows it, Characters decide). Paths and URLs are searched this way for
    /// every link of every page, where walking Characters was a tenth of a clean build.
    func lastIndex(ofASCII byte: UInt8) -> Index? {
        index(ofASCII: byte, last: true)
    }

    /// `firstIndex(of:)` for an ASCII character, found by its byte (see `lastIndex(ofASCII:)`).
    func firstIndex(ofASCII byte: UInt8) -> Index? {
        index(ofASCII: byte, last: false)
    }

    /// `split(separator:omittingEmptySubsequences:)` for an ASCII separator, by bytes, when the
    /// whole text is ASCII (every byte a character of its own); nil otherwise, for Characters to
    /// split it.
    func asciiParts(separatedBy byte: UInt8, omittingEmptySubsequences: Bool = true) -> [Substring]? {
        var text = self
        let ranges = text.withUTF8 { bytes -> [Range<Int>]? in
            var ranges: [Range<Int>] = []
            var start = 0
            for index in 0...bytes.count {
                if index < bytes.count {
                    if bytes[index] >= 0x80 { return nil }
                    guard bytes[index] == byte else { continue }
                }
                if index > start || !omittingEmptySubsequences { ranges.append(start..<index) }
                start = index + 1
            }
            return ranges
        }
        guard let ranges else { return nil }
        return ranges.map { range in
            self[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
        }
    }

    private func index(ofASCII byte: UInt8, last: Bool) -> Index? {
        var text = self
        // nil: undecided by bytes; .some(nil): not there.
        let found: Int?? = text.withUTF8 { bytes in
            guard let at = last ? bytes.lastIndex(of: byte) : bytes.firstIndex(of: byte) else { return .some(nil) }
            if (at > 0 && bytes[at - 1] >= 0x80) || (at + 1 < bytes.count && bytes[at + 1] >= 0x80) { return nil }
            return .some(at)
        }
        switch found {
        case .some(let at?): return utf8.index(utf8.startIndex, offsetBy: at)
        case .some(nil): return nil
        case nil:
            let character = Character(Unicode.Scalar(byte))
            return last ? lastIndex(of: character) : firstIndex(of: character)
        }
    }

    /// Whether any byte of the text's UTF-8 passes `test`, read in place (a closure over
    /// `utf8` goes through the generic iterator, byte by byte).
    func containsByte(where test: (UInt8) -> Bool) -> Bool {
        var text = self
        return text.withUTF8 { $0.contains(where: test) }
    }

    /// The byte offsets of the text's line feeds.
    func lineFeedOffsets() -> [Int] {
        var text = self
        return text.withUTF8 { bytes in
            var offsets: [Int] = []
            var from = 0
            while let feed = bytes.firstOffset(of: 10, from: from) {
                offsets.append(feed)
                from = feed + 1
            }
            return offsets
        }
    }

    /// The text's lines, split at each line feed (a text ending in one ends in an empty line),
    /// as slices of it: `utf8.split(separator: 10, omittingEmptySubsequences: false)`, without
    /// the generic splitting.
    func lineSlices() -> [Substring] {
        let feeds = lineFeedOffsets()
        var lines: [Substring] = []
        lines.reserveCapacity(feeds.count + 1)
        var start = utf8.startIndex
        var startOffset = 0
        for feed in feeds {
            let end = utf8.index(start, offsetBy: feed - startOffset)
            // Through the UTF-8 view: the bounds sit beside line feeds, so they need no
            // rounding to characters, which `self[start..<end]` does.
            lines.append(Substring(utf8[start..<end]))
            start = utf8.index(after: end)
            startOffset = feed + 1
        }
        lines.append(self[start...])
        return lines
    }
}

extension StringProtocol {
    /// Whether the text's UTF-8 holds `byte`, read in place where the text is contiguous.
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.firstOffset(of: byte) != nil } ?? utf8.contains(byte)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The ranges of the non-empty parts between `separator` bytes (`split(separator:)`'s parts,
    /// as offsets): the folders and name of a path, read once.
    func nonEmptyParts(separatedBy separator: UInt8) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = 0
        for index in 0...count where index == count || self[index] == separator {
            if index > start { parts.append(start..<index) }
            start = index + 1
        }
        return parts
    }

    /// The offset of the first `byte` at or after `from`, found by `memchr` (the generic
    /// `firstIndex(of:)` and `contains` step through the bytes one at a time).
    func firstOffset(of byte: UInt8, from: Int = 0) -> Int? {
        guard from < count, let base = baseAddress, let found = memchr(base + from, Int32(byte), count - from) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether both hold the same bytes, compared by `memcmp` (the generic `elementsEqual` steps
    /// through an iterator byte by byte, a hundred times slower on a path).
    func hasSameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
        count == other.count && (count == 0 || memcmp(baseAddress!, other.baseAddress!, count) == 0)
    }
}

extension String {
    /// Whether both are spelled with the same UTF-8 bytes (`==` also takes canonically
    /// equivalent spellings, such as a precomposed and a combined é, as equal).
    func hasSameUTF8(as other: String) -> Bool {
        var (left, right) = (self, other)
        return left.withUTF8 { leftBytes in right.withUTF8 { leftBytes.hasSameBytes(as: $0) } }
    }
}
