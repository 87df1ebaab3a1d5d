import Foundation

/// The calendar page's data (for `calendar.mustache`) and the feeds beside it: the "Next call"
/// card, upcoming sessions for the next weeks grouped by week, month grids for this month and
/// the next two, each series' sessions of the last three months, the sessions as data for
/// `calendar.js`, and links to download or subscribe to `calls.ics` and `calls/<id>.ics`.
public struct CalendarPage: Sendable {
    public static let path = "calendar.html"
    public static let feedPath = "calls.ics"
    /// How many weeks the upcoming list covers.
    public static let weeksAhead = 8

    public let calendar: ResolvedCalendar
    /// The site's published address, if known (for `webcal:` and absolute `URL`s in feeds).
    public let baseURL: String?
    /// Writes each session's day, times and zone abbreviation.
    let format: SessionFormat

    public init(calendar: ResolvedCalendar, baseURL: String?) {
        self.calendar = calendar
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        format = SessionFormat(rules: calendar.zoneRules)
    }

    var zone: TimeZone { calendar.schedule.configuration.zone }
    var gregorian: Calendar {
        var value = Schedule.calendar(in: zone)
        value.firstWeekday = 2
        return value
    }

    /// The `.ics` files: path in the site → contents.
    public func feeds(bookTitle: String, stamp: Date) -> [SiteFile] {
        let horizon = gregorian.date(byAdding: .month, value: 24, to: calendar.startOfToday) ?? calendar.today
        var urls: [String: String] = [:]
        if let baseURL {
            for (label, path) in calendar.pagePaths { urls[label] = baseURL + path }
        }
        let host = baseURL.flatMap { URL(string: $0)?.host } ?? Self.slug(bookTitle) + ".callbook"
        let writer = ICSWriter(schedule: calendar.schedule, stamp: stamp, horizon: horizon, pageURLs: urls, host: host)
        var files = [SiteFile(path: Self.feedPath, contents: writer.feed(name: bookTitle))]
        for series in calendar.schedule.configuration.series {
            files.append(SiteFile(path: "calls/\(series.id).ics", contents: writer.feed(name: series.title, series: series.id)))
        }
        return files
    }

    static func slug(_ text: String) -> String {
        let id = Labels.htmlID(Labels.normalize(text))
        return id.isEmpty ? "book" : id
    }

    /// The sessions of the upcoming list: from the start of today for `weeksAhead` weeks.
    var upcomingSessions: [Session] {
        let start = calendar.startOfToday
        let end = gregorian.date(byAdding: .weekOfYear, value: Self.weeksAhead, to: start) ?? start
        return calendar.schedule.sessions(from: start, through: end)
    }

    /// Template data for the page at `CalendarPage.path`, with `eventsJSONLD` for its events.
    func context(eventsJSONLD: String) -> CalendarPageContext {
        let start = calendar.startOfToday
        var weeks: [CalendarPageContext.Week] = []
        var currentWeek: Date?
        for session in upcomingSessions {
            let weekStart = gregorian.dateInterval(of: .weekOfYear, for: session.start)?.start ?? session.start
            if weekStart != currentWeek {
                weeks.append(CalendarPageContext.Week(label: "Week of " + SessionFormat.day(weekStart, in: zone), sessions: []))
                currentWeek = weekStart
            }
            weeks[weeks.count - 1].sessions.append(item(session))
        }

        let monthStart = gregorian.dateInterval(of: .month, for: start)?.start ?? start
        let months = (0..<3).compactMap { offset in
            gregorian.date(byAdding: .month, value: offset, to: monthStart).map(month)
        }

        // What calendar.js lays out again in the reader's zone: the month grids and the weeks,
        // with two days more on either side, as a reader's day may begin or end in another one.
        let end = gregorian.date(byAdding: .weekOfYear, value: Self.weeksAhead, to: start) ?? start
        let gridEnd = gregorian.date(byAdding: .month, value: 3, to: monthStart) ?? end
        let dataStart = gregorian.date(byAdding: .day, value: -2, to: min(monthStart, start)) ?? start
        let dataEnd = gregorian.date(byAdding: .day, value: 2, to: max(gridEnd, end)) ?? end
        let data = SessionScriptData(calendar: calendar, pagePath: Self.path)
        let scripted = calendar.schedule.sessions(from: dataStart, through: dataEnd)

        return CalendarPageContext(
            weeks: weeks, hasWeeks: !weeks.isEmpty, months: months,
            feeds: calendar.schedule.configuration.series.map(feed),
            feedURL: Self.feedPath, webcalURL: webcal(Self.feedPath), zoneName: zone.identifier,
            todayLabel: SessionFormat.day(calendar.today, in: zone),
            nextCall: NextCallCard(data: data).html(scripted.filter { $0.end > start }),
            sessionsData: data.element(scripted), past: past(before: start),
            weeksAhead: Self.weeksAhead, monthsBack: Self.monthsBack, eventsJSONLD: eventsJSONLD)
    }

    /// How many months back the past-sessions lists go.
    public static let monthsBack = 3

    /// Each series' sessions of the last `monthsBack` months that ended before `start`, latest
    /// first; series without any are left out.
    private func past(before start: Date) -> [CalendarPageContext.PastSeries] {
        let from = gregorian.date(byAdding: .month, value: -Self.monthsBack, to: start) ?? start
        let ended = calendar.schedule.sessions(from: from, through: start).filter { $0.end <= start && $0.start >= from }
        return calendar.schedule.configuration.series.compactMap { series in
            // A notes link per session only when each session has its own notes.
            let links = SessionScriptData(calendar: calendar, pagePath: Self.path)
            let sessions = ended.filter { $0.id == series.id && !$0.isOneOff }.reversed().map { session in
                var entry = item(session)
                if series.details.notes?.isTemplate == true { entry.notes = links.notesURL(of: session) }
                return entry
            }
            guard !sessions.isEmpty else { return nil }
            return CalendarPageContext.PastSeries(title: series.title, id: "past-" + series.id, sessions: sessions)
        }
    }

    func webcal(_ path: String) -> String? {
        guard let baseURL, let url = URL(string: baseURL + path), let host = url.host else { return nil }
        return "webcal://" + host + url.path
    }

    private func item(_ session: Session) -> CalendarPageContext.SessionItem {
        CalendarPageContext.SessionItem(
            title: session.title, url: session.page.flatMap { calendar.pagePaths[$0] },
            day: SessionFormat.day(session.start, in: session.zone), span: format.span(session),
            time: SessionFormat.clock(session.start, in: session.zone),
            start: SessionFormat.iso(session.start, in: session.zone), end: SessionFormat.iso(session.end, in: session.zone),
            offset: SessionFormat.offset(session.start, in: session.zone), zoneID: session.zone.identifier,
            zone: format.abbreviation(session.start, in: session.zone), cancelled: session.cancelled,
            location: session.location, reason: SessionScriptData.reason(of: session), notes: nil,
            annotations: SessionAnnotations(format: format).html(session))
    }

    /// A month grid: weeks (Monday first) of days, each with its sessions.
    private func month(_ first: Date) -> CalendarPageContext.Month {
        let parts = gregorian.dateComponents([.year, .month], from: first)
        let name = SessionFormat.months[parts.month! - 1] + " \(parts.year!)"
        let lastDay = gregorian.range(of: .day, in: .month, for: first)!.count
        let end = gregorian.date(byAdding: .day, value: lastDay, to: first)!
        let sessions = calendar.schedule.sessions(from: first, through: end)
        var byDay: [Int: [CalendarPageContext.SessionItem]] = [:]
        for session in sessions {
            let local = Schedule.calendar(in: zone).dateComponents([.year, .month, .day], from: session.start)
            guard local.year == parts.year, local.month == parts.month else { continue }
            byDay[local.day!, default: []].append(item(session))
        }
        let leading = (gregorian.component(.weekday, from: first) + 5) % 7
        let todayParts = gregorian.dateComponents([.year, .month, .day], from: calendar.today)
        let blank = CalendarPageContext.Day(day: nil, sessions: [], hasSessions: false, isToday: false, label: nil)
        var cells = Array(repeating: blank, count: leading)
        for day in 1...lastDay {
            let sessions = byDay[day] ?? []
            let isToday = todayParts.year == parts.year && todayParts.month == parts.month && todayParts.day == day
            cells.append(CalendarPageContext.Day(day: day, sessions: sessions, hasSessions: !sessions.isEmpty, isToday: isToday,
                                                 label: "\(day) \(SessionFormat.months[parts.month! - 1])"))
        }
        while cells.count % 7 != 0 {
            cells.append(blank)
        }
        let rows = stride(from: 0, to: cells.count, by: 7).map { CalendarPageContext.Row(days: Array(cells[$0..<($0 + 7)])) }
        return CalendarPageContext.Month(name: name, rows: rows, id: String(format: "month-%04d-%02d", parts.year!, parts.month!))
    }
}
