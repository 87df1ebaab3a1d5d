@testable import CallbookCore
import Testing

/// The binary form of the caches: unsigned LEB128 numbers, texts and runs as length + bytes,
/// read back in place with every length checked against what is left.
@Suite struct CacheBytesTests {
    @Test func numbersAreUnsignedLEB128() {
        // The worked example of the LEB128 format (DWARF 5, section 7.6; also Wikipedia's):
        // 624485 is E5 8E 26.
        var writer = CacheBytesWriter()
        writer.number(624_485)
        #expect(writer.bytes == [0xE5, 0x8E, 0x26])
        for (value, bytes) in [(UInt64(0), [0x00]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02])] as [(UInt64, [UInt8])] {
            var one = CacheBytesWriter()
            one.number(value)
            #expect(one.bytes == bytes, "\(value)")
        }
    }

    @Test func whatIsWrittenReadsBack() {
        var writer = CacheBytesWriter()
        let numbers: [UInt64] = [0, 1, 127, 128, 16_383, 16_384, UInt64(UInt32.max), UInt64.max]
        for number in numbers { writer.number(number) }
        writer.text("")
        writer.text("caf\u{E9} \u{1F600}")
        writer.run([0, 0xFF, 0x80])
        writer.bytes.withUnsafeBufferPointer { buffer in
            var reader = CacheBytesReader(buffer)
            #expect(numbers.map { _ in reader.number() } == numbers.map { Optional($0) })
            #expect(reader.text() == "")
            #expect(reader.text() == "caf\u{E9} \u{1F600}")
            #expect(reader.run().map(Array.init) == [0, 0xFF, 0x80])
            #expect(reader.isAtEnd)
            #expect(reader.number() == nil && reader.text() == nil)
        }
    }

    @Test func aTruncatedOrDamagedRecordReadsAsNilNeverPastItsEnd() {
        var writer = CacheBytesWriter()
        writer.number(2)
        writer.text("hello")
        writer.text("world!")
        let bytes = writer.bytes
        for length in 0..<bytes.count {
            bytes[..<length].withUnsafeBufferPointer { buffer in
                var reader = CacheBytesReader(buffer)
                let whole = reader.number() != nil && reader.text() != nil && reader.text() != nil
                #expect(!whole, "a record cut at \(length) of \(bytes.count) bytes read whole")
            }
        }
        // A length longer than what is left, and a number that never ends.
        for damaged in [[0x09, 0x61, 0x62], [0xFF, 0xFF, 0xFF], [UInt8](repeating: 0x80, count: 12)] as [[UInt8]] {
            damaged.withUnsafeBufferPointer { buffer in
                var reader = CacheBytesReader(buffer)
                #expect(reader.run() == nil)
            }
        }
        // A count above its limit.
        ([0x05] as [UInt8]).withUnsafeBufferPointer { buffer in
            var reader = CacheBytesReader(buffer)
            #expect(reader.count(atMost: 4) == nil)
        }
    }

    /// A text read against one that may be the same reads as `text()` reads it, whatever the
    /// earlier one is (same, a prefix, longer, other bytes, none), and a cut one as none.
    @Test func aTextReadAgainstAnEarlierOneIsTheSameText() {
        let texts = ["", "a.md", "chapters/intro.md", "chapters/intro.mdx", "chapters/intrö.md", "b"]
        for written in texts {
            var writer = CacheBytesWriter()
            writer.text(written)
            writer.number(7)
            let bytes = writer.bytes
            for previous in texts.map(Optional.some) + [nil] {
                bytes.withUnsafeBufferPointer { buffer in
                    var reader = RecordReader(CacheBytesReader(buffer))
                    #expect(reader.text(reusing: previous) == written, "\(written) after \(previous ?? "none")")
                    #expect(reader.bytes.number() == 7)
                }
                for length in 0..<bytes.count - 1 {
                    bytes[..<length].withUnsafeBufferPointer { buffer in
                        var reader = RecordReader(CacheBytesReader(buffer))
                        #expect(reader.text(reusing: previous) == nil, "\(written) cut at \(length)")
                    }
                }
            }
        }
    }
}
