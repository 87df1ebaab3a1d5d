/// Levenshtein distance, stopping early once it exceeds a limit.
///
/// Only the cells within `limit` of the diagonal are computed (Ukkonen's band): a distance
/// within the limit never leaves it. A result above `limit` means only "more than the limit".
public enum EditDistance {
    public static func between(_ a: String, _ b: String, limit: Int) -> Int {
        between(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    /// The distance between two strings already split into Unicode scalars.
    public static func between(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        var rows = Rows()
        return between(a, b, limit: limit, rows: &rows)
    }

    /// Two rows of the table, kept by a caller that compares one string with many, so that no
    /// comparison allocates.
    public struct Rows {
        fileprivate var previous: [Int] = []
        fileprivate var current: [Int] = []

        public init() {}
    }

    /// The distance between `a` and `b`, computed in `rows`.
    public static func between(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int, rows: inout Rows) -> Int {
        let limit = max(0, limit)
        let beyond = limit + 1
        if abs(a.count - b.count) > limit { return beyond }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let width = b.count + 1
        if rows.previous.count < width {
            rows.previous = [Int](repeating: 0, count: width)
            rows.current = [Int](repeating: 0, count: width)
        }
        return rows.previous.withUnsafeMutableBufferPointer { previous in
            rows.current.withUnsafeMutableBufferPointer { current in
                var previous = previous, current = current
                for j in 0..<width { previous[j] = j <= limit ? j : beyond }
                for i in 1...a.count {
                    let low = max(1, i - limit), high = min(b.count, i + limit)
                    // Cells left of the band count as beyond the limit.
                    current[low - 1] = low == 1 ? (i <= limit ? i : beyond) : beyond
                    var rowMinimum = current[low - 1]
                    let character = a[i - 1]
                    for j in low...high {
                        let substitution = previous[j - 1] + (character == b[j - 1] ? 0 : 1)
                        let cell = min(substitution, previous[j] + 1, current[j - 1] + 1, beyond)
                        current[j] = cell
                        rowMinimum = min(rowMinimum, cell)
                    }
                    if high < b.count { current[high + 1] = beyond }
                    if rowMinimum > limit { return beyond }
                    swap(&previous, &current)
                }
                return min(previous[b.count], beyond)
            }
        }
    }
}
