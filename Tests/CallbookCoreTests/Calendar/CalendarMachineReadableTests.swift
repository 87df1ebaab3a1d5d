@testable import CallbookCore
import Foundation
import Testing

/// schema.org `Event` JSON-LD in `calendar.html` and in a `{calls}` listing, and `calls.json`,
/// for the Cafe of `CalendarChangesTests` (moved on 4 February and 4 March, cancelled on
/// 18 February), built on Monday 26 January 2026.
@Suite struct CalendarMachineReadableTests {
    typealias T = CalendarTesting

    static var yaml: String {
        "url: https://example.org/handbook/\n" + CalendarChangesTests.yaml
            .replacingOccurrences(of: "    title: Collaboration Cafe\n", with: "    title: Collaboration Cafe\n    page: ch-cafe\n")
            .replacingOccurrences(of: "join: ch-join", with: "join: ch-daily")
            .replacingOccurrences(of: "notes: ch-notes", with: "notes: cafe-upcoming")
    }

    static func build() async throws -> (TemporaryBook, T.Built) {
        let book = try T.book(calls: yaml)
        let built = await T.build(book, today: "2026-01-26")
        #expect(T.describe(built).isEmpty, "\(T.describe(built))")
        return (book, built)
    }

    /// The events of every `<script type="application/ld+json">` of `html`.
    static func events(_ html: String) throws -> [[String: Any]] {
        var events: [[String: Any]] = []
        var rest = html[...]
        while let open = rest.range(of: "<script type=\"application/ld+json\">") {
            let close = try #require(rest.range(of: "</script>", range: open.upperBound..<rest.endIndex))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(rest[open.upperBound..<close.lowerBound].utf8))
                as? [String: Any])
            #expect(object["@context"] as? String == "https://schema.org")
            events += try #require(object["@graph"] as? [[String: Any]])
            rest = rest[close.upperBound...]
        }
        return events
    }

    @Test func calendarPageEvents() async throws {
        let (book, built) = try await Self.build()
        defer { book.remove() }
        let events = try Self.events(try #require(T.file(built, "calendar.html")))
        let cafe = events.filter { $0["name"] as? String == "Collaboration Cafe" }
        // Eight weeks from 26 January: through 23 March.
        #expect(cafe.map { $0["startDate"] as? String } == ["2026-02-04T16:30:00+00:00", "2026-02-18T15:00:00+00:00",
                                                          "2026-03-05T15:00:00+00:00", "2026-03-18T15:00:00+00:00"])
        #expect(cafe.map { ($0["eventStatus"] as? String)?.replacingOccurrences(of: "https://schema.org/", with: "") }
            == ["EventRescheduled", "EventCancelled", "EventRescheduled", "EventScheduled"])
        #expect(cafe[0]["previousStartDate"] as? String == "2026-02-04T15:00:00+00:00")
        #expect(cafe[0]["endDate"] as? String == "2026-02-04T18:30:00+00:00")
        #expect(cafe[0]["eventAttendanceMode"] as? String == "https://schema.org/OnlineEventAttendanceMode")
        #expect(cafe[0]["url"] as? String == "https://example.org/handbook/coworking/cafe.html")
        let location = try #require(cafe[0]["location"] as? [String: Any])
        #expect(location["@type"] as? String == "VirtualLocation")
        #expect(location["url"] as? String == "https://meet.example.org/cafe")
        let organizer = try #require(cafe[0]["organizer"] as? [String: Any])
        #expect(organizer["name"] as? String == "Calls Test Book")
        #expect(organizer["url"] as? String == "https://example.org/handbook/")
        #expect(cafe[0]["description"] as? String == "A friendly call; see the handbook (https://example.org/).")
        // The coworking call's join link is a chapter: its page is the location.
        let coworking = try #require(events.first { $0["name"] as? String == "Coworking call" })
        #expect((coworking["location"] as? [String: Any])?["url"] as? String == "https://example.org/handbook/coworking/daily.html")
    }

    @Test func listingEvents() async throws {
        let (book, built) = try await Self.build()
        defer { book.remove() }
        let events = try Self.events(try #require(T.file(built, "coworking/cafe.html")))
        // `:count: 3` from 26 January.
        #expect(events.map { $0["startDate"] as? String } == ["2026-02-04T16:30:00+00:00", "2026-02-18T15:00:00+00:00",
                                                            "2026-03-05T15:00:00+00:00"])
    }

    @Test func callsJSON() async throws {
        let (book, built) = try await Self.build()
        defer { book.remove() }
        let data = try #require(T.data(built, "calls.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["version"] as? Int == 1)
        #expect(root["from"] as? String == "2026-01-26T00:00:00Z")
        #expect(root["until"] as? String == "2027-01-26T00:00:00Z")
        let series = try #require(root["series"] as? [[String: Any]])
        #expect(series.map { $0["id"] as? String } == ["cafe", "coworking"])
        #expect(series[0]["hosts"] as? [String] == ["Ana", "Bo", "Cy"])
        #expect((series[0]["notes"] as? [String: Any])?["url"] as? String == "https://notes.example.org/cafe-{date}")
        let coworkingNotes = try #require(series[1]["notes"] as? [String: Any])
        #expect(coworkingNotes["kind"] as? String == "chapter")
        #expect(coworkingNotes["url"] as? String == "https://example.org/handbook/coworking/cafe.html#cafe-upcoming")
        #expect((series[1]["join"] as? [String: Any])?["kind"] as? String == "chapter")
        let sessions = try #require(root["sessions"] as? [[String: Any]]).filter { $0["series"] as? String == "cafe" }
        let first = Array(sessions.prefix(3))
        #expect(first.map { $0["start"] as? String } == ["2026-02-04T16:30:00Z", "2026-02-18T15:00:00Z", "2026-03-05T15:00:00Z"])
        #expect(first.map { $0["localStart"] as? String } == ["2026-02-04T16:30", "2026-02-18T15:00", "2026-03-05T15:00"])
        #expect(first.map { $0["status"] as? String } == ["moved", "cancelled", "moved"])
        #expect(first.map { $0["plannedStart"] as? String } == ["2026-02-04T15:00:00Z", nil, "2026-03-04T15:00:00Z"])
        #expect(first.map { $0["host"] as? String } == ["Cy", nil, "Zed"])
        #expect(first[1]["reason"] as? String == "half-term")
        #expect(first[2]["note"] as? String == "holiday edition")
        #expect((first[2]["notes"] as? [String: Any])?["url"] as? String == "https://notes.example.org/cafe-2026-03-04")
        #expect(first.allSatisfy { $0["zone"] as? String == "Europe/London" })
        // 1st and 3rd Wednesdays from February 2026 to January 2027: 24 sessions.
        #expect(sessions.count == 24)
        #expect(sessions.last?["start"] as? String == "2027-01-20T15:00:00Z")
    }
}
