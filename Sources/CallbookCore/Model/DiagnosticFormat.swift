import Foundation

/// How diagnostics are printed: `plain` (`file:line:col: severity: message [id]`), `github`
/// (workflow commands, which GitHub turns into annotations on the lines of a pull request) or
/// `json` (one object per line, for editors and bots).
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case plain, github, json

    /// The format to use when none is asked for: `github` inside GitHub Actions, else `plain`.
    public static func automatic(environment: [String: String]) -> DiagnosticFormat {
        environment["GITHUB_ACTIONS"] == "true" ? .github : .plain
    }

    /// One diagnostic as one line.
    public func line(_ diagnostic: Diagnostic) -> String {
        switch self {
        case .plain:
            return diagnostic.description
        case .github:
            // https://docs.github.com/actions/reference/workflow-commands-for-github-actions
            var properties: [String] = []
            if let range = diagnostic.range {
                properties += ["file=" + Self.property(range.file), "line=\(range.start.line)", "col=\(range.start.column)"]
                if range.end.line > range.start.line || range.end.column > range.start.column {
                    properties += ["endLine=\(range.end.line)", "endColumn=\(range.end.column)"]
                }
            }
            properties.append("title=" + Self.property("callbook " + diagnostic.id))
            // GitHub's commands are `error`, `warning` and `notice`.
            let command = diagnostic.severity == .note ? "notice" : diagnostic.severity.rawValue
            return "::\(command) \(properties.joined(separator: ","))::" + Self.data(diagnostic.message)
        case .json:
            var fields: [String] = []
            if let range = diagnostic.range {
                fields += ["\"file\":" + JSONString.quote(range.file), "\"line\":\(range.start.line)", "\"column\":\(range.start.column)"]
            }
            fields += ["\"severity\":" + JSONString.quote(diagnostic.severity.rawValue), "\"id\":" + JSONString.quote(diagnostic.id),
                       "\"message\":" + JSONString.quote(diagnostic.message)]
            return "{" + fields.joined(separator: ",") + "}"
        }
    }

    /// A workflow command's message: `%`, CR and LF escaped.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A workflow command's property value: also `:` and `,`.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
