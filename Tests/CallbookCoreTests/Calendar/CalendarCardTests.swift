@testable import CallbookCore
import Foundation
import Testing

/// The reader-first parts of the pages as the build writes them: the "Next call" card, the
/// sessions as data for `calendar.js`, the past-sessions lists, and the site-wide notice.
@Suite struct CalendarCardTests {
    typealias T = CalendarTesting

    static let callsYAML = CalendarPagesTests.callsYAML

    /// The sessions of the first `calls-data` script of a page, in order.
    static func scriptedSessions(_ html: String) throws -> [[String: Any]] {
        let json = try #require(T.slice(html, from: "<script type=\"application/json\" class=\"calls-data\">", to: "</script>"))
        let data = Data(json.dropFirst("<script type=\"application/json\" class=\"calls-data\">".count).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(object["sessions"] as? [[String: Any]])
    }

    @Test func aListingOpensWithTheNextCallCard() async throws {
        let book = try T.book(calls: Self.callsYAML, count: 2)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-10")
        #expect(T.describe(built).isEmpty, "\(T.describe(built))")
        let page = try #require(T.file(built, "coworking/cafe.html"))
        let card = try #require(T.slice(page, from: "<section class=\"next-call\"", to: "</section>"))
        #expect(card.contains("<p class=\"next-call-title\"><a href=\"cafe.html\">Collaboration Cafe</a></p>"))
        #expect(card.contains("<time datetime=\"2026-03-18T15:00:00+00:00\" data-end=\"2026-03-18T17:00:00+00:00\">"
                              + "Wednesday 18 March 2026, 15:00–17:00 GMT</time> <span class=\"utc-offset\">(UTC+00:00)</span>"))
        #expect(card.contains("<p class=\"next-call-details\">2 hours · Online</p>"))
        #expect(card.contains("<p class=\"next-call-status\">As of Tuesday 10 March 2026</p>"))
        #expect(card.contains("<a class=\"next-call-ics\" href=\"../calls/cafe.ics\" download>"))
        // The card comes first in the listing, before the list of two.
        let listing = try #require(T.slice(page, from: "<div class=\"calls-listing\"", to: "<p class=\"calendar-link\">"))
        #expect(listing.range(of: "next-call")!.lowerBound < listing.range(of: "<ul class=\"sessions\">")!.lowerBound)
        // The card may move on to the next twelve sessions when the page is read later.
        let sessions = try Self.scriptedSessions(page)
        #expect(sessions.count == CallsListingHTML.cardCandidates)
        #expect(sessions.first?["start"] as? String == "2026-03-18T15:00:00+00:00")
        #expect(sessions.first?["zone"] as? String == "Europe/London")
        #expect(sessions.first?["abbr"] as? String == "GMT")
        #expect(sessions.first?["url"] as? String == "cafe.html")
        #expect(sessions.first?["ics"] as? String == "../calls/cafe.ics")
        #expect(sessions.dropFirst().first?["abbr"] as? String == "BST")
        // Times in the list say which zone they are in, for calendar.js.
        #expect(page.contains("data-zone=\"Europe/London\" data-abbr=\"BST\">Wednesday 1 April 2026, 15:00–17:00 BST</time>"))
        // The page loads the calendar script and styles; a page without {calls} does not.
        #expect(page.contains("_static/calendar.js"))
        #expect(page.contains("_static/calendar.css"))
        #expect(!(T.file(built, "coworking/daily.html") ?? "calendar.js").contains("calendar.js"))
    }

    @Test func theCalendarPageOpensWithTheCardAndCarriesTheGridsSessions() async throws {
        let book = try T.book(calls: Self.callsYAML)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-10")
        let page = try #require(T.file(built, "calendar.html"))
        let afterTitle = try #require(T.slice(page, from: "<h1 id=\"calendar\">Calendar</h1>\n", to: "</section>"))
        #expect(afterTitle.hasPrefix("<h1 id=\"calendar\">Calendar</h1>\n<section class=\"next-call\""))
        #expect(afterTitle.contains("<a href=\"coworking/daily.html\">Coworking call</a>"))
        #expect(afterTitle.contains("Tuesday 10 March 2026, 11:00–12:00 GMT</time>"))
        #expect(afterTitle.contains("<p class=\"next-call-details\">1 hour</p>"))
        #expect(afterTitle.contains("href=\"calls/coworking.ics\""))
        #expect(page.contains("<select id=\"zone-choice\" name=\"tz\"></select>"))
        // The grids' months with two days either side: 27 February to 2 June.
        let starts = try Self.scriptedSessions(page).compactMap { $0["start"] as? String }
        #expect(starts == CalendarPagesTests.expectedSessions(from: "2026-02-27", through: "2026-06-02").map(\.0))
        let americas = try Self.scriptedSessions(page).first { $0["title"] as? String == "Americas-friendly Cafe" }
        #expect(americas?["zone"] as? String == "America/New_York")
        #expect(americas?["abbr"] as? String == "EDT")
        #expect(americas?["duration"] as? String == "1 h 30 min")
        #expect(americas?["url"] as? String == "coworking/cafe.html#cafe-upcoming")
        #expect(americas?["ics"] as? String == "calls.ics")
    }

    @Test func pastSessionsOfTheLastThreeMonthsPerSeriesLatestFirst() async throws {
        let book = try T.book(calls: Self.callsYAML)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-10")
        let page = try #require(T.file(built, "calendar.html"))
        let section = try #require(T.slice(page, from: "<section class=\"past-sessions\"", to: "</section>"))
        let cafe = try #require(T.slice(section, from: "<h3 id=\"past-cafe\">Collaboration Cafe</h3>", to: "</ul>"))
        // From 10 December 2025; the series starts on 7 January.
        #expect(T.timeValues(cafe) == ["2026-03-04T15:00:00+00:00", "2026-02-18T15:00:00+00:00", "2026-02-04T15:00:00+00:00",
                                       "2026-01-21T15:00:00+00:00", "2026-01-07T15:00:00+00:00"])
        let coworking = try #require(T.slice(section, from: "<h3 id=\"past-coworking\">Coworking call</h3>", to: "</ul>"))
        // From 10 December 2025 too, but the series starts on 6 January.
        let expected = CalendarPagesTests.expectedSessions(from: "2026-01-06", through: "2026-03-09")
            .filter { $0.1 == "Coworking call" }.map(\.0).reversed()
        #expect(T.timeValues(coworking) == Array(expected))
        #expect(!section.contains("Americas"))
    }

    @Test func theNoticeIsOffByDefault() async throws {
        let book = try T.book(calls: Self.callsYAML)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-10")
        #expect(T.file(built, CallNoticeScript.path) == nil)
        #expect(!(T.file(built, "index.html") ?? "notice.js").contains("notice.js"))
    }

    @Test func theNoticeSwitchLoadsTheNextSessionsOnEveryPage() async throws {
        let book = try T.book(calls: "notice: true\n" + Self.callsYAML)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-10")
        #expect(T.describe(built).isEmpty, "\(T.describe(built))")
        for page in ["index.html", "coworking/daily.html", "calendar.html", "search.html"] {
            let html = try #require(T.file(built, page))
            let root = page.contains("/") ? "../" : ""
            #expect(html.contains("<script defer src=\"\(root)_static/calls-next.js\"></script>\n"
                                  + "<script defer src=\"\(root)_static/notice.js\"></script>"), "\(page)")
        }
        let script = try #require(T.file(built, CallNoticeScript.path))
        #expect(script.hasPrefix("window.callbookNextCalls=[\n{\"title\":\"Coworking call\",\"start\":\"2026-03-10T11:00:00+00:00\","
                                 + "\"end\":\"2026-03-10T12:00:00+00:00\",\"url\":\"coworking/daily.html\"},\n"))
        let starts = script.components(separatedBy: "\"start\":\"").dropFirst().map { String($0.prefix(25)) }
        #expect(starts == CalendarPagesTests.expectedSessions(from: "2026-03-10", through: "2026-05-04").map(\.0))
    }

    @Test func theNoticeSwitchMustBeABoolean() async throws {
        let (configuration, diagnostics) = CallsFile.read(path: "calls.yml", text: "notice: sometimes\n" + Self.callsYAML)
        #expect(configuration?.notice == false)
        #expect(diagnostics.map(\.id) == ["calls-notice"])
        #expect(diagnostics.first?.range?.start.line == 1)
        #expect(try T.configuration("notice: false\n" + Self.callsYAML).notice == false)
        #expect(try T.configuration("notice: true\n" + Self.callsYAML).notice == true)
    }

    static let detailedYAML = """
        notice: true
        timezone: Europe/London
        series:
          - id: cafe
            title: Collaboration Cafe
            page: ch-cafe
            start: 2026-01-07 15:00
            duration: 2h
            repeat: FREQ=MONTHLY;BYDAY=1WE,3WE
            join: https://meet.example.org/cafe
            notes: https://notes.example.org/cafe-{date}
            hosts: [Ana, Ben]
            changes:
              2026-03-18: {cancelled: Spring break}

        """

    @Test func theCardAndListsCarryHostJoinNotesAndReasons() async throws {
        let book = try T.book(calls: Self.detailedYAML, count: 2)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-10")
        let page = try #require(T.file(built, "coworking/cafe.html"))
        // 18 March is cancelled: the card names 1 April, the sixth session that runs (Ben's turn).
        let card = try #require(T.slice(page, from: "<section class=\"next-call\"", to: "</section>"))
        #expect(card.contains("Wednesday 1 April 2026, 15:00–17:00 BST</time>"))
        #expect(card.contains("<p class=\"next-call-details\">2 hours · Host: Ben</p>"))
        #expect(card.contains("<a class=\"next-call-join\" href=\"https://meet.example.org/cafe\">Join the call</a>"))
        #expect(card.contains("<a class=\"next-call-notes\" href=\"https://notes.example.org/cafe-2026-04-01\">Session notes</a>"))
        let list = try #require(T.slice(page, from: "<ul class=\"sessions\">", to: "</ul>"))
        #expect(list.contains("<strong class=\"cancelled-note\">Cancelled: Spring break</strong>"))
        let first = try #require(try Self.scriptedSessions(page).first)
        #expect(first["reason"] as? String == "Spring break")
        #expect(first["cancelled"] as? Bool == true)
        let second = try #require(try Self.scriptedSessions(page).dropFirst().first)
        #expect(second["host"] as? String == "Ben")
        #expect(second["join"] as? String == "https://meet.example.org/cafe")
        #expect(second["notes"] as? String == "https://notes.example.org/cafe-2026-04-01")

        let calendar = try #require(T.file(built, "calendar.html"))
        let grids = try #require(T.slice(calendar, from: "<section class=\"months\"", to: "</section>"))
        #expect(grids.contains("(cancelled: Spring break)"))
        // Past sessions link their own notes (the notes are a template).
        let past = try #require(T.slice(calendar, from: "<h3 id=\"past-cafe\">", to: "</ul>"))
        #expect(past.contains("<a class=\"session-notes\" href=\"https://notes.example.org/cafe-2026-03-04\">Notes</a>"))
        // The notice joins the meeting itself.
        let script = try #require(T.file(built, CallNoticeScript.path))
        #expect(script.contains("\"join\":\"https://meet.example.org/cafe\",\"url\":\"coworking/cafe.html\"}"))
        #expect(!script.contains("2026-03-18T"))
    }

    @Test func durationsForPeople() {
        #expect(SessionFormat.duration(3600) == "1 hour")
        #expect(SessionFormat.duration(7200) == "2 hours")
        #expect(SessionFormat.duration(5400) == "1 h 30 min")
        #expect(SessionFormat.duration(2700) == "45 minutes")
        #expect(SessionFormat.duration(60) == "1 minute")
    }
}
