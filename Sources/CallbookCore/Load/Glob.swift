/// A shell-style path pattern (`*` within a folder, `**` across folders, `?`), as used by
/// `exclude`, `glob` and `pattern` entries of book configurations. Matched by hand over the
/// path's Unicode scalars (a compiled regular expression cost a millisecond per build, most of
/// it starting ICU's engine, for a book with one `exclude`).
public struct Glob: Sendable {
    public let pattern: String
    private let parts: [Part]

    /// One piece of a pattern.
    private enum Part: Equatable {
        /// This scalar.
        case literal(Unicode.Scalar)
        /// `?`: one scalar, not `/`.
        case one
        /// `*`: any scalars, no `/` among them.
        case inFolder
        /// `**/`: nothing, or any path ending in `/`.
        case folders
        /// `**` elsewhere: anything.
        case anything
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        var scalars = Array(pattern.unicodeScalars)
        if scalars.starts(with: ["." as Unicode.Scalar, "/"]) { scalars.removeFirst(2) }
        var parts: [Part] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "*" where index < scalars.count && scalars[index] == "*":
                if index + 1 < scalars.count, scalars[index + 1] == "/" {
                    parts.append(.folders)
                    index += 2
                } else {
                    parts.append(.anything)
                    index += 1
                }
            case "*": parts.append(.inFolder)
            case "?": parts.append(.one)
            default: parts.append(.literal(scalar))
            }
        }
        self.parts = parts
    }

    /// Whether the whole of `path` matches the pattern. Row by row from the pattern's end:
    /// `next[j]` says whether the parts after this one match the path from scalar `j` on
    /// (linear in the path for each part; no recursion, whatever the pattern).
    public func matches(_ path: String) -> Bool {
        let path = Array(path.unicodeScalars)
        let count = path.count
        var next = [Bool](repeating: false, count: count + 1)
        next[count] = true
        var row = next
        for part in parts.reversed() {
            row[count] = false
            switch part {
            case .literal(let scalar):
                for j in 0..<count { row[j] = path[j] == scalar && next[j + 1] }
            case .one:
                for j in 0..<count { row[j] = path[j] != "/" && next[j + 1] }
            case .inFolder:
                row[count] = next[count]
                for j in stride(from: count - 1, through: 0, by: -1) { row[j] = next[j] || (path[j] != "/" && row[j + 1]) }
            case .anything:
                row[count] = next[count]
                for j in stride(from: count - 1, through: 0, by: -1) { row[j] = next[j] || row[j + 1] }
            case .folders:
                // Nothing, or a run of scalars through a `/` (`throughSlash`: one ends at or after j).
                var throughSlash = false
                row[count] = next[count]
                for j in stride(from: count - 1, through: 0, by: -1) {
                    if path[j] == "/", next[j + 1] { throughSlash = true }
                    row[j] = next[j] || throughSlash
                }
            }
            swap(&row, &next)
        }
        return next[0]
    }
}
