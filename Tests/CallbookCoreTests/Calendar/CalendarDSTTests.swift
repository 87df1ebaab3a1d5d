@testable import CallbookCore
import Foundation
import Testing

/// Clock changes: a series keeps its wall-clock time in its own zone, so its UTC instant moves
/// by an hour on the days the clocks change; and the feeds describe both zones' rules.
@Suite struct CalendarDSTTests {
    typealias T = CalendarTesting

    static let callsYAML = """
        timezone: Europe/London
        series:
          - id: london
            title: London Sunday call
            start: 2026-03-22 15:00
            duration: 1h
            repeat: FREQ=WEEKLY;BYDAY=SU
          - id: newyork
            title: New York Sunday call
            timezone: America/New_York
            start: 2026-03-01 10:00
            duration: 1h
            repeat: FREQ=WEEKLY;BYDAY=SU

        """

    func starts(_ id: String, from: Date, through: Date) throws -> [String] {
        let schedule = Schedule(try T.configuration(Self.callsYAML))
        return T.utc(schedule.sessions(from: from, through: through).filter { $0.id == id }.map(\.start))
    }

    @Test func londonAcrossTheLastSundayOfMarch() throws {
        // Clocks go forward at 01:00 GMT on 29 March 2026: 15:00 that afternoon is BST.
        #expect(try starts("london", from: T.instant("2026-03-20T00:00:00Z"), through: T.instant("2026-04-06T00:00:00Z"))
                == ["2026-03-22T15:00:00Z", "2026-03-29T14:00:00Z", "2026-04-05T14:00:00Z"])
    }

    @Test func londonAcrossTheLastSundayOfOctober() throws {
        // Clocks go back at 02:00 BST on 25 October 2026.
        #expect(try starts("london", from: T.instant("2026-10-17T00:00:00Z"), through: T.instant("2026-11-02T00:00:00Z"))
                == ["2026-10-18T14:00:00Z", "2026-10-25T15:00:00Z", "2026-11-01T15:00:00Z"])
    }

    @Test func newYorkAcrossTheSecondSundayOfMarch() throws {
        // EST → EDT at 02:00 on 8 March 2026.
        #expect(try starts("newyork", from: T.instant("2026-02-28T00:00:00Z"), through: T.instant("2026-03-16T00:00:00Z"))
                == ["2026-03-01T15:00:00Z", "2026-03-08T14:00:00Z", "2026-03-15T14:00:00Z"])
    }

    @Test func newYorkAcrossTheFirstSundayOfNovember() throws {
        // EDT → EST at 02:00 on 1 November 2026.
        #expect(try starts("newyork", from: T.instant("2026-10-24T00:00:00Z"), through: T.instant("2026-11-09T00:00:00Z"))
                == ["2026-10-25T14:00:00Z", "2026-11-01T15:00:00Z", "2026-11-08T15:00:00Z"])
    }

    /// RFC 5545 §3.3.5: a wall time that does not exist (in the spring gap) is read with the
    /// offset before the gap; one that happens twice (autumn) is the first of the two.
    @Test func wallTimesInTheGapAndTheOverlap() throws {
        let spring = try T.expand("FREQ=DAILY", zone: T.london, start: T.local(2026, 3, 27, 1, 30, in: T.london),
                                  through: T.instant("2026-03-30T12:00:00Z"))
        #expect(spring == ["2026-03-27T01:30:00Z", "2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"])
        let autumn = try T.expand("FREQ=DAILY", zone: T.london, start: T.local(2026, 10, 24, 1, 30, in: T.london),
                                  through: T.instant("2026-10-26T12:00:00Z"))
        #expect(autumn == ["2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"])
    }

    @Test func eachSessionIsShownWithTheAbbreviationAndOffsetOfItsDay() throws {
        let configuration = try T.configuration(Self.callsYAML)
        let format = SessionFormat(rules: [T.london.identifier: try #require(ZoneRules(zone: T.london)),
                                           T.newYork.identifier: try #require(ZoneRules(zone: T.newYork))])
        let sessions = Schedule(configuration).sessions(from: T.instant("2026-03-20T00:00:00Z"),
                                                        through: T.instant("2026-04-06T00:00:00Z"))
        let london = sessions.filter { $0.id == "london" }
        #expect(london.map { SessionFormat.iso($0.start, in: $0.zone) }
                == ["2026-03-22T15:00:00+00:00", "2026-03-29T15:00:00+01:00", "2026-04-05T15:00:00+01:00"])
        #expect(london.map { format.span($0) } == ["15:00–16:00 GMT", "15:00–16:00 BST", "15:00–16:00 BST"])
        let newYork = sessions.filter { $0.id == "newyork" }
        #expect(newYork.map { SessionFormat.iso($0.start, in: $0.zone) }
                == ["2026-03-22T10:00:00-04:00", "2026-03-29T10:00:00-04:00", "2026-04-05T10:00:00-04:00"])
        #expect(newYork.map { format.span($0) } == ["10:00–11:00 EDT", "10:00–11:00 EDT", "10:00–11:00 EDT"])
        let winter = Schedule(configuration).sessions(from: T.instant("2026-11-01T00:00:00Z"),
                                                      through: T.instant("2026-11-02T00:00:00Z"))
        #expect(winter.map { format.span($0) } == ["15:00–16:00 GMT", "10:00–11:00 EST"])
        #expect(winter.map { SessionFormat.offset($0.start, in: $0.zone) } == ["+00:00", "-05:00"])
    }

    @Test func zoneRulesComeFromTheTZDataFooter() throws {
        let london = try #require(ZoneRules(zone: T.london))
        #expect(london.standardName == "GMT")
        #expect(london.daylightName == "BST")
        #expect(london.standardOffset == 0)
        #expect(london.daylightOffset == 3600)
        #expect(london.daylightStart == ZoneRules.Transition(month: 3, week: 5, weekday: 0, seconds: 3600))
        #expect(london.daylightEnd == ZoneRules.Transition(month: 10, week: 5, weekday: 0, seconds: 7200))

        let newYork = try #require(ZoneRules(zone: T.newYork))
        #expect(newYork.standardName == "EST")
        #expect(newYork.daylightName == "EDT")
        #expect(newYork.standardOffset == -5 * 3600)
        #expect(newYork.daylightOffset == -4 * 3600)
        #expect(newYork.daylightStart == ZoneRules.Transition(month: 3, week: 2, weekday: 0, seconds: 7200))
        #expect(newYork.daylightEnd == ZoneRules.Transition(month: 11, week: 1, weekday: 0, seconds: 7200))

        let tokyo = try #require(ZoneRules(identifier: "Asia/Tokyo", posix: "JST-9"))
        #expect(tokyo.standardName == "JST")
        #expect(tokyo.standardOffset == 9 * 3600)
        #expect(tokyo.daylightName == nil)
        let numeric = try #require(ZoneRules(identifier: "Asia/Dubai", posix: "<+04>-4"))
        #expect(numeric.standardName == "+04")
        #expect(numeric.standardOffset == 4 * 3600)
    }

    /// Southern hemisphere: daylight time from October to April.
    @Test func sydneyAcrossTheFirstSundaysOfAprilAndOctober() async throws {
        let yaml = """
            timezone: Australia/Sydney
            series:
              - id: sydney
                title: Sydney call
                start: 2026-03-29 10:00
                duration: 1h
                repeat: FREQ=WEEKLY;BYDAY=SU

            """
        let schedule = Schedule(try T.configuration(yaml))
        let april = schedule.sessions(from: T.instant("2026-03-28T00:00:00Z"), through: T.instant("2026-04-13T00:00:00Z"))
        // AEDT (+11) until 03:00 on 5 April 2026, then AEST (+10).
        #expect(T.utc(april.map(\.start)) == ["2026-03-28T23:00:00Z", "2026-04-05T00:00:00Z", "2026-04-12T00:00:00Z"])
        let october = schedule.sessions(from: T.instant("2026-09-26T00:00:00Z"), through: T.instant("2026-10-12T00:00:00Z"))
        // AEST until 02:00 on 4 October 2026, then AEDT.
        #expect(T.utc(october.map(\.start)) == ["2026-09-27T00:00:00Z", "2026-10-03T23:00:00Z", "2026-10-10T23:00:00Z"])

        let book = try T.book(calls: yaml, listing: nil)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-01")
        let feed = try #require(T.file(built, "calls.ics"))
        #expect(vtimezone("Australia/Sydney", in: feed) == [
            "BEGIN:VTIMEZONE", "TZID:Australia/Sydney",
            "BEGIN:DAYLIGHT", "DTSTART:19701004T020000", "TZOFFSETFROM:+1000", "TZOFFSETTO:+1100",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU", "TZNAME:AEDT", "END:DAYLIGHT",
            "BEGIN:STANDARD", "DTSTART:19700405T030000", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1000",
            "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", "TZNAME:AEST", "END:STANDARD",
            "END:VTIMEZONE",
        ])
    }

    @Test func zonesWithoutDaylightTimeHaveOneStandardBlock() async throws {
        let yaml = """
            timezone: Asia/Tokyo
            series:
              - id: tokyo
                title: Tokyo call
                start: 2026-03-02 18:00
                duration: 1h
                repeat: FREQ=WEEKLY
            sessions:
              - id: saopaulo
                title: São Paulo call
                timezone: America/Sao_Paulo
                start: 2026-03-04 18:00
                duration: 1h

            """
        let book = try T.book(calls: yaml, listing: nil)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-01")
        let feed = try #require(T.file(built, "calls.ics"))
        #expect(vtimezone("Asia/Tokyo", in: feed) == [
            "BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900", "TZNAME:JST", "END:STANDARD", "END:VTIMEZONE",
        ])
        #expect(vtimezone("America/Sao_Paulo", in: feed) == [
            "BEGIN:VTIMEZONE", "TZID:America/Sao_Paulo", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:-0300", "TZOFFSETTO:-0300", "TZNAME:-03", "END:STANDARD", "END:VTIMEZONE",
        ])
        let page = try #require(T.file(built, "calendar.html"))
        #expect(page.contains("18:00–19:00 JST"))
        #expect(page.contains("<time datetime=\"2026-03-02T18:00:00+09:00\""))
        #expect(page.contains("<time datetime=\"2026-03-04T18:00:00-03:00\""))
    }

    /// The lines of the `VTIMEZONE` with `TZID:zone` in `feed`.
    func vtimezone(_ zone: String, in feed: String) -> [String] {
        let lines = T.unfoldedLines(feed)
        guard let start = lines.firstIndex(of: "TZID:" + zone) else { return [] }
        guard let end = lines[start...].firstIndex(of: "END:VTIMEZONE") else { return [] }
        return Array(lines[(start - 1)...end])
    }

    @Test func feedsDescribeBothZonesWithYearlyRules() async throws {
        let book = try T.book(calls: Self.callsYAML, listing: nil)
        defer { book.remove() }
        let result = await T.build(book, today: "2026-03-01")
        #expect(T.describe(result).isEmpty, "\(T.describe(result))")
        let feed = try #require(T.file(result, "calls.ics"))

        #expect(vtimezone("Europe/London", in: feed) == [
            "BEGIN:VTIMEZONE", "TZID:Europe/London",
            "BEGIN:DAYLIGHT", "DTSTART:19700329T010000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "TZNAME:BST", "END:DAYLIGHT",
            "BEGIN:STANDARD", "DTSTART:19701025T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "TZNAME:GMT", "END:STANDARD",
            "END:VTIMEZONE",
        ])
        #expect(vtimezone("America/New_York", in: feed) == [
            "BEGIN:VTIMEZONE", "TZID:America/New_York",
            "BEGIN:DAYLIGHT", "DTSTART:19700308T020000", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "TZNAME:EDT", "END:DAYLIGHT",
            "BEGIN:STANDARD", "DTSTART:19701101T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500",
            "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "TZNAME:EST", "END:STANDARD",
            "END:VTIMEZONE",
        ])
        // Each zone once in the whole feed; a series feed has only its own zone.
        #expect(feed.components(separatedBy: "BEGIN:VTIMEZONE").count - 1 == 2)
        let newYorkFeed = try #require(T.file(result, "calls/newyork.ics"))
        #expect(vtimezone("America/New_York", in: newYorkFeed).count == 17)
        #expect(vtimezone("Europe/London", in: newYorkFeed).isEmpty)

        // Events start at their local wall time, with the zone named.
        let events = T.events(feed)
        #expect(events.compactMap { T.line("DTSTART", in: $0) }
                == ["DTSTART;TZID=Europe/London:20260322T150000", "DTSTART;TZID=America/New_York:20260301T100000"])
        #expect(events.compactMap { T.line("DTEND", in: $0) }
                == ["DTEND;TZID=Europe/London:20260322T160000", "DTEND;TZID=America/New_York:20260301T110000"])
    }

    @Test func pagesShowTheInstantWithItsOffsetOnBothSidesOfTheChange() async throws {
        let book = try T.book(calls: Self.callsYAML, listing: nil)
        defer { book.remove() }
        let result = await T.build(book, today: "2026-03-20")
        let calendar = try #require(T.file(result, "calendar.html"))
        let upcoming = try #require(T.slice(calendar, from: "<section class=\"upcoming\"", to: "</section>"))
        let times = T.timeValues(upcoming)
        #expect(Set(times.prefix(6)) == ["2026-03-22T10:00:00-04:00", "2026-03-22T15:00:00+00:00",
                                         "2026-03-29T10:00:00-04:00", "2026-03-29T15:00:00+01:00",
                                         "2026-04-05T10:00:00-04:00", "2026-04-05T15:00:00+01:00"])
        #expect(upcoming.contains("Sunday 22 March 2026, 15:00–16:00 GMT"))
        #expect(upcoming.contains("Sunday 29 March 2026, 15:00–16:00 BST"))
        #expect(upcoming.contains("Sunday 29 March 2026, 10:00–11:00 EDT"))
    }
}
