/// Draws a `{calls}` listing: the next sessions of the series it names, taken from the
/// resolved calendar, each as a `<time>` with its day, times and zone abbreviation, and a link
/// to the calendar page. Without a calendar (a chapter rendered alone, a book without
/// `calls.yml`) the listing says no sessions are planned.
public struct CallsListingHTML: Sendable {
    /// The book's calendar, if it has one.
    public let calendar: ResolvedCalendar?
    /// The page the listing is on, for the relative link to the calendar page.
    public let pagePath: String

    /// Writes the listed sessions as schema.org events, when given.
    public let events: EventJSONLD?

    public init(calendar: ResolvedCalendar? = nil, pagePath: String = "", events: EventJSONLD? = nil) {
        self.calendar = calendar
        self.pagePath = pagePath
        self.events = events
    }

    /// Appends the listing's HTML to `out`.
    public func render(_ listing: CallsListing, into out: inout String) {
        let sessions = calendar?.upcoming(series: listing.series, count: listing.count) ?? []
        out += "<div class=\"calls-listing\" data-series=\"\(HTMLEscaping.escape(listing.series))\">\n"
        if sessions.isEmpty {
            out += "<p>No upcoming sessions are planned.</p>\n"
        } else {
            let format = SessionFormat(rules: calendar?.zoneRules ?? [:])
            out += "<ul class=\"sessions\">\n"
            for session in sessions {
                let start = SessionFormat.iso(session.start, in: session.zone), end = SessionFormat.iso(session.end, in: session.zone)
                out += "<li class=\"session\(session.cancelled ? " cancelled" : "")\">"
                out += "<time datetime=\"\(HTMLEscaping.escape(start))\" data-end=\"\(HTMLEscaping.escape(end))\">"
                out += HTMLEscaping.escape(SessionFormat.day(session.start, in: session.zone)) + ", "
                    + HTMLEscaping.escape(format.span(session)) + "</time>"
                out += " <span class=\"utc-offset\">(UTC\(HTMLEscaping.escape(SessionFormat.offset(session.start, in: session.zone))))</span>"
                out += "<span class=\"local-time\" hidden></span>"
                if session.cancelled { out += " <strong class=\"cancelled-note\">Cancelled</strong>" }
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
