import Foundation

/// Sessions as the JSON the theme's `calendar.js` reads to lay a page out again in the reader's
/// zone: one `<script type="application/json" class="calls-data">` per listing or calendar page.
/// Each session carries its instants (with offsets), its own zone and that zone's name at the
/// time, its length, links relative to the page, whether it is cancelled, and, when moved, the
/// start the rule gave it (`movedFrom`, with its zone abbreviation). The JSON is safe
/// inside a `<script>` element (`<` is escaped).
public struct SessionScriptData: Sendable {
    /// The book's calendar, for chapter addresses and zone names.
    public let calendar: ResolvedCalendar
    /// The page the data sits on: links are relative to it.
    public let pagePath: String

    public init(calendar: ResolvedCalendar, pagePath: String) {
        self.calendar = calendar
        self.pagePath = pagePath
    }

    /// The `.ics` feed that holds `session`: its series' own, else the book's.
    static func feedPath(of session: Session) -> String {
        session.isOneOff ? CalendarPage.feedPath : "calls/\(session.id).ics"
    }

    /// The chapter of `session`, relative to the page, if it has one.
    func chapterURL(of session: Session) -> String? {
        session.page.flatMap { calendar.pagePaths[$0] }.map { BookPaths.relativeURL(from: pagePath, to: $0) }
    }

    /// How to join `session`, relative to the page: a meeting address as it is, or the page of
    /// the chapter that says how to get the link.
    func joinURL(of session: Session) -> String? {
        switch session.join {
        case .url(let url)?: return url
        case .chapter(let label)?: return calendar.pagePaths[label].map { BookPaths.relativeURL(from: pagePath, to: $0) }
        default: return nil
        }
    }

    /// How to join `session` in words, when the link is shared privately.
    static func joinText(of session: Session) -> String? {
        if case .text(let text)? = session.join { return text }
        return nil
    }

    /// Where the notes of `session` are, relative to the page.
    func notesURL(of session: Session) -> String? {
        switch session.notes {
        case .address(let url)?: return url
        case .chapter(let label)?: return calendar.pagePaths[label].map { BookPaths.relativeURL(from: pagePath, to: $0) }
        default: return nil
        }
    }

    /// Why `session` is cancelled, when `changes:` says.
    static func reason(of session: Session) -> String? {
        if case .cancelled(let reason) = session.status { return reason }
        return nil
    }

    /// `{"sessions":[…]}` for `sessions`.
    public func json(_ sessions: [Session]) -> String {
        let format = SessionFormat(rules: calendar.zoneRules)
        let items = sessions.map { session -> String in
            var fields: [(String, String)] = [
                ("id", JSONString.quote(session.id, scriptSafe: true)),
                ("title", JSONString.quote(session.title, scriptSafe: true)),
                ("start", JSONString.quote(SessionFormat.iso(session.start, in: session.zone))),
                ("end", JSONString.quote(SessionFormat.iso(session.end, in: session.zone))),
                ("zone", JSONString.quote(session.zone.identifier, scriptSafe: true)),
                ("abbr", JSONString.quote(format.abbreviation(session.start, in: session.zone), scriptSafe: true)),
                ("duration", JSONString.quote(SessionFormat.duration(session.end.timeIntervalSince(session.start)))),
                ("ics", JSONString.quote(BookPaths.relativeURL(from: pagePath, to: Self.feedPath(of: session)), scriptSafe: true)),
                ("cancelled", session.cancelled ? "true" : "false"),
            ]
            if let url = chapterURL(of: session) { fields.append(("url", JSONString.quote(url, scriptSafe: true))) }
            if let from = SessionAnnotations.plannedStart(of: session) {
                fields.append(("movedFrom", JSONString.quote(SessionFormat.iso(from, in: session.zone))))
                fields.append(("movedFromAbbr", JSONString.quote(format.abbreviation(from, in: session.zone), scriptSafe: true)))
            }
            let optional: [(String, String?)] = [
                ("location", session.location), ("join", joinURL(of: session)), ("joinText", Self.joinText(of: session)),
                ("notes", notesURL(of: session)), ("host", session.host), ("note", session.note), ("reason", Self.reason(of: session)),
            ]
            for case let (key, value?) in optional { fields.append((key, JSONString.quote(value, scriptSafe: true))) }
            return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
        return "{\"sessions\":[" + items.joined(separator: ",\n") + "]}"
    }

    /// The data as a script element of class `calls-data`.
    public func element(_ sessions: [Session]) -> String {
        "<script type=\"application/json\" class=\"calls-data\">" + json(sessions) + "</script>\n"
    }
}
