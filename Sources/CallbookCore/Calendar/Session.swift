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
    /// Listed in `except`: shown as cancelled, left out of the feeds (as `EXDATE`).
    public var cancelled: Bool
}
