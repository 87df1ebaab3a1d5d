import Foundation

/// A single session, possibly in another zone.
public struct OneOffSession: Hashable, Sendable {
    public var id: String
    public var title: String
    public var page: String?
    public var start: Date
    public var zone: TimeZone
    public var duration: TimeInterval
    public var location: String?
    public var description: String?
    public var range: SourceRange
    public var pageRange: SourceRange?
    /// Join link, notes, hosts and contact (no `changes`: edit the session itself).
    public var details = CallDetails()
}
