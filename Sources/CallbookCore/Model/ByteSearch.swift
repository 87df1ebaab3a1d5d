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
