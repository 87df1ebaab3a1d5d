import Foundation

/// `calls.json`: the series and the sessions of the next twelve months for chat bots and
/// other sites, in a documented, versioned schema (README, "calls.json"). Instants are UTC
/// (`2026-01-07T15:00:00Z`), wall times are in the session's zone without an offset.
public struct CallsJSON: Sendable {
    public static let path = "calls.json"
    /// Raised when a field changes meaning or goes away; new fields keep the version.
    public static let version = 1
    public static let monthsAhead = 12

    public let calendar: ResolvedCalendar
    public let bookTitle: String
    /// The site's address with a final `/`, if known (absolute chapter URLs).
    public let baseURL: String?
    /// When the file was made (`SOURCE_DATE_EPOCH`, else the build date).
    public let stamp: Date

    public init(calendar: ResolvedCalendar, bookTitle: String, baseURL: String?, stamp: Date) {
        self.calendar = calendar
        self.bookTitle = bookTitle
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        self.stamp = stamp
    }

    static let utcZone = TimeZone(identifier: "UTC")!

    /// `2026-01-07T15:00:00Z`
    static func utc(_ date: Date) -> String {
        String(SessionFormat.iso(date, in: utcZone).dropLast(6)) + "Z"
    }

    /// `2026-01-07T15:00`: the wall-clock time in `zone`.
    static func wall(_ date: Date, in zone: TimeZone) -> String {
        String(SessionFormat.iso(date, in: zone).prefix(16))
    }

    /// The file's text (pretty-printed, ending with a line break).
    public func text() -> String {
        let from = calendar.startOfToday
        let until = Schedule.calendar(in: calendar.schedule.configuration.zone)
            .date(byAdding: .month, value: Self.monthsAhead, to: from) ?? from
        let urls = baseURL.map { base in calendar.pagePaths.mapValues { base + $0 } } ?? [:]
        let configuration = calendar.schedule.configuration
        let root = OrderedJSON.object([
            ("version", .int(Self.version)),
            ("generated", .string(Self.utc(stamp))),
            ("from", .string(Self.utc(from))),
            ("until", .string(Self.utc(until))),
            ("book", .object([("title", .string(bookTitle)), ("url", .optional(baseURL))])),
            ("series", .array(configuration.series.map { series($0, pageURLs: urls) })),
            ("sessions", .array(calendar.schedule.sessions(from: from, through: until).filter { $0.start < until }
                .map { session($0, pageURLs: urls) })),
        ])
        return root.text() + "\n"
    }

    private func join(_ link: JoinLink?, pageURLs: [String: String]) -> OrderedJSON {
        guard let link else { return .null }
        switch link {
        case .url(let url): return .object([("kind", .string("url")), ("url", .string(url)), ("text", .null)])
        case .chapter(let label):
            return .object([("kind", .string("chapter")), ("url", .optional(pageURLs[label])),
                            ("text", .null), ("page", .optional(calendar.pagePaths[label]))])
        case .text(let text): return .object([("kind", .string("text")), ("url", .null), ("text", .string(text))])
        }
    }

    /// `{"kind": "url", "url": …}` (a series' may hold `{date}`) or
    /// `{"kind": "chapter", "url": absolute or null, "page": site path}`.
    private func notes(_ link: NotesLink?, pageURLs: [String: String]) -> OrderedJSON {
        switch link {
        case nil: return .null
        case .address(let url): return .object([("kind", .string("url")), ("url", .string(url))])
        case .chapter(let label):
            return .object([("kind", .string("chapter")), ("url", .optional(pageURLs[label])),
                            ("page", .optional(calendar.pagePaths[label]))])
        }
    }

    private func series(_ series: CallSeries, pageURLs: [String: String]) -> OrderedJSON {
        .object([
            ("id", .string(series.id)), ("title", .string(series.title)), ("zone", .string(series.zone.identifier)),
            ("durationMinutes", .int(Int(series.duration / 60))),
            ("repeat", .optional(series.rule.map { ICSWriter.ruleText($0) })),
            ("page", .optional(series.page.flatMap { calendar.pagePaths[$0] })),
            ("url", .optional(series.page.flatMap { pageURLs[$0] })),
            ("feed", .string("calls/\(series.id).ics")),
            ("description", .optional(series.description)),
            ("join", join(series.details.join, pageURLs: pageURLs)),
            ("notes", notes(series.details.notes, pageURLs: pageURLs)),
            ("hosts", .array(series.details.hosts.map { .string($0) })),
            ("contact", .optional(series.details.contact)),
        ])
    }

    private func session(_ session: Session, pageURLs: [String: String]) -> OrderedJSON {
        var reason: String?
        var planned: String?
        switch session.status {
        case .scheduled: break
        case .moved(let from): planned = Self.utc(from)
        case .cancelled(let why): reason = why
        }
        return .object([
            ("series", .string(session.id)), ("oneOff", .bool(session.isOneOff)), ("title", .string(session.title)),
            ("start", .string(Self.utc(session.start))), ("end", .string(Self.utc(session.end))),
            ("zone", .string(session.zone.identifier)),
            ("localStart", .string(Self.wall(session.start, in: session.zone))),
            ("localEnd", .string(Self.wall(session.end, in: session.zone))),
            ("status", .string(session.status.name)),
            ("plannedStart", .optional(planned)), ("reason", .optional(reason)),
            ("host", .optional(session.host)), ("note", .optional(session.note)), ("notes", notes(session.notes, pageURLs: pageURLs)),
            ("join", join(session.join, pageURLs: pageURLs)),
            ("url", .optional(session.page.flatMap { pageURLs[$0] })),
        ])
    }
}
