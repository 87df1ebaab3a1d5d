import Foundation

extension CalendarPage {
    /// Chapter label → absolute URL, when the site's address is known.
    var absolutePageURLs: [String: String] {
        guard let baseURL else { return [:] }
        return calendar.pagePaths.mapValues { baseURL + $0 }
    }

    /// A series' feed for the calendar page: its `.ics` file, `webcal:` address, and "add to
    /// calendar" links: Google's for the series, Outlook's for its next session that runs.
    func feed(for series: CallSeries) -> CalendarPageContext.Feed {
        let urls = absolutePageURLs
        let location = EventDescription.join(series.details, pageURLs: urls) ?? series.location
        let details = EventDescription.text(description: series.description, details: series.details, page: series.page,
                                            pageURLs: urls, session: nil)
        let next = calendar.upcoming(series: series.id, count: Int.max).first { !$0.cancelled }
        let outlook = next.map { session in
            CalendarAppLinks.outlook(session, details: EventDescription.text(description: series.description,
                                                                             details: series.details, page: series.page,
                                                                             pageURLs: urls, session: session),
                                     location: location)
        }
        let path = "calls/\(series.id).ics"
        return CalendarPageContext.Feed(title: series.title, url: path, webcal: webcal(path),
                                        google: CalendarAppLinks.google(series, details: details, location: location),
                                        outlook: outlook)
    }
}
