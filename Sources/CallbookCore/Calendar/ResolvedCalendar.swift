import Foundation

/// The calendar once the book is resolved: the schedule, "now", and where each call's
/// chapter is, so pages, `{calls}` listings and feeds can link to it.
public struct ResolvedCalendar: Sendable {
    public var schedule: Schedule
    public var format: SessionFormat
    /// "Now" for this build (`--today`, or the build date).
    public var today: Date
    /// Chapter label → site path of its page (with `#anchor` when the label is not the page).
    public var pagePaths: [String: String]

    /// Binds the `page` labels of `calls.yml` through the book's index; an unknown label is
    /// an error at its line and column, with the closest label as a suggestion.
    /// - Parameter cached: a schedule from an earlier build, used when it was made from the same
    ///   `calls.yml` and reaches as far.
    public static func resolve(_ configuration: CallsConfiguration, index: BookIndex, today: Date,
                               cached: Schedule? = nil) -> (ResolvedCalendar, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var pagePaths: [String: String] = [:]
        let pages = configuration.series.map { ($0.page, $0.pageRange) } + configuration.sessions.map { ($0.page, $0.pageRange) }
        for case let (label?, range) in pages where pagePaths[label] == nil {
            guard let target = index.target(label) else {
                let hint = index.suggestion(for: label).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(.error("calls-page-unknown", "page '\(label)' is not a label in the book\(hint)", at: range))
                continue
            }
            pagePaths[label] = target.pagePath + (target.htmlID.map { "#" + $0 } ?? "")
        }
        let zones = configuration.series.map(\.zone) + configuration.sessions.map(\.zone)
        // Expanded once, far enough for every listing, page and feed of this build.
        let horizon = Schedule.calendar(in: configuration.zone).date(byAdding: .month, value: 26, to: today) ?? today
        let schedule = cached.flatMap { $0.configuration == configuration && $0.horizon == horizon ? $0 : nil }
            ?? Schedule(configuration, horizon: horizon)
        let calendar = ResolvedCalendar(schedule: schedule, format: SessionFormat(zones: zones), today: today, pagePaths: pagePaths)
        return (calendar, diagnostics)
    }

    /// The start of "today" in the book's zone.
    public var startOfToday: Date {
        Schedule.calendar(in: schedule.configuration.zone).startOfDay(for: today)
    }

    /// A session as shown in listings.
    public func entry(_ session: Session) -> CallsListing.Entry {
        CallsListing.Entry(title: session.title, start: SessionFormat.iso(session.start, in: session.zone),
                           end: SessionFormat.iso(session.end, in: session.zone),
                           day: SessionFormat.day(session.start, in: session.zone), span: format.span(session),
                           offset: SessionFormat.offset(session.start, in: session.zone), cancelled: session.cancelled)
    }

    /// The next `count` sessions of a series (cancelled ones included, marked), from today.
    public func upcoming(series: String, count: Int) -> [Session] {
        let horizon = Schedule.calendar(in: schedule.configuration.zone).date(byAdding: .year, value: 2, to: startOfToday) ?? today
        return Array(schedule.sessions(from: startOfToday, through: horizon).filter { $0.id == series }.prefix(count))
    }

    /// Fills the `{calls}` listings of a chapter on page `pagePath`; unknown series are warnings.
    public func fillListings(_ document: Document, pagePath: String, diagnostics: inout [Diagnostic]) -> Document {
        let known = Set(schedule.configuration.series.map(\.id) + schedule.configuration.sessions.map(\.id))
        var found: [Diagnostic] = []
        let filled = document.rewritingBlocks { block in
            guard case .calls(var listing) = block.kind else { return block }
            if !known.contains(listing.series) {
                found.append(.warning("calls-series-unknown",
                                      "{calls} names '\(listing.series)', which calls.yml does not define (known: \(known.sorted().joined(separator: ", ")))",
                                      at: block.range))
            }
            listing.entries = upcoming(series: listing.series, count: listing.count).map(entry)
            listing.calendarURL = BookPaths.relativeURL(from: pagePath, to: CalendarPage.path)
            var copy = block
            copy.kind = .calls(listing)
            return copy
        }
        diagnostics += found
        return filled
    }
}
