/// The bytes of a binary cache file, written: unsigned numbers as LEB128 (seven bits a byte,
/// the high bit set on every byte but the last), texts and byte runs as their length and then
/// their bytes.
struct CacheBytesWriter {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Bytes as they are (a header, a part written before).
    mutating func append(_ raw: some Collection<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    mutating func number(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func number(_ value: Int) {
        number(UInt64(value))
    }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { run($0) }
    }

    mutating func run(_ value: some Collection<UInt8>) {
        number(value.count)
        bytes.append(contentsOf: value)
    }
}

/// The bytes `CacheBytesWriter` wrote, read back in place (within the `withUnsafeBufferPointer`
/// of the bytes). Every read checks what is left first: a damaged or truncated file reads as
/// nil at the first thing that does not fit, never past its end.
struct CacheBytesReader {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    private(set) var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func number() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count, shift < 64 {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    /// A number that counts something of at most `limit` (a length, an index).
    mutating func count(atMost limit: Int) -> Int? {
        guard limit >= 0, let value = number(), value <= UInt64(limit) else { return nil }
        return Int(value)
    }

    /// Where the next run of bytes lies (offsets into `bytes`).
    mutating func runRange() -> Range<Int>? {
        guard let value = number(), value <= UInt64(bytes.count - position) else { return nil }
        let length = Int(value)
        defer { position += length }
        return position..<position + length
    }

    mutating func run() -> UnsafeBufferPointer<UInt8>? {
        runRange().map { UnsafeBufferPointer(rebasing: bytes[$0]) }
    }

    mutating func text() -> String? {
        run().map { String(decoding: $0, as: UTF8.self) }
    }
}
