@testable import CallbookCore
import Testing

/// An ASCII character found by its byte is found where Swift's Characters find it, whatever
/// surrounds it (combining marks, emoji with joiners, a CR LF pair, a prepended Arabic sign);
/// and a path `normalize` finds nothing to do in comes back as the Character-by-Character
/// normalisation gives it (the oracle: the algorithm as it stood before).
@Suite struct ASCIIIndexTests {
    static let pieces = ["/", ":", "#", "a", "b.md", ".", "..", "\u{301}", "é", "e\u{301}", "😀", "\u{200D}", "👍🏽",
                         "\r", "\n", "\u{600}", "日本", "x", ""]

    static func random(_ generator: inout SystemRandomNumberGenerator) -> String {
        (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    @Test func sameIndexAsCharactersFind() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = Self.random(&generator)
            for character in ["/", ":", "#"] as [Character] {
                let byte = character.asciiValue!
                #expect(text.lastIndex(ofASCII: byte) == text.lastIndex(of: character), "\(text.debugDescription) \(character)")
                #expect(text.firstIndex(ofASCII: byte) == text.firstIndex(of: character), "\(text.debugDescription) \(character)")
            }
            #expect(BookPaths.directory(of: text) == Self.directory(of: text), "\(text.debugDescription)")
        }
    }

    /// Same bytes as the generic byte-by-byte comparison finds them: a precomposed é and e with
    /// a combining accent are equal Strings, not the same bytes.
    @Test func sameBytesAsElementByElement() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let (left, right) = (Self.random(&generator), Bool.random(using: &generator) ? Self.random(&generator) : "")
            for (a, b) in [(left, right), (left, left), (left, left + "x"), (right + left, left)] {
                #expect(a.hasSameUTF8(as: b) == a.utf8.elementsEqual(b.utf8), "\(a.debugDescription) \(b.debugDescription)")
                let bytes = (Array(a.utf8), Array(b.utf8))
                let same = bytes.0.withUnsafeBufferPointer { x in bytes.1.withUnsafeBufferPointer { x.hasSameBytes(as: $0) } }
                #expect(same == bytes.0.elementsEqual(bytes.1))
            }
        }
        #expect("\u{E9}" == "e\u{301}" && !"\u{E9}".hasSameUTF8(as: "e\u{301}"))
    }

    @Test func asciiPartsAreWhatSplitGives() {
        var generator = SystemRandomNumberGenerator()
        let ascii = ["/", "a", "bc", ".", "..", ""]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in ascii.randomElement(using: &generator)! }.joined()
            for omitting in [true, false] {
                #expect(text.asciiParts(separatedBy: UInt8(ascii: "/"), omittingEmptySubsequences: omitting)
                        == text.split(separator: "/", omittingEmptySubsequences: omitting), "\(text.debugDescription) \(omitting)")
            }
            let other = Self.random(&generator)
            if !other.utf8.allSatisfy({ $0 < 0x80 }) { #expect(other.asciiParts(separatedBy: UInt8(ascii: "/")) == nil) }
        }
    }

    @Test func normalizedAsCharacterByCharacter() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let path = Self.random(&generator)
            #expect(BookPaths.normalize(path) == Self.normalize(path), "\(path.debugDescription)")
        }
        for path in ["a/b.md", "a//b", "/a", "a/", "./a", "a/./b", "a/../b", "../a", "..", ".", "", "a/.b/..c", "a/\u{301}/b"] {
            #expect(BookPaths.normalize(path) == Self.normalize(path), "\(path.debugDescription)")
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }
}
