import Foundation

/// A shell-style path pattern (`*` within a folder, `**` across folders, `?`), as used by
/// `exclude`, `glob` and `pattern` entries of book configurations.
public struct Glob: Sendable {
    public let pattern: String
    private let regex: NSRegularExpression

    public init(_ pattern: String) {
        self.pattern = pattern
        var expression = "^"
        var chars = Array(pattern)
        if chars.starts(with: [".", "/"]) { chars.removeFirst(2) }
        var index = 0
        while index < chars.count {
            let char = chars[index]
            if char == "*" {
                if index + 1 < chars.count, chars[index + 1] == "*" {
                    // `**/` matches zero or more folders; a trailing `**` matches anything.
                    if index + 2 < chars.count, chars[index + 2] == "/" {
                        expression += "(?:.*/)?"
                        index += 3
                    } else {
                        expression += ".*"
                        index += 2
                    }
                    continue
                }
                expression += "[^/]*"
            } else if char == "?" {
                expression += "[^/]"
            } else {
                expression += NSRegularExpression.escapedPattern(for: String(char))
            }
            index += 1
        }
        expression += "$"
        // The expression is built from escaped literals and fixed fragments, so it always compiles.
        regex = try! NSRegularExpression(pattern: expression)
    }

    public func matches(_ path: String) -> Bool {
        regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }
}
