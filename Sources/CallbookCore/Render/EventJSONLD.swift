import Foundation

/// schema.org `Event` data for search engines and other machines, written as
/// `<script type="application/ld+json">` beside the sessions a page lists: start and end with
/// offsets, online attendance, a `VirtualLocation` with the join link, the status (scheduled,
/// rescheduled with its previous start, cancelled), the book as organizer and the chapter's URL.
public struct EventJSONLD: Sendable {
    public let configuration: CallsConfiguration
    /// The organizer's name: the book's author, else its title.
    public let organizer: String
    /// The site's address with a final `/`, if known; chapter URLs are left out without it.
    public let baseURL: String?
    /// Chapter label → site path.
    public let pagePaths: [String: String]

    public init(calendar: ResolvedCalendar, organizer: String, baseURL: String?) {
        configuration = calendar.schedule.configuration
        self.organizer = organizer
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        pagePaths = calendar.pagePaths
    }

    var pageURLs: [String: String] {
        guard let baseURL else { return [:] }
        return pagePaths.mapValues { baseURL + $0 }
    }

    /// The `<script>` element for `sessions`, or "" when there are none.
    public func script(for sessions: [Session]) -> String {
        guard !sessions.isEmpty else { return "" }
        let urls = pageURLs
        let graph = OrderedJSON.object([("@context", .string("https://schema.org")),
                                        ("@graph", .array(sessions.map { event($0, pageURLs: urls) }))])
        return "<script type=\"application/ld+json\">" + graph.text(pretty: false, scriptSafe: true) + "</script>\n"
    }

    func event(_ session: Session, pageURLs: [String: String]) -> OrderedJSON {
        let series = session.isOneOff ? nil : configuration.series.first { $0.id == session.id }
        let oneOff = session.isOneOff ? configuration.sessions.first { $0.id == session.id } : nil
        let details = series?.details ?? oneOff?.details ?? CallDetails()
        let description = series?.description ?? oneOff?.description
        var fields: [(String, OrderedJSON)] = [
            ("@type", .string("Event")), ("name", .string(session.title)),
            ("startDate", .string(SessionFormat.iso(session.start, in: session.zone))),
            ("endDate", .string(SessionFormat.iso(session.end, in: session.zone))),
            ("eventAttendanceMode", .string("https://schema.org/OnlineEventAttendanceMode")),
        ]
        switch session.status {
        case .scheduled: fields.append(("eventStatus", .string("https://schema.org/EventScheduled")))
        case .moved(let from):
            fields.append(("eventStatus", .string("https://schema.org/EventRescheduled")))
            fields.append(("previousStartDate", .string(SessionFormat.iso(from, in: session.zone))))
        case .cancelled: fields.append(("eventStatus", .string("https://schema.org/EventCancelled")))
        }
        var location: [(String, OrderedJSON)] = [("@type", .string("VirtualLocation"))]
        if let link = EventDescription.link(details, page: session.page, pageURLs: pageURLs) { location.append(("url", .string(link))) }
        fields.append(("location", .object(location)))
        var organizerFields: [(String, OrderedJSON)] = [("@type", .string("Organization")), ("name", .string(organizer))]
        if let baseURL { organizerFields.append(("url", .string(baseURL))) }
        fields.append(("organizer", .object(organizerFields)))
        if let url = session.page.flatMap({ pageURLs[$0] }) { fields.append(("url", .string(url))) }
        if let description, !description.isEmpty { fields.append(("description", .string(PlainText.fromMarkdown(description)))) }
        return .object(fields)
    }
}
