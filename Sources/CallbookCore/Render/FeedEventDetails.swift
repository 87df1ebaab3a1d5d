import Foundation

extension ICSWriter {
    /// How often calendar apps should fetch a feed again (`REFRESH-INTERVAL`, `X-PUBLISHED-TTL`).
    static let refreshInterval = "PT12H"

    /// `DESCRIPTION` (the description as plain text, then join, notes, host, note and chapter
    /// links), `URL` (the join address, else the chapter) and `CONFERENCE` (RFC 7986) for a
    /// join address. Chapter links are absolute, so they are left out without a base URL.
    /// - Parameter session: the single session an override is written for; nil for a series'
    ///   main event, which leaves out what differs per session (a notes template, rotating hosts).
    func detailLines(description: String?, details: CallDetails, page: String?, session: Session?) -> [String] {
        var lines: [String] = []
        if let text = EventDescription.text(description: description, details: details, page: page, pageURLs: pageURLs,
                                            session: session) {
            lines.append("DESCRIPTION:" + Self.escape(text))
        }
        if let url = EventDescription.link(details, page: page, pageURLs: pageURLs) { lines.append("URL:" + Self.uri(url)) }
        if let url = details.join?.url {
            lines.append("CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=Join:" + Self.uri(url))
        }
        return lines
    }

    /// One `RECURRENCE-ID` override per session of `series` that a `changes:` entry moves,
    /// gives another host or a note (cancellations are `EXDATE`s), up to the horizon.
    func overrides(of series: CallSeries) -> [[String]] {
        guard !series.details.changes.isEmpty else { return [] }
        let zone = series.zone
        return schedule.sessions(of: series, from: series.start, through: horizon).compactMap { session in
            guard !session.cancelled, series.details.changes[Schedule.localDay(session.plannedStart, in: zone)] != nil else {
                return nil
            }
            var lines = ["BEGIN:VEVENT", "UID:\(series.id)@\(host)", "DTSTAMP:" + Self.utc(stamp),
                         "RECURRENCE-ID;TZID=\(zone.identifier):" + Self.local(session.plannedStart, zone),
                         "DTSTART;TZID=\(zone.identifier):" + Self.local(session.start, zone),
                         "DTEND;TZID=\(zone.identifier):" + Self.local(session.end, zone),
                         "SUMMARY:" + Self.escape(series.title)]
            if let location = series.location { lines.append("LOCATION:" + Self.escape(location)) }
            lines += detailLines(description: series.description, details: series.details, page: series.page, session: session)
            lines.append("END:VEVENT")
            return lines
        }
    }
}
