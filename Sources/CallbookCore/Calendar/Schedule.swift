import Foundation

/// The sessions `calls.yml` implies: recurrences expanded in each series' own zone, `except`
/// dates marked cancelled, days of `skip_when` series left out, one-off sessions added.
public struct Schedule: Sendable {
    public let configuration: CallsConfiguration
    /// Each series' starts up to `horizon`, expanded once (expansion is the costly part).
    private let expanded: [String: [Date]]
    public let horizon: Date

    /// A schedule that expands on every query.
    public init(_ configuration: CallsConfiguration) {
        self.init(configuration, horizon: .distantPast)
    }

    /// - Parameter horizon: how far ahead sessions are expanded once and kept; queries past it
    ///   expand again.
    public init(_ configuration: CallsConfiguration, horizon: Date) {
        self.configuration = configuration
        self.horizon = horizon
        var expanded: [String: [Date]] = [:]
        for series in configuration.series { expanded[series.id] = Self.expand(series, through: horizon) }
        self.expanded = expanded
    }

    static func calendar(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The local date (year, month, day) of `date` in `zone`.
    static func localDay(_ date: Date, in zone: TimeZone) -> LocalDay {
        let parts = calendar(in: zone).dateComponents([.year, .month, .day], from: date)
        return LocalDay(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Every start the series' rule gives from its first session through `end`.
    public func starts(of series: CallSeries, through end: Date) -> [Date] {
        if end <= horizon, let cached = expanded[series.id] { return cached.filter { $0 <= end } }
        return Self.expand(series, through: end)
    }

    /// The rule's starts; the series' own start is always the first session (RFC 5545), even
    /// when the rule would not give it.
    static func expand(_ series: CallSeries, through end: Date) -> [Date] {
        guard series.start <= end else { return [] }
        guard let rule = series.rule else { return [series.start] }
        var dates = rule.occurrences(from: series.start, through: end, calendar: calendar(in: series.zone))
        if dates.first != series.start { dates.insert(series.start, at: 0) }
        return dates
    }

    /// Starts of `series` that fall on a day when a session of a series it skips for runs
    /// (in its own zone). A session that runs is one not cancelled and not itself skipped, and
    /// it makes busy the day it runs on (a moved one its new day); a session of `series` is
    /// judged by its planned date. A cycle of `skip_when` is broken where it closes.
    public func skippedStarts(of series: CallSeries, through end: Date) -> [Date] {
        skippedStarts(of: series, through: end, visiting: [series.id])
    }

    private func skippedStarts(of series: CallSeries, through end: Date, visiting: Set<String>) -> [Date] {
        guard !series.skipWhen.isEmpty else { return [] }
        var busyDays = Set<LocalDay>()
        for other in configuration.series where series.skipWhen.contains(other.id) && !visiting.contains(other.id) {
            let cancelled = other.cancelledDays
            let skipped = Set(skippedStarts(of: other, through: end, visiting: visiting.union([other.id])))
            for start in starts(of: other, through: end)
            where !cancelled.contains(Self.localDay(start, in: other.zone)) && !skipped.contains(start) {
                // A moved session keeps the day it moved to busy.
                busyDays.insert(Self.localDay(other.actualStart(start), in: series.zone))
            }
        }
        return starts(of: series, through: end).filter { busyDays.contains(Self.localDay($0, in: series.zone)) }
    }

    /// Starts of `series` on its `except` dates and the dates its `changes:` cancel.
    public func cancelledStarts(of series: CallSeries, through end: Date) -> [Date] {
        let cancelled = series.cancelledDays
        return starts(of: series, through: end).filter { cancelled.contains(Self.localDay($0, in: series.zone)) }
    }

    /// All sessions overlapping `from`…`through`, in time order; cancelled ones are included
    /// and marked, skipped ones are not.
    public func sessions(from: Date, through: Date) -> [Session] {
        var result: [Session] = []
        for series in configuration.series { result += sessions(of: series, from: from, through: through) }
        for session in configuration.sessions where session.start <= through && session.start.addingTimeInterval(session.duration) > from {
            result.append(Session(id: session.id, isOneOff: true, title: session.title, page: session.page, start: session.start,
                                  end: session.start.addingTimeInterval(session.duration), zone: session.zone,
                                  location: session.location, plannedStart: session.start, host: session.details.hosts.first,
                                  notes: session.details.notes?.forSession(on: Self.localDay(session.start, in: session.zone)),
                                  join: session.details.join))
        }
        return result.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }
}
