import Foundation

/// Writes the `.ics` feeds (RFC 5545) in Swift, not through templates: CRLF line ends, lines
/// folded at 75 octets, text values escaped, stable `UID`s, a reproducible `DTSTAMP`, and a
/// `VTIMEZONE` with yearly daylight/standard rules for every zone a feed uses.
public struct ICSWriter: Sendable {
    public let schedule: Schedule
    /// The moment written as `DTSTAMP` (from `SOURCE_DATE_EPOCH` or the build date).
    public let stamp: Date
    /// `EXDATE`s are listed for sessions up to this moment (skipped days cannot be a rule).
    public let horizon: Date
    /// Chapter label → absolute URL of its page, for `URL`; empty without a base URL.
    public let pageURLs: [String: String]
    /// A domain-like name for `UID`s and `PRODID`.
    public let host: String

    public init(schedule: Schedule, stamp: Date, horizon: Date, pageURLs: [String: String], host: String) {
        self.schedule = schedule
        self.stamp = stamp
        self.horizon = horizon
        self.pageURLs = pageURLs
        self.host = host
    }

    /// A feed of every series and session, or of one series.
    public func feed(name: String, series onlySeries: String? = nil) -> String {
        let configuration = schedule.configuration
        let series = configuration.series.filter { onlySeries == nil || $0.id == onlySeries }
        let sessions = onlySeries == nil ? configuration.sessions : []
        var zones: [TimeZone] = []
        for zone in series.map(\.zone) + sessions.map(\.zone) where !zones.contains(zone) { zones.append(zone) }

        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//callbook//\(host)//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape(name),
                     "REFRESH-INTERVAL;VALUE=DURATION:" + Self.refreshInterval, "X-PUBLISHED-TTL:" + Self.refreshInterval]
        for zone in zones { lines += timezone(zone) }
        for item in series { lines += event(item) + overrides(of: item).joined() }
        for item in sessions { lines += event(item) }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    private func event(_ series: CallSeries) -> [String] {
        let zone = series.zone
        var lines = ["BEGIN:VEVENT", "UID:\(series.id)@\(host)", "DTSTAMP:" + Self.utc(stamp),
                     "DTSTART;TZID=\(zone.identifier):" + Self.local(series.start, zone),
                     "DTEND;TZID=\(zone.identifier):" + Self.local(series.start.addingTimeInterval(series.duration), zone)]
        if let rule = series.rule { lines.append("RRULE:" + Self.ruleText(rule)) }
        let excluded = (schedule.cancelledStarts(of: series, through: horizon) + schedule.skippedStarts(of: series, through: horizon))
        let unique = Array(Set(excluded)).sorted()
        if !unique.isEmpty {
            lines.append("EXDATE;TZID=\(zone.identifier):" + unique.map { Self.local($0, zone) }.joined(separator: ","))
        }
        lines.append("SUMMARY:" + Self.escape(series.title))
        if let location = series.location { lines.append("LOCATION:" + Self.escape(location)) }
        lines += detailLines(description: series.description, details: series.details, page: series.page,
                             session: nil)
        lines.append("END:VEVENT")
        return lines
    }

    private func event(_ session: OneOffSession) -> [String] {
        let zone = session.zone
        var lines = ["BEGIN:VEVENT", "UID:" + Self.escape(session.id) + "-\(SessionFormat.isoDay(session.start, in: zone))@\(host)",
                     "DTSTAMP:" + Self.utc(stamp),
                     "DTSTART;TZID=\(zone.identifier):" + Self.local(session.start, zone),
                     "DTEND;TZID=\(zone.identifier):" + Self.local(session.start.addingTimeInterval(session.duration), zone),
                     "SUMMARY:" + Self.escape(session.title)]
        if let location = session.location { lines.append("LOCATION:" + Self.escape(location)) }
        lines += detailLines(description: session.description, details: session.details, page: session.page,
                             session: nil)
        lines.append("END:VEVENT")
        return lines
    }

    /// A `VTIMEZONE` from the zone's current rules (a fixed offset when it has no daylight time).
    private func timezone(_ zone: TimeZone) -> [String] {
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + zone.identifier]
        guard let rules = ZoneRules(zone: zone) else {
            let offset = Self.offset(zone.secondsFromGMT(for: stamp))
            return lines + ["BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:" + offset, "TZOFFSETTO:" + offset,
                            "TZNAME:" + Self.escape(zone.abbreviation(for: stamp) ?? zone.identifier), "END:STANDARD", "END:VTIMEZONE"]
        }
        let standard = Self.offset(rules.standardOffset)
        guard let daylightName = rules.daylightName, let daylightOffset = rules.daylightOffset,
              let start = rules.daylightStart, let end = rules.daylightEnd else {
            return lines + ["BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:" + standard, "TZOFFSETTO:" + standard,
                            "TZNAME:" + Self.escape(rules.standardName), "END:STANDARD", "END:VTIMEZONE"]
        }
        let daylight = Self.offset(daylightOffset)
        lines += ["BEGIN:DAYLIGHT", "DTSTART:" + Self.firstTransition(start), "TZOFFSETFROM:" + standard, "TZOFFSETTO:" + daylight,
                  "RRULE:" + Self.yearlyRule(start), "TZNAME:" + Self.escape(daylightName), "END:DAYLIGHT"]
        lines += ["BEGIN:STANDARD", "DTSTART:" + Self.firstTransition(end), "TZOFFSETFROM:" + daylight, "TZOFFSETTO:" + standard,
                  "RRULE:" + Self.yearlyRule(end), "TZNAME:" + Self.escape(rules.standardName), "END:STANDARD"]
        return lines + ["END:VTIMEZONE"]
    }

    static let dayCodes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]

    /// `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` for "the last Sunday of March".
    static func yearlyRule(_ transition: ZoneRules.Transition) -> String {
        let week = transition.week == 5 ? -1 : transition.week
        return "FREQ=YEARLY;BYMONTH=\(transition.month);BYDAY=\(week)\(dayCodes[transition.weekday % 7])"
    }

    /// The transition's local time in 1970, the conventional first `DTSTART` of a rule.
    static func firstTransition(_ transition: ZoneRules.Transition) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let firstOfMonth = calendar.date(from: DateComponents(year: 1970, month: transition.month, day: 1))!
        let firstWeekday = calendar.component(.weekday, from: firstOfMonth) - 1
        var day = 1 + (transition.weekday - firstWeekday + 7) % 7
        let daysInMonth = calendar.range(of: .day, in: .month, for: firstOfMonth)!.count
        if transition.week == 5 {
            while day + 7 <= daysInMonth { day += 7 }
        } else {
            day += 7 * (transition.week - 1)
        }
        let seconds = transition.seconds
        return String(format: "1970%02d%02dT%02d%02d%02d", transition.month, day, seconds / 3600, seconds % 3600 / 60, seconds % 60)
    }

    /// The rule as written, with `UNTIL` in UTC as RFC 5545 requires beside a `TZID` start.
    static func ruleText(_ rule: RRule) -> String {
        rule.text.split(separator: ";").map { part -> String in
            guard part.hasPrefix("UNTIL="), let until = rule.until else { return String(part) }
            return "UNTIL=" + utc(until)
        }.joined(separator: ";")
    }

    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        return String(format: "%@%02d%02d", sign, abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }

    static func local(_ date: Date, _ zone: TimeZone) -> String {
        let p = Schedule.calendar(in: zone).dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02d", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
    }

    static func utc(_ date: Date) -> String {
        local(date, TimeZone(identifier: "UTC")!) + "Z"
    }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon and comma are escaped, a line
    /// break (LF, CR LF or a lone CR) becomes `\\n`, and the other control characters, which
    /// TEXT excludes (all but HTAB), are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !afterCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 && scalar.value != 0x7F { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A URI value: control characters, which no URI holds, are dropped.
    static func uri(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.append(contentsOf: text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })
        return out
    }

    /// Folds a content line into pieces of at most 75 octets, never splitting a UTF-8
    /// character; continuation lines start with a space.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var pieces: [String] = []
        var current = ""
        var size = 0
        for scalar in line.unicodeScalars {
            let width = String(scalar).utf8.count
            let limit = pieces.isEmpty ? 75 : 74
            if size + width > limit {
                pieces.append(current)
                current = ""
                size = 0
            }
            current.unicodeScalars.append(scalar)
            size += width
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
