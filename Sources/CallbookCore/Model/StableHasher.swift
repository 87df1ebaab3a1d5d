/// FNV-1a, 64 bits: a hash that is the same in every run (Swift's `Hasher` is seeded per
/// process), for the keys of the build cache.
public struct StableHasher: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { bytes in for byte in bytes { combineByte(byte) } }
        combineByte(0xFF)  // a separator no UTF-8 text contains
    }

    public mutating func combine(_ number: Int) {
        combine(String(number))
    }

    public mutating func combine<S: Sequence>(bytes: S) where S.Element == UInt8 {
        for byte in bytes { combineByte(byte) }
        combineByte(0xFF)
    }

    private mutating func combineByte(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x100_0000_01b3
    }
}
