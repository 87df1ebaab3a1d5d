/// The tab-separated fields of one line of a manifest (`BuildManifest`), read from its bytes:
/// texts unescaped, numbers parsed by hand (as strictly as `Int64(_:)` and `UInt64(_:radix:)`:
/// digits only, a sign only before a decimal, nothing that overflows).
struct ManifestFields {
    let bytes: UnsafeBufferPointer<UInt8>
    let ranges: [Range<Int>]
    /// The first field: what the line is about.
    let name: Substring

    init?(bytes: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) {
        guard let first = ranges.first else { return nil }
        self.bytes = bytes
        self.ranges = ranges
        name = Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[first]), as: UTF8.self))
    }

    /// Field `index` as text, `\\` escapes undone.
    func text(_ index: Int) -> String {
        let field = UnsafeBufferPointer(rebasing: bytes[ranges[index]])
        let text = String(decoding: field, as: UTF8.self)
        return field.contains(0x5C) ? BuildManifest.unescape(Substring(text)) : text
    }

    /// Field `index` as a decimal number (a leading `-` allowed).
    func integer(_ index: Int) -> Int64? {
        Self.integer(bytes, ranges[index])
    }

    /// Field `index` as a hexadecimal number (lowercase or capital digits, no sign).
    func hex(_ index: Int) -> UInt64? {
        let field = bytes[ranges[index]]
        guard !field.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in field {
            let digit: UInt64
            switch byte {
            case 0x30...0x39: digit = UInt64(byte - 0x30)
            case 0x61...0x66: digit = UInt64(byte - 0x61 + 10)
            case 0x41...0x46: digit = UInt64(byte - 0x41 + 10)
            default: return nil
            }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 16)
            guard !overflow else { return nil }
            value = shifted | digit
        }
        return value
    }

    /// Field `index` as a stamp (`FileStamp.text`): `-`, or eight numbers joined by `.`.
    func stamp(_ index: Int) -> FileStamp? {
        let field = ranges[index]
        if field.count == 1, bytes[field.lowerBound] == 0x2D { return .absent }
        var values: [Int64] = []
        values.reserveCapacity(8)
        var start = field.lowerBound
        while true {
            var end = start
            while end < field.upperBound, bytes[end] != 0x2E { end += 1 }
            guard values.count < 8, let value = Self.integer(bytes, start..<end) else { return nil }
            values.append(value)
            guard end < field.upperBound else { break }
            start = end + 1
        }
        return values.count == 8 ? FileStamp(fields: values) : nil
    }

    /// The decimal number in `bytes[field]`, by index (a slice's generic steps cost more than
    /// the digits).
    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Range<Int>) -> Int64? {
        var index = field.lowerBound
        guard index < field.upperBound else { return nil }
        let negative = bytes[index] == 0x2D
        if negative || bytes[index] == 0x2B { index += 1 }
        guard index < field.upperBound else { return nil }
        // Accumulated as a negative number, which reaches Int64.min.
        var value: Int64 = 0
        while index < field.upperBound {
            let byte = bytes[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.subtractingReportingOverflow(Int64(byte - 0x30))
            guard !overflow, !overflow2 else { return nil }
            value = sum
            index += 1
        }
        if negative { return value }
        let (positive, overflow) = (0 as Int64).subtractingReportingOverflow(value)
        return overflow ? nil : positive
    }
}
