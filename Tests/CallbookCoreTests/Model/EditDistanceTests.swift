@testable import CallbookCore
import Testing

/// The banded distance agrees with the textbook full table (Wagner–Fischer) wherever the
/// distance is within the limit, and says "beyond" (more than the limit) everywhere else.
@Suite struct EditDistanceTests {
    /// The whole table, no band, no early stop.
    private static func fullTable(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    @Test func knownDistances() {
        // Counted by hand: kitten → sitten → sittin → sitting.
        #expect(EditDistance.between("kitten", "sitting", limit: 3) == 3)
        #expect(EditDistance.between("kitten", "sitting", limit: 2) > 2)
        #expect(EditDistance.between("", "abc", limit: 5) == 3)
        #expect(EditDistance.between("flaw", "lawn", limit: 2) == 2)
        #expect(EditDistance.between("same", "same", limit: 0) == 0)
    }

    @Test func theBandAgreesWithTheFullTable() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abc-é".unicodeScalars)
        var rows = EditDistance.Rows()
        for _ in 0..<4000 {
            let a = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let b = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let limit = Int.random(in: 0...6, using: &generator)
            let expected = Self.fullTable(a, b)
            // One set of rows reused across comparisons of every length, as the suggestions do.
            let banded = EditDistance.between(a, b, limit: limit, rows: &rows)
            if expected <= limit {
                #expect(banded == expected, "\(String(String.UnicodeScalarView(a))) / \(String(String.UnicodeScalarView(b))) limit \(limit)")
            } else {
                #expect(banded > limit, "\(String(String.UnicodeScalarView(a))) / \(String(String.UnicodeScalarView(b))) limit \(limit)")
            }
        }
    }
}
