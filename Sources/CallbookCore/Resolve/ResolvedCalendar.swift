import Foundation

/// The calendar once the book is resolved: the schedule, "now", where each call's chapter is,
/// and the rules of the zones its sessions are in, so pages, `{calls}` listings and feeds can
/// be drawn from it.
public struct ResolvedCalendar: Sendable {
    public var schedule: Schedule
    /// "Now" for this build (`--today`, or the build date).
    public var today: Date
    /// Chapter label → site path of its page (with `#anchor` when the label is not the page).
    public var pagePaths: [String: String]
    /// Zone identifier → its current rules (from tzdata, read once per build), for the names
    /// readers know (GMT, BST).
    public var zoneRules: [String: ZoneRules]

    /// Binds the `page` labels of `calls.yml` through the book's index; an unknown label is
    /// an error at its line and column, waiting for the closest label as a suggestion (the
    /// returned pending list, see `DidYouMean`).
    /// - Parameter cached: a schedule from an earlier build, used when it was made from the same
    ///   `calls.yml` and reaches as far.
    static func resolve(_ configuration: CallsConfiguration, index: BookIndex, today: Date,
                               cached: Schedule? = nil) -> (ResolvedCalendar, [Diagnostic], [DidYouMean.Pending]) {
        var diagnostics: [Diagnostic] = []
        var pending: [DidYouMean.Pending] = []
        var pagePaths: [String: String] = [:]
        for case let (label?, range, key) in labelUses(configuration) where pagePaths[label] == nil {
            guard let target = index.target(label) else {
                pending.append(DidYouMean.Pending(diagnostic: diagnostics.count, request: .init(vocabulary: .label, wanted: label)))
                diagnostics.append(.error("calls-page-unknown", "\(key) '\(label)' is not a label in the book", at: range))
                continue
            }
            pagePaths[label] = target.pagePath + (target.htmlID.map { "#" + $0 } ?? "")
        }
        var zoneRules: [String: ZoneRules] = [:]
        for zone in configuration.series.map(\.zone) + configuration.sessions.map(\.zone) where zoneRules[zone.identifier] == nil {
            zoneRules[zone.identifier] = ZoneRules(zone: zone)
        }
        // Expanded once, far enough for every listing, page and feed of this build. From the start
        // of today, as everything else: the site depends on the day, not the time of the build.
        let zoneCalendar = Schedule.calendar(in: configuration.zone)
        let horizon = zoneCalendar.date(byAdding: .month, value: 26, to: zoneCalendar.startOfDay(for: today)) ?? today
        let schedule = cached.flatMap { $0.configuration == configuration && $0.horizon == horizon ? $0 : nil }
            ?? Schedule(configuration, horizon: horizon)
        let calendar = ResolvedCalendar(schedule: schedule, today: today, pagePaths: pagePaths, zoneRules: zoneRules)
        return (calendar, diagnostics, pending)
    }

    /// The labels `calls.yml` names, normalised (`Labels.normalize`): what the calendar looks up
    /// in the book's index.
    static func labels(_ configuration: CallsConfiguration) -> Set<String> {
        Set(labelUses(configuration).compactMap { $0.label.map(Labels.normalize) })
    }

    /// Every label `calls.yml` names (series' and sessions' pages, join and notes chapters),
    /// with its place and key.
    private static func labelUses(_ configuration: CallsConfiguration) -> [(label: String?, range: SourceRange?, key: String)] {
        configuration.series.map { ($0.page, $0.pageRange, "page") } + configuration.sessions.map { ($0.page, $0.pageRange, "page") }
            + (configuration.series.map(\.details) + configuration.sessions.map(\.details)).flatMap {
                [($0.join?.chapter, $0.joinRange, "join"), ($0.notes?.chapter, $0.notesRange, "notes")]
            }
    }

    /// The start of "today" in the book's zone.
    public var startOfToday: Date {
        Schedule.calendar(in: schedule.configuration.zone).startOfDay(for: today)
    }

    /// The next `count` sessions of a series (cancelled ones included, marked), from today:
    /// what a `{calls}` listing shows.
    public func upcoming(series: String, count: Int) -> [Session] {
        let horizon = Schedule.calendar(in: schedule.configuration.zone).date(byAdding: .year, value: 2, to: startOfToday) ?? today
        return Array(schedule.sessions(from: startOfToday, through: horizon).filter { $0.id == series }.prefix(count))
    }

    /// A warning for each `{calls}` listing of `listings` (a page's, in document order) that
    /// names a series `calls.yml` does not define.
    public func checkListings(_ listings: [Block]) -> [Diagnostic] {
        let known = Set(schedule.configuration.series.map(\.id) + schedule.configuration.sessions.map(\.id))
        var found: [Diagnostic] = []
        for block in listings {
            guard case .calls(let listing) = block.kind, !known.contains(listing.series) else { continue }
            found.append(.warning("calls-series-unknown",
                                  "{calls} names '\(listing.series)', which calls.yml does not define (known: \(known.sorted().joined(separator: ", ")))",
                                  at: block.range))
        }
        return found
    }
}
