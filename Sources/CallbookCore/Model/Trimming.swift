import Foundation

extension StringProtocol {
    /// `trimmingWhitespace()`, with ASCII ends handled byte by byte (Foundation
    /// only for the rare text that ends in other white space): the parser trims every line.
    public func trimmingWhitespace() -> String {
        trimming(ascii: { $0 == 0x20 || $0 == 0x09 }, else: .whitespaces)
    }

    /// `trimmingWhitespaceAndNewlines()`, as fast as `trimmingWhitespace()`.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimming(ascii: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }, else: .whitespacesAndNewlines)
    }

    /// Drops the ASCII bytes of `set` at both ends; when a non-ASCII character is then at an
    /// end (which may belong to `set`), Foundation trims the rest. `set` is made only then
    /// (Foundation builds a character set anew each time it is asked for one).
    private func trimming(ascii isMember: (UInt8) -> Bool, else set: @autoclosure () -> CharacterSet) -> String {
        let text = Substring(self)
        let bytes = text.utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isMember(bytes[start]) { start = bytes.index(after: start) }
        while start < end, isMember(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        let rest = text[start..<end]
        guard let first = rest.utf8.first, let last = rest.utf8.last, first >= 0x80 || last >= 0x80 else { return String(rest) }
        return rest.trimmingCharacters(in: set())
    }
}
