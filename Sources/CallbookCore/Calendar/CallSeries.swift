import Foundation

/// A recurring call, as `calls.yml` describes it.
public struct CallSeries: Hashable, Sendable {
    public var id: String
    public var title: String
    /// The label of the chapter that describes the call.
    public var page: String?
    /// The first session's start, and the zone its wall-clock time is in.
    public var start: Date
    public var zone: TimeZone
    public var duration: TimeInterval
    public var rule: RRule?
    /// Cancelled sessions, as local dates in the series' zone.
    public var except: [LocalDay]
    /// Series on whose days this one does not run.
    public var skipWhen: [String]
    public var location: String?
    public var description: String?
    /// Where the entry and its `page` are written, for diagnostics.
    public var range: SourceRange
    public var pageRange: SourceRange?
    /// Join link, notes, hosts, contact and changes to single sessions.
    public var details = CallDetails()
}
