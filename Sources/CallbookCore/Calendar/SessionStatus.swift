import Foundation

/// Whether a session runs as the rule planned it, at another time, or not at all.
public enum SessionStatus: Hashable, Sendable {
    case scheduled
    /// Moved by a `changes:` entry; `from` is the start the rule gave.
    case moved(from: Date)
    /// Cancelled by `except:` (no reason) or a `changes:` entry (with its reason, if any).
    case cancelled(reason: String?)

    /// `scheduled`, `moved` or `cancelled`, as written in `calls.json`.
    public var name: String {
        switch self {
        case .scheduled: "scheduled"
        case .moved: "moved"
        case .cancelled: "cancelled"
        }
    }
}
