/// A problem found by any stage of a build. Diagnostics are data: every stage returns them,
/// and the command line prints them once, sorted, as `file:line:col: severity: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        /// Worth knowing, never a problem: not counted, and `--strict` passes (configuration
        /// keys callbook does not use).
        case note
        case warning
        case error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    /// A stable identifier (`toc-missing-file`, `image-missing`, …) for filtering and tests.
    public var id: String
    public var message: String
    public var range: SourceRange?

    public init(_ severity: Severity, _ id: String, _ message: String, at range: SourceRange? = nil) {
        self.severity = severity
        self.id = id
        self.message = message
        self.range = range
    }

    public static func error(_ id: String, _ message: String, at range: SourceRange? = nil) -> Diagnostic {
        Diagnostic(.error, id, message, at: range)
    }

    public static func warning(_ id: String, _ message: String, at range: SourceRange? = nil) -> Diagnostic {
        Diagnostic(.warning, id, message, at: range)
    }

    public static func note(_ id: String, _ message: String, at range: SourceRange? = nil) -> Diagnostic {
        Diagnostic(.note, id, message, at: range)
    }

    /// `path:line:col: warning: message [id]` (or `note:`, `error:`); without a range, `callbook: warning: …`.
    public var description: String {
        let place = range.map { "\($0)" } ?? "callbook"
        return "\(place): \(severity.rawValue): \(message) [\(id)]"
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { lazy.filter { $0.severity == .error }.count }
    public var warningCount: Int { lazy.filter { $0.severity == .warning }.count }

    /// Sorted by file, then position, then message, so output is stable across parallel runs.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted { a, b in
            let fa = a.range?.file ?? "", fb = b.range?.file ?? ""
            if fa != fb { return fa < fb }
            let pa = a.range?.start ?? SourcePosition(line: 0, column: 0)
            let pb = b.range?.start ?? SourcePosition(line: 0, column: 0)
            if pa != pb { return pa < pb }
            return a.message < b.message
        }
    }
}

/// An error that stops a stage, carrying the place it comes from.
public struct CallbookError: Error, Sendable, CustomStringConvertible {
    public var diagnostic: Diagnostic
    /// Problems found before this one that explain it (the TOC entries that could not be read).
    public var notes: [Diagnostic]

    public init(_ id: String, _ message: String, at range: SourceRange? = nil, notes: [Diagnostic] = []) {
        diagnostic = .error(id, message, at: range)
        self.notes = notes
    }

    public var description: String { diagnostic.description }
}
