/// Draws a `{calls}` listing: a "Next call" card, the next sessions of the series it names,
/// taken from the resolved calendar, each as a `<time>` with its day, times and zone
/// abbreviation, the sessions as data for `calendar.js`, and a link to the calendar page.
/// Without a calendar (a chapter rendered alone, a book without `calls.yml`) the listing says no
/// sessions are planned.
public struct CallsListingHTML: Sendable {
    /// The book's calendar, if it has one.
    public let calendar: ResolvedCalendar?
    /// The page the listing is on, for the relative link to the calendar page.
    public let pagePath: String
    /// Writes the listed sessions as schema.org events, when given.
    public let events: EventJSONLD?
    /// How many sessions the card may move on to, when the page is read after the build.
    static let cardCandidates = 12

    public init(calendar: ResolvedCalendar? = nil, pagePath: String = "", events: EventJSONLD? = nil) {
        self.calendar = calendar
        self.pagePath = pagePath
        self.events = events
    }

    /// Appends the listing's HTML to `out`.
    public func render(_ listing: CallsListing, into out: inout HTMLOutput) {
        let candidates = calendar?.upcoming(series: listing.series, count: max(listing.count, Self.cardCandidates)) ?? []
        let sessions = Array(candidates.prefix(listing.count))
        out += "<div class=\"calls-listing\" data-series=\"\(HTMLEscaping.escape(listing.series))\">\n"
        if let calendar, !candidates.isEmpty {
            let data = SessionScriptData(calendar: calendar, pagePath: pagePath)
            out += NextCallCard(data: data).html(candidates)
            out += data.element(candidates)
        }
        if sessions.isEmpty {
            out += "<p>No upcoming sessions are planned.</p>\n"
        } else {
            let format = SessionFormat(rules: calendar?.zoneRules ?? [:])
            out += "<ul class=\"sessions\">\n"
            for session in sessions {
                let start = SessionFormat.iso(session.start, in: session.zone), end = SessionFormat.iso(session.end, in: session.zone)
                out += "<li class=\"session\(session.cancelled ? " cancelled" : "")\">"
                out += "<time datetime=\"\(HTMLEscaping.escape(start))\" data-end=\"\(HTMLEscaping.escape(end))\""
                    + " data-zone=\"\(HTMLEscaping.escape(session.zone.identifier))\""
                    + " data-abbr=\"\(HTMLEscaping.escape(format.abbreviation(session.start, in: session.zone)))\">"
                out += HTMLEscaping.escape(SessionFormat.day(session.start, in: session.zone)) + ", "
                    + HTMLEscaping.escape(format.span(session)) + "</time>"
                out += " <span class=\"utc-offset\">(UTC\(HTMLEscaping.escape(SessionFormat.offset(session.start, in: session.zone))))</span>"
                out += SessionAnnotations(format: format).html(session)
                if session.cancelled {
                    let reason = SessionScriptData.reason(of: session).map { ": " + HTMLEscaping.escape($0) } ?? ""
                    out += " <strong class=\"cancelled-note\">Cancelled\(reason)</strong>"
                }
                out += "</li>\n"
            }
            out += "</ul>\n"
            if let events { out += events.script(for: sessions) }
        }
        if calendar != nil {
            let url = BookPaths.relativeURL(from: pagePath, to: CalendarPage.path)
            out += "<p class=\"calendar-link\"><a href=\"\(HTMLEscaping.escapeURL(url))\">All sessions in the calendar</a></p>\n"
        }
        out += "</div>\n"
    }
}
