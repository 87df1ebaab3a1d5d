/// The HTML a renderer writes, as UTF-8 bytes: appending a piece copies its bytes, without a
/// `String`'s checks of capacity, uniqueness and ASCII-ness at every append (a page is tens of
/// thousands of appends), and a page's body goes to its file as these bytes, never checked
/// again as a `String` would be.
public struct HTMLOutput: Sendable {
    private(set) var bytes: [UInt8] = []

    public init() {}

    /// What was written, as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    var isEmpty: Bool { bytes.isEmpty }

    /// `text.hasSuffix("\n")`: the last character is a line feed (a carriage return and line
    /// feed together are one character, another one).
    var endsWithLineFeed: Bool {
        guard bytes.last == 0x0A else { return false }
        return bytes.count < 2 || bytes[bytes.count - 2] != 0x0D
    }

    mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(count)
    }

    /// Appends bytes as they are (UTF-8, a whole number of characters' worth).
    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: piece)
    }

    static func += (output: inout HTMLOutput, piece: String) {
        if piece.utf8.withContiguousStorageIfAvailable({ output.bytes.append(contentsOf: $0) }) == nil {
            output.bytes.append(contentsOf: piece.utf8)
        }
    }
}
