import Foundation

/// One session of a call: when it starts and ends, in which zone it is planned.
public struct Session: Hashable, Sendable {
    /// The series id, or the one-off session's id.
    public var id: String
    public var isOneOff: Bool
    public var title: String
    /// The label of the chapter about the call.
    public var page: String?
    public var start: Date
    public var end: Date
    public var zone: TimeZone
    public var location: String?
    /// Scheduled, moved (by `changes:`) or cancelled (by `except:` or `changes:`); cancelled
    /// sessions are shown as such and left out of the feeds (as `EXDATE`).
    public var status: SessionStatus = .scheduled
    /// The start the rule gave (equal to `start` unless moved): the session's identity.
    public var plannedStart: Date
    /// This session's host, from the rotation or its change.
    public var host: String?
    /// This session's note from `changes:` ("holiday edition").
    public var note: String?
    /// This session's notes (a template filled with its planned date).
    public var notes: NotesLink?
    public var join: JoinLink?

    public var cancelled: Bool {
        if case .cancelled = status { return true }
        return false
    }
}
