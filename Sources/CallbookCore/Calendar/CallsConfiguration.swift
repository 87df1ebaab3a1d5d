import Foundation

/// What `calls.yml` says: the default zone, the recurring series and the one-off sessions.
public struct CallsConfiguration: Hashable, Sendable {
    public var file: String
    public var zone: TimeZone
    public var series: [CallSeries]
    public var sessions: [OneOffSession]
    /// The published site's address, for absolute links in the feeds (`URL`, `webcal:`).
    public var baseURL: String?
    /// `notice: true`: every page shows a notice while a call is live or starts within the hour.
    public var notice = false
}
