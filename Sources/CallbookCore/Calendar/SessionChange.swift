import Foundation

/// A change to one session of a series (`changes:` in `calls.yml`), keyed by the date the
/// rule gives it: moved to another time or day, another host, a note, or cancelled.
public struct SessionChange: Hashable, Sendable {
    /// The session's date as the rule gives it, in the series' zone.
    public var day: LocalDay
    /// The new start, when the session is moved.
    public var movedTo: Date?
    /// Who hosts this session instead of the one the rotation gives.
    public var host: String?
    /// A note for this session ("holiday edition").
    public var note: String?
    /// Set when the session is cancelled: the reason, possibly empty.
    public var cancelledReason: String?

    public init(day: LocalDay, movedTo: Date? = nil, host: String? = nil, note: String? = nil,
                cancelledReason: String? = nil) {
        self.day = day
        self.movedTo = movedTo
        self.host = host
        self.note = note
        self.cancelledReason = cancelledReason
    }

    public var isCancelled: Bool { cancelledReason != nil }
}
