import Foundation

extension CalendarPage {
    /// Chapter label → absolute URL, when the site's address is known.
    var absolutePageURLs: [String: String] {
        guard let baseURL else { return [:] }
        return calendar.pagePaths.mapValues { baseURL + $0 }
    }

    /// Template data for a series' "add to calendar" links: `google` (the series) and
    /// `outlook` (its next session that runs, or false).
    func appLinks(for series: CallSeries) -> [String: Any] {
        let urls = absolutePageURLs
        let location = EventDescription.join(series.details, pageURLs: urls) ?? series.location
        let details = EventDescription.text(description: series.description, details: series.details, page: series.page,
                                            pageURLs: urls, session: nil)
        let next = calendar.upcoming(series: series.id, count: Int.max).first { !$0.cancelled }
        let outlook: Any = next.map { session in
            CalendarAppLinks.outlook(session, details: EventDescription.text(description: series.description,
                                                                             details: series.details, page: series.page,
                                                                             pageURLs: urls, session: session),
                                     location: location)
        } ?? false
        return ["google": CalendarAppLinks.google(series, details: details, location: location), "outlook": outlook]
    }
}
