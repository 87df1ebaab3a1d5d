import Foundation

/// "Add to calendar" links for calendar apps that cannot subscribe to a feed by a click:
/// Google Calendar's event template (a whole series, with its `RRULE`) and Outlook's compose
/// deep link (one session: it takes no recurrence). Both open in the reader's browser; the
/// build fetches nothing.
public enum CalendarAppLinks {
    /// `https://calendar.google.com/calendar/render?action=TEMPLATE&…` for a series: its first
    /// session in its own zone (`ctz`) and its rule in `recur`.
    public static func google(_ series: CallSeries, details: String?, location: String?) -> String {
        let zone = series.zone
        let dates = ICSWriter.local(series.start, zone) + "/" + ICSWriter.local(series.start.addingTimeInterval(series.duration), zone)
        var items = [("action", "TEMPLATE"), ("text", series.title), ("dates", dates), ("ctz", zone.identifier)]
        if let details { items.append(("details", details)) }
        if let location { items.append(("location", location)) }
        if let rule = series.rule { items.append(("recur", "RRULE:" + ICSWriter.ruleText(rule))) }
        return "https://calendar.google.com/calendar/render?" + query(items)
    }

    /// `https://outlook.live.com/calendar/0/deeplink/compose?…` for one session, with its
    /// start and end as instants with offsets.
    public static func outlook(_ session: Session, details: String?, location: String?) -> String {
        var items = [("path", "/calendar/action/compose"), ("rru", "addevent"), ("subject", session.title),
                     ("startdt", SessionFormat.iso(session.start, in: session.zone)),
                     ("enddt", SessionFormat.iso(session.end, in: session.zone))]
        if let details { items.append(("body", details)) }
        if let location { items.append(("location", location)) }
        return "https://outlook.live.com/calendar/0/deeplink/compose?" + query(items)
    }

    /// Only unreserved characters stay as they are (`+`, `:` and `/` in values are encoded).
    static func query(_ items: [(String, String)]) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return items.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }
}
