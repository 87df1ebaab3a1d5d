import Foundation

/// The data of the site-wide call notice (`notice: true` in `calls.yml`): `_static/calls-next.js`
/// sets `window.callbookNextCalls` to the sessions of the coming weeks that are not cancelled,
/// each with its title, instants, meeting address, and the site path of the chapter on how to
/// join (else the call's chapter). The theme's `notice.js`, loaded on
/// every page after it, shows a notice while one is live or starts within the hour. A script
/// rather than JSON, so it loads from `file://` too; nothing is fetched.
public struct CallNoticeScript: Sendable {
    public static let path = "_static/calls-next.js"
    /// How far ahead the notice knows sessions: a site not rebuilt for longer shows none.
    public static let weeksAhead = 8

    public let calendar: ResolvedCalendar

    public init(calendar: ResolvedCalendar) {
        self.calendar = calendar
    }

    /// The script's text.
    public func script() -> String {
        let start = calendar.startOfToday
        let end = Schedule.calendar(in: calendar.schedule.configuration.zone)
            .date(byAdding: .weekOfYear, value: Self.weeksAhead, to: start) ?? start
        let items = calendar.schedule.sessions(from: start, through: end).filter { !$0.cancelled }.map { session -> String in
            var fields = [
                "\"title\":" + JSONString.quote(session.title, scriptSafe: true),
                "\"start\":" + JSONString.quote(SessionFormat.iso(session.start, in: session.zone)),
                "\"end\":" + JSONString.quote(SessionFormat.iso(session.end, in: session.zone)),
            ]
            // The meeting address, else the chapter on how to join, else the call's chapter.
            if case .url(let url)? = session.join { fields.append("\"join\":" + JSONString.quote(url, scriptSafe: true)) }
            if let path = (session.join?.chapter ?? session.page).flatMap({ calendar.pagePaths[$0] }) {
                fields.append("\"url\":" + JSONString.quote(path, scriptSafe: true))
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
        return "window.callbookNextCalls=[\n" + items.joined(separator: ",\n") + "\n];\n"
    }
}
