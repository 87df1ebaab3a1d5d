import Foundation

/// How sessions are written for people and machines: dates and times in the session's own
/// zone with its abbreviation (GMT/BST), ISO 8601 instants with offsets for `<time datetime>`.
public struct SessionFormat: Sendable {
    /// Each zone's rules by identifier, for its abbreviations (read once per build).
    public let rules: [String: ZoneRules]

    public init(rules: [String: ZoneRules]) {
        self.rules = rules
    }

    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    static func parts(_ date: Date, _ zone: TimeZone) -> DateComponents {
        Schedule.calendar(in: zone).dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
    }

    /// `Wednesday 7 January 2026`
    public static func day(_ date: Date, in zone: TimeZone) -> String {
        let p = parts(date, zone)
        return "\(weekdays[p.weekday! - 1]) \(p.day!) \(months[p.month! - 1]) \(p.year!)"
    }

    /// `15:00`
    public static func clock(_ date: Date, in zone: TimeZone) -> String {
        let p = parts(date, zone)
        return String(format: "%02d:%02d", p.hour!, p.minute!)
    }

    /// `+01:00`
    public static func offset(_ date: Date, in zone: TimeZone) -> String {
        let seconds = zone.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        return String(format: "%@%02d:%02d", sign, abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }

    /// `2026-01-07T15:00:00+00:00`: the instant, written in the session's zone.
    public static func iso(_ date: Date, in zone: TimeZone) -> String {
        let p = parts(date, zone)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
            + offset(date, in: zone)
    }

    /// `2026-01-07`: the local date, for grouping and ids.
    public static func isoDay(_ date: Date, in zone: TimeZone) -> String {
        let p = parts(date, zone)
        return String(format: "%04d-%02d-%02d", p.year!, p.month!, p.day!)
    }

    /// `GMT`, `BST`, `EST`… (from tzdata; Foundation alone says `GMT+1` on Linux).
    public func abbreviation(_ date: Date, in zone: TimeZone) -> String {
        rules[zone.identifier]?.abbreviation(at: date, in: zone) ?? zone.abbreviation(for: date) ?? zone.identifier
    }

    /// `2 hours`, `1 hour`, `45 minutes`, `1 h 30 min`: a session's length for people.
    public static func duration(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        let (hours, rest) = (minutes / 60, minutes % 60)
        switch (hours, rest) {
        case (0, _): return rest == 1 ? "1 minute" : "\(rest) minutes"
        case (_, 0): return hours == 1 ? "1 hour" : "\(hours) hours"
        default: return "\(hours) h \(rest) min"
        }
    }

    /// `15:00–17:00 GMT`
    public func span(_ session: Session) -> String {
        Self.clock(session.start, in: session.zone) + "–" + Self.clock(session.end, in: session.zone) + " "
            + abbreviation(session.start, in: session.zone)
    }
}
