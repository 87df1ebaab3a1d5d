@testable import CallbookCore
import Foundation
import Testing

/// A session's `note` and the fact that it was moved (both from `changes:`) are shown wherever
/// sessions are listed at build time: the calendar page's weeks, month grids and past sessions,
/// `{calls}` listings, the "Next call" card, and the data `calendar.js` lays out again. Expected
/// values by hand: London is on GMT (UTC+0) until Sunday 29 March 2026, then on BST (UTC+1); the
/// Cafe's sessions are the first and third Wednesdays at 15:00.
@Suite struct CalendarSessionNotesTests {
    typealias T = CalendarTesting

    static let yaml = """
        timezone: Europe/London
        series:
          - id: cafe
            title: Collaboration Cafe
            page: ch-cafe
            start: 2026-01-07 15:00
            duration: 2h
            repeat: FREQ=MONTHLY;BYDAY=1WE,3WE
            changes:
              2026-02-18: {to: "14:00"}
              2026-03-04: {note: Show-and-tell special}
              2026-03-18: {to: "16:30", note: Later start}
              2026-04-01: {to: 2026-04-02 10:00, note: Spring edition}

        """

    /// The 18 March session: moved within the day, with a note (GMT).
    static let sameDayMove = "<span class=\"session-moved\" data-from=\"2026-03-18T15:00:00+00:00\" data-abbr=\"GMT\">"
        + "Moved from 15:00 GMT</span> <span class=\"session-note\">Later start</span>"
    /// The 1 April session, moved to Thursday 2 April 10:00, with a note (BST).
    static let otherDayMove = "<span class=\"session-moved\" data-from=\"2026-04-01T15:00:00+01:00\" data-abbr=\"BST\">"
        + "Moved from Wednesday 1 April 2026, 15:00 BST</span> <span class=\"session-note\">Spring edition</span>"

    static func built() async throws -> (T.Built, TemporaryBook) {
        let book = try T.book(calls: yaml, count: 3)
        let built = await T.build(book, today: "2026-03-10")
        #expect(T.describe(built).isEmpty, "\(T.describe(built))")
        return (built, book)
    }

    @Test func theChaptersListingShowsMovesAndNotes() async throws {
        let (built, book) = try await Self.built()
        defer { book.remove() }
        let page = try #require(T.file(built, "coworking/cafe.html"))
        let list = try #require(T.slice(page, from: "<ul class=\"sessions\">", to: "</ul>"))
        let items = list.components(separatedBy: "<li class=\"session\">").dropFirst()
        #expect(items.count == 3)
        let first = try #require(items.first), second = try #require(items.dropFirst().first), third = try #require(items.last)
        #expect(first.contains("Wednesday 18 March 2026, 16:30–18:30 GMT</time>"))
        #expect(first.contains("<span class=\"utc-offset\">(UTC+00:00)</span> " + Self.sameDayMove + "</li>"))
        #expect(second.contains("Thursday 2 April 2026, 10:00–12:00 BST</time>"))
        #expect(second.contains("<span class=\"utc-offset\">(UTC+01:00)</span> " + Self.otherDayMove + "</li>"))
        #expect(third.contains("Wednesday 15 April 2026, 15:00–17:00 BST</time> <span class=\"utc-offset\">(UTC+01:00)</span></li>"))
        // The card names the 18 March session with its note and its move.
        let card = try #require(T.slice(page, from: "<section class=\"next-call\"", to: "</section>"))
        #expect(card.contains("<p class=\"next-call-details\">2 hours · Later start · Moved from 15:00 GMT</p>"))
        // calendar.js gets the planned start of each moved session, and nothing for the others.
        let sessions = try CalendarCardTests.scriptedSessions(page)
        #expect(sessions.map { $0["movedFrom"] as? String ?? "-" }
                == ["2026-03-18T15:00:00+00:00", "2026-04-01T15:00:00+01:00"] + Array(repeating: "-", count: sessions.count - 2))
        #expect(sessions.prefix(2).map { $0["movedFromAbbr"] as? String } == ["GMT", "BST"])
        #expect(sessions.prefix(2).map { $0["note"] as? String } == ["Later start", "Spring edition"])
    }

    @Test func theCalendarPageShowsMovesAndNotesInWeeksGridsAndPastSessions() async throws {
        let (built, book) = try await Self.built()
        defer { book.remove() }
        let page = try #require(T.file(built, "calendar.html"))
        let weeks = CalendarPagesTests.upcomingItems(page)
        let moved = weeks.filter { $0.item.contains("session-moved") }
        #expect(moved.map(\.time) == ["2026-03-18T16:30:00+00:00", "2026-04-02T10:00:00+01:00"])
        #expect(moved.first?.item.contains("<span class=\"utc-offset\">(UTC+00:00)</span> " + Self.sameDayMove + "\n") == true)
        #expect(moved.last?.item.contains("<span class=\"utc-offset\">(UTC+01:00)</span> " + Self.otherDayMove + "\n") == true)
        #expect(weeks.filter { $0.item.contains("session-note") }.count == 2)

        let months = try #require(T.slice(page, from: "<section class=\"months\"", to: "</section>"))
        func cell(_ id: String, _ day: Int) throws -> String {
            let grid = try #require(CalendarPagesTests.grid(months, id))
            return try #require(grid.components(separatedBy: "<td").first { $0.contains("<span class=\"day-number\">\(day)</span>") })
        }
        #expect(try cell("month-2026-03", 18).contains("16:30 GMT</time> <a href=\"coworking/cafe.html\">Collaboration Cafe</a> "
                                                     + Self.sameDayMove + "</li>"))
        #expect(try cell("month-2026-03", 4).contains("15:00 GMT</time> <a href=\"coworking/cafe.html\">Collaboration Cafe</a> "
                                                    + "<span class=\"session-note\">Show-and-tell special</span></li>"))
        #expect(try cell("month-2026-04", 2).contains("10:00 BST</time> <a href=\"coworking/cafe.html\">Collaboration Cafe</a> "
                                                    + Self.otherDayMove + "</li>"))
        #expect(try !cell("month-2026-04", 1).contains("Collaboration Cafe"))

        // Past sessions (from 10 December 2025): 4 March with its note, 18 February moved an hour earlier.
        let past = try #require(T.slice(page, from: "<h3 id=\"past-cafe\">", to: "</ul>"))
        let items = past.components(separatedBy: "<li class=\"session past\">").dropFirst()
        #expect(items.map { T.timeValues($0).first ?? "" } == ["2026-03-04T15:00:00+00:00", "2026-02-18T14:00:00+00:00",
                                                              "2026-02-04T15:00:00+00:00", "2026-01-21T15:00:00+00:00",
                                                              "2026-01-07T15:00:00+00:00"])
        let texts = Array(items)
        #expect(texts[0].contains("(UTC+00:00)</span> <span class=\"session-note\">Show-and-tell special</span></li>"))
        #expect(texts[1].contains("(UTC+00:00)</span> <span class=\"session-moved\" data-from=\"2026-02-18T15:00:00+00:00\""
                                  + " data-abbr=\"GMT\">Moved from 15:00 GMT</span></li>"))
        #expect(texts[2...].allSatisfy { !$0.contains("session-moved") && !$0.contains("session-note") })
    }
}
