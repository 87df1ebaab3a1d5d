import Foundation

/// The "Next call" card that opens `calendar.html` and each `{calls}` listing: the first session
/// after "now" that is not cancelled, with its title, its start in large text, its length, host,
/// where it happens, links to join and to the notes, an "add to calendar" link to its `.ics` feed and a status line. This is what the
/// build knows (the series' own zone with its UTC offset, "as of" the build's day); the theme's
/// `calendar.js` moves the card on to the session that is next when it is read, writes the start
/// in the reader's zone with the series' own time below it, and says "starts in 3 h",
/// "live now" or "ended", from the `calls-data` of the same listing or page.
public struct NextCallCard: Sendable {
    /// Where links, names and the build's day come from.
    public let data: SessionScriptData

    public init(data: SessionScriptData) {
        self.data = data
    }

    /// The session the card shows at build time: the first of `sessions` not cancelled.
    public static func next(in sessions: [Session]) -> Session? {
        sessions.first { !$0.cancelled }
    }

    /// The card's HTML for the first session of `sessions` that is not cancelled; nothing when
    /// every one is.
    public func html(_ sessions: [Session]) -> String {
        guard let session = Self.next(in: sessions) else { return "" }
        let calendar = data.calendar
        let format = SessionFormat(rules: calendar.zoneRules)
        let escape = HTMLEscaping.escape
        let start = SessionFormat.iso(session.start, in: session.zone), end = SessionFormat.iso(session.end, in: session.zone)
        var out = "<section class=\"next-call\" aria-label=\"Next call\">\n"
        out += "<p class=\"next-call-kicker\">Next call</p>\n"
        out += "<p class=\"next-call-title\">"
        if let url = data.chapterURL(of: session) {
            out += "<a href=\"\(HTMLEscaping.escapeURL(url))\">\(escape(session.title))</a>"
        } else {
            out += escape(session.title)
        }
        out += "</p>\n"
        out += "<p class=\"next-call-when\"><time datetime=\"\(escape(start))\" data-end=\"\(escape(end))\">"
            + escape(SessionFormat.day(session.start, in: session.zone)) + ", " + escape(format.span(session)) + "</time>"
            + " <span class=\"utc-offset\">(UTC\(escape(SessionFormat.offset(session.start, in: session.zone))))</span></p>\n"
        out += "<p class=\"next-call-own\" hidden></p>\n"
        let details = [SessionFormat.duration(session.end.timeIntervalSince(session.start)), session.host.map { "Host: " + $0 },
                       session.location, session.note, SessionAnnotations(format: format).movedText(session)].compactMap { $0 }
        out += "<p class=\"next-call-details\">" + details.map(escape).joined(separator: " · ") + "</p>\n"
        out += "<p class=\"next-call-status\">As of "
            + escape(SessionFormat.day(calendar.today, in: calendar.schedule.configuration.zone)) + "</p>\n"
        let feed = BookPaths.relativeURL(from: data.pagePath, to: SessionScriptData.feedPath(of: session))
        out += "<p class=\"next-call-links\">"
        if let join = data.joinURL(of: session) {
            out += "<a class=\"next-call-join\" href=\"\(HTMLEscaping.escapeURL(join))\">Join the call</a>"
        } else if let text = SessionScriptData.joinText(of: session) {
            out += "<span class=\"next-call-join\">\(escape(text))</span>"
        }
        if let notes = data.notesURL(of: session) {
            out += "<a class=\"next-call-notes\" href=\"\(HTMLEscaping.escapeURL(notes))\">Session notes</a>"
        }
        out += "<a class=\"next-call-ics\" href=\"\(HTMLEscaping.escapeURL(feed))\" download>"
            + "Add to calendar (.ics)</a></p>\n"
        out += "</section>\n"
        return out
    }
}
