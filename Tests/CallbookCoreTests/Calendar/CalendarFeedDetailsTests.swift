@testable import CallbookCore
import Foundation
import Testing

/// What the feeds and "add to calendar" links say about a call besides its times:
/// `DESCRIPTION`, `URL` (the join link, else the chapter), `CONFERENCE`, the calendar's name and
/// refresh interval, and the Google and Outlook links on the calendar page.
@Suite struct CalendarFeedDetailsTests {
    typealias T = CalendarTesting

    static func calls(url: Bool = true) -> String {
        (url ? "url: https://example.org/handbook/\n" : "") + """
        timezone: Europe/London
        series:
          - id: cafe
            title: Collaboration Cafe
            page: ch-cafe
            start: 2026-01-07 15:00
            duration: 2h
            repeat: FREQ=MONTHLY;BYDAY=1WE,3WE
            description: A *friendly* call, see [notes](https://example.org/n).
            join: https://meet.example.org/cafe
            notes: https://notes.example.org/cafe
            hosts: [Ana]
            contact: cafe@example.org
          - id: coworking
            title: Coworking call
            page: ch-daily
            start: 2026-01-06 11:00
            duration: 1h
            repeat: FREQ=WEEKLY;BYDAY=TU,WE,TH
            skip_when: [cafe]
            join: ch-daily

        """
    }

    @Test func descriptionURLAndConference() async throws {
        let book = try T.book(calls: Self.calls())
        defer { book.remove() }
        let built = await T.build(book, today: "2026-01-01")
        #expect(T.describe(built).isEmpty, "\(T.describe(built))")
        let feed = try #require(T.file(built, "calls.ics"))
        let lines = T.unfoldedLines(feed)
        #expect(lines.contains("X-WR-CALNAME:Calls Test Book"))
        #expect(lines.contains("REFRESH-INTERVAL;VALUE=DURATION:PT12H"))
        #expect(lines.contains("X-PUBLISHED-TTL:PT12H"))
        let events = T.events(feed)
        let cafe = try #require(events.first { T.value("UID", in: $0) == "cafe@example.org" })
        #expect(T.value("DESCRIPTION", in: cafe) == "A friendly call\\, see notes (https://example.org/n).\\n\\n"
            + "Join: https://meet.example.org/cafe\\nNotes: https://notes.example.org/cafe\\nHost: Ana\\n"
            + "Contact: cafe@example.org\\nMore: https://example.org/handbook/coworking/cafe.html")
        // The join link, not the chapter, is the event's URL.
        #expect(T.line("URL", in: cafe) == "URL:https://meet.example.org/cafe")
        #expect(T.line("CONFERENCE", in: cafe) == "CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=Join:https://meet.example.org/cafe")
        // A chapter as the join link: its absolute URL, and no CONFERENCE (it is not a meeting address).
        let coworking = try #require(events.first { T.value("UID", in: $0) == "coworking@example.org" })
        #expect(T.line("URL", in: coworking) == "URL:https://example.org/handbook/coworking/daily.html")
        #expect(T.line("CONFERENCE", in: coworking) == nil)
        #expect(T.value("DESCRIPTION", in: coworking)
            == "Join: https://example.org/handbook/coworking/daily.html\\nMore: https://example.org/handbook/coworking/daily.html")
    }

    @Test func withoutABaseURLChapterLinksAreLeftOut() async throws {
        let book = try T.book(calls: Self.calls(url: false))
        defer { book.remove() }
        let built = await T.build(book, today: "2026-01-01")
        #expect(T.describe(built).isEmpty, "\(T.describe(built))")
        #expect(built.result.diagnostics.map(\.id) == ["calls-no-base-url"])
        let events = T.events(try #require(T.file(built, "calls.ics")))
        let coworking = try #require(events.first { T.value("UID", in: $0)?.hasPrefix("coworking@") == true })
        #expect(T.line("URL", in: coworking) == nil)
        #expect(T.line("DESCRIPTION", in: coworking) == nil)
        let cafe = try #require(events.first { T.value("UID", in: $0)?.hasPrefix("cafe@") == true })
        #expect(T.line("URL", in: cafe) == "URL:https://meet.example.org/cafe")
        #expect(T.value("DESCRIPTION", in: cafe)?.contains("More:") == false)
    }

    @Test func anUnknownJoinLabelIsAnError() async throws {
        let book = try T.book(calls: Self.calls().replacingOccurrences(of: "join: ch-daily", with: "join: ch-dayly"))
        defer { book.remove() }
        let built = await T.build(book, today: "2026-01-01")
        let errors = BuildInspection.errors(built.diagnostics)
        // Line 22 is `    join: ch-dayly`.
        #expect(errors.map(\.description) == ["book/calls.yml:22:11: error: join 'ch-dayly' is not a label in the book; "
            + "did you mean 'ch-daily'? [calls-page-unknown]"])
    }

    @Test func googleAndOutlookLinks() throws {
        let configuration = try T.configuration(Self.calls())
        let cafe = configuration.series[0]
        #expect(CalendarAppLinks.google(cafe, details: "Bring a goal: 1+1", location: "https://meet.example.org/cafe")
            == "https://calendar.google.com/calendar/render?action=TEMPLATE&text=Collaboration%20Cafe"
            + "&dates=20260107T150000%2F20260107T170000&ctz=Europe%2FLondon&details=Bring%20a%20goal%3A%201%2B1"
            + "&location=https%3A%2F%2Fmeet.example.org%2Fcafe&recur=RRULE%3AFREQ%3DMONTHLY%3BBYDAY%3D1WE%2C3WE")
        // 1 April 2026 is in British Summer Time: the offset is +01:00, and Outlook gets no recurrence.
        let session = try #require(Schedule(configuration).sessions(from: T.instant("2026-04-01T00:00:00Z"),
                                                                    through: T.instant("2026-04-02T00:00:00Z")).first)
        #expect(CalendarAppLinks.outlook(session, details: nil, location: nil)
            == "https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent"
            + "&subject=Collaboration%20Cafe&startdt=2026-04-01T15%3A00%3A00%2B01%3A00&enddt=2026-04-01T17%3A00%3A00%2B01%3A00")
    }

    @Test func theCalendarPageOffersBothLinksBesideTheFeeds() async throws {
        let book = try T.book(calls: Self.calls())
        defer { book.remove() }
        let built = await T.build(book, today: "2026-01-01")
        let page = try #require(T.file(built, "calendar.html"))
        let subscribe = try #require(T.slice(page, from: "<section class=\"subscribe\"", to: "</section>"))
        #expect(subscribe.components(separatedBy: "class=\"add-google\" href=\"https://calendar.google.com/calendar/render?action=TEMPLATE&amp;").count == 3)
        // The next Cafe from 1 January is on 7 January, 15:00 GMT.
        #expect(subscribe.contains("class=\"add-outlook\" href=\"https://outlook.live.com/calendar/0/deeplink/compose?"))
        #expect(subscribe.contains("startdt=2026-01-07T15%3A00%3A00%2B00%3A00"))
    }
}
