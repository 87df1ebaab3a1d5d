import Testing

/// What every cache file's reader must do with bytes it did not write as they are: refuse each
/// cut of them, survive random damage (any answer but a crash), and refuse another binary's
/// (its identity, right after the header, of another length).
enum CacheFileDamage {
    /// - Parameters:
    ///   - bytes: a cache file as written.
    ///   - header: the length of its header (the identity follows it).
    ///   - damages: how many one-byte damages to try.
    ///   - reads: whether the reader takes the bytes.
    static func expectRefused(_ bytes: [UInt8], header: Int, damages: Int, reads: ([UInt8]) -> Bool,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        for length in 0..<bytes.count {
            #expect(!reads(Array(bytes.prefix(length))), "cut at \(length)", sourceLocation: sourceLocation)
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<damages {
            var damaged = bytes
            damaged[Int.random(in: header..<damaged.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            _ = reads(damaged)  // any answer but a crash
        }
        var other = bytes
        other.replaceSubrange(header..<header + 1, with: [0])
        #expect(!reads(other), "another binary's", sourceLocation: sourceLocation)
    }
}
