@testable import CallbookCore
import Foundation
import Testing

/// RRULE text → parts, and expansion to exact start instants (as UTC text). The expected
/// instants are worked out by hand from RFC 5545 (and agree with python-dateutil).
@Suite struct CalendarRRuleTests {
    typealias T = CalendarTesting

    /// One rule, its first start (local wall time in `zone`), how far to expand, and every
    /// start it must give.
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: String
        var zone: String = "UTC"
        var start: (Int, Int, Int, Int, Int)
        /// Local end of the expansion (inclusive); far enough that COUNT/UNTIL decide.
        var through: (Int, Int, Int) = (2029, 12, 31)
        var expected: [String]
        /// Set when callbook is known to get this rule wrong (a bug to fix in Sources/).
        var testDescription: String { rule }
    }

    static let cases: [Case] = [
        Case(rule: "FREQ=DAILY;COUNT=5", start: (2026, 1, 1, 9, 0),
             expected: ["2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z", "2026-01-03T09:00:00Z",
                        "2026-01-04T09:00:00Z", "2026-01-05T09:00:00Z"]),
        Case(rule: "FREQ=DAILY;INTERVAL=3;COUNT=4", start: (2026, 1, 1, 9, 0),
             expected: ["2026-01-01T09:00:00Z", "2026-01-04T09:00:00Z", "2026-01-07T09:00:00Z", "2026-01-10T09:00:00Z"]),
        Case(rule: "FREQ=DAILY", start: (2026, 1, 30, 9, 0), through: (2026, 2, 2),
             expected: ["2026-01-30T09:00:00Z", "2026-01-31T09:00:00Z", "2026-02-01T09:00:00Z", "2026-02-02T09:00:00Z"]),
        Case(rule: "FREQ=WEEKLY;BYDAY=MO,FR;COUNT=5", start: (2026, 1, 5, 9, 0),
             expected: ["2026-01-05T09:00:00Z", "2026-01-09T09:00:00Z", "2026-01-12T09:00:00Z",
                        "2026-01-16T09:00:00Z", "2026-01-19T09:00:00Z"]),
        Case(rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", start: (2026, 1, 1, 18, 30), through: (2026, 2, 12),
             expected: ["2026-01-01T18:30:00Z", "2026-01-15T18:30:00Z", "2026-01-29T18:30:00Z", "2026-02-12T18:30:00Z"]),
        // RFC 5545 §3.8.5.3: WKST changes which weeks an INTERVAL=2 weekly rule keeps.
        Case(rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", zone: "America/New_York", start: (1997, 8, 5, 9, 0),
             expected: ["1997-08-05T13:00:00Z", "1997-08-10T13:00:00Z", "1997-08-19T13:00:00Z", "1997-08-24T13:00:00Z"]),
        Case(rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", zone: "America/New_York", start: (1997, 8, 5, 9, 0),
             expected: ["1997-08-05T13:00:00Z", "1997-08-17T13:00:00Z", "1997-08-19T13:00:00Z", "1997-08-31T13:00:00Z"]),
        // The Collaboration Cafe: first and third Wednesdays, 15:00 London (BST from April).
        Case(rule: "FREQ=MONTHLY;BYDAY=1WE,3WE", zone: "Europe/London", start: (2026, 1, 7, 15, 0), through: (2026, 4, 30),
             expected: ["2026-01-07T15:00:00Z", "2026-01-21T15:00:00Z", "2026-02-04T15:00:00Z", "2026-02-18T15:00:00Z",
                        "2026-03-04T15:00:00Z", "2026-03-18T15:00:00Z", "2026-04-01T14:00:00Z", "2026-04-15T14:00:00Z"]),
        Case(rule: "FREQ=MONTHLY;BYDAY=-1SU;COUNT=4", start: (2026, 1, 25, 10, 0),
             expected: ["2026-01-25T10:00:00Z", "2026-02-22T10:00:00Z", "2026-03-29T10:00:00Z", "2026-04-26T10:00:00Z"]),
        Case(rule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE;COUNT=3", zone: "Europe/London", start: (2026, 1, 7, 15, 0),
             expected: ["2026-01-07T15:00:00Z", "2026-03-04T15:00:00Z", "2026-05-06T14:00:00Z"]),
        Case(rule: "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3", start: (2026, 1, 15, 9, 0),
             expected: ["2026-01-15T09:00:00Z", "2026-02-15T09:00:00Z", "2026-03-15T09:00:00Z"]),
        Case(rule: "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4", start: (2026, 1, 31, 9, 0),
             expected: ["2026-01-31T09:00:00Z", "2026-02-28T09:00:00Z", "2026-03-31T09:00:00Z", "2026-04-30T09:00:00Z"]),
        // Months without a 31st are skipped, not clamped.
        Case(rule: "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4", start: (2026, 1, 31, 9, 0),
             expected: ["2026-01-31T09:00:00Z", "2026-03-31T09:00:00Z", "2026-05-31T09:00:00Z", "2026-07-31T09:00:00Z"]),
        Case(rule: "FREQ=YEARLY;COUNT=3", start: (2026, 2, 28, 9, 0),
             expected: ["2026-02-28T09:00:00Z", "2027-02-28T09:00:00Z", "2028-02-28T09:00:00Z"]),
        Case(rule: "FREQ=YEARLY;BYMONTH=6;BYDAY=2TU;COUNT=3", start: (2026, 6, 9, 9, 0),
             expected: ["2026-06-09T09:00:00Z", "2027-06-08T09:00:00Z", "2028-06-13T09:00:00Z"]),
        Case(rule: "FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=1;COUNT=4", start: (2026, 3, 1, 9, 0),
             expected: ["2026-03-01T09:00:00Z", "2026-09-01T09:00:00Z", "2027-03-01T09:00:00Z", "2027-09-01T09:00:00Z"]),
        Case(rule: "FREQ=YEARLY;BYMONTH=1,7;BYDAY=1MO;COUNT=4", start: (2026, 1, 5, 9, 0),
             expected: ["2026-01-05T09:00:00Z", "2026-07-06T09:00:00Z", "2027-01-04T09:00:00Z", "2027-07-05T09:00:00Z"]),
        // BYSETPOS: the last weekday of each month, starting mid-month (the set is counted from
        // the start of the month, as RFC 5545 does).
        Case(rule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", start: (2026, 1, 30, 17, 0), through: (2026, 6, 30),
             expected: ["2026-01-30T17:00:00Z", "2026-02-27T17:00:00Z", "2026-03-31T17:00:00Z", "2026-04-30T17:00:00Z",
                        "2026-05-29T17:00:00Z", "2026-06-30T17:00:00Z"]),
        Case(rule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1;COUNT=4", start: (2026, 1, 1, 9, 0),
             expected: ["2026-01-01T09:00:00Z", "2026-02-02T09:00:00Z", "2026-03-02T09:00:00Z", "2026-04-01T09:00:00Z"]),
        Case(rule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2;COUNT=3", start: (2026, 1, 29, 9, 0),
             expected: ["2026-01-29T09:00:00Z", "2026-02-26T09:00:00Z", "2026-03-30T09:00:00Z"]),
        // Every Monday of the month (no ordinal), without BYSETPOS.
        Case(rule: "FREQ=MONTHLY;BYDAY=MO", start: (2026, 1, 5, 9, 0), through: (2026, 2, 28),
             expected: ["2026-01-05T09:00:00Z", "2026-01-12T09:00:00Z", "2026-01-19T09:00:00Z", "2026-01-26T09:00:00Z",
                        "2026-02-02T09:00:00Z", "2026-02-09T09:00:00Z", "2026-02-16T09:00:00Z", "2026-02-23T09:00:00Z"]),
        Case(rule: "FREQ=MONTHLY;BYDAY=-1FR,1MO;COUNT=4", start: (2026, 1, 30, 9, 0),
             expected: ["2026-01-30T09:00:00Z", "2026-02-02T09:00:00Z", "2026-02-27T09:00:00Z", "2026-03-02T09:00:00Z"]),
        Case(rule: "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYDAY=1TU;COUNT=4", start: (2026, 1, 6, 9, 0),
             expected: ["2026-01-06T09:00:00Z", "2026-04-07T09:00:00Z", "2026-07-07T09:00:00Z", "2026-10-06T09:00:00Z"]),
        // Friday the 13th: BYDAY and BYMONTHDAY must both match.
        Case(rule: "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=3", start: (2026, 2, 13, 9, 0),
             expected: ["2026-02-13T09:00:00Z", "2026-03-13T09:00:00Z", "2026-11-13T09:00:00Z"]),
        Case(rule: "FREQ=MONTHLY;COUNT=3", start: (2026, 1, 15, 9, 0),
             expected: ["2026-01-15T09:00:00Z", "2026-02-15T09:00:00Z", "2026-03-15T09:00:00Z"]),
        Case(rule: "FREQ=DAILY;BYDAY=MO,WE;COUNT=4", start: (2026, 1, 5, 9, 0),
             expected: ["2026-01-05T09:00:00Z", "2026-01-07T09:00:00Z", "2026-01-12T09:00:00Z", "2026-01-14T09:00:00Z"]),
        Case(rule: "FREQ=YEARLY;BYMONTH=2;BYDAY=MO;COUNT=5", start: (2026, 2, 2, 9, 0),
             expected: ["2026-02-02T09:00:00Z", "2026-02-09T09:00:00Z", "2026-02-16T09:00:00Z", "2026-02-23T09:00:00Z",
                        "2027-02-01T09:00:00Z"]),
        // UNTIL as a date: the whole day counts (in the series' zone).
        Case(rule: "FREQ=WEEKLY;BYDAY=WE;UNTIL=20260204", zone: "Europe/London", start: (2026, 1, 7, 15, 0),
             expected: ["2026-01-07T15:00:00Z", "2026-01-14T15:00:00Z", "2026-01-21T15:00:00Z", "2026-01-28T15:00:00Z",
                        "2026-02-04T15:00:00Z"]),
        // UNTIL as a UTC time is inclusive: 15:00 BST on 1 April is exactly 14:00Z.
        Case(rule: "FREQ=WEEKLY;UNTIL=20260401T140000Z", zone: "Europe/London", start: (2026, 3, 18, 15, 0),
             expected: ["2026-03-18T15:00:00Z", "2026-03-25T15:00:00Z", "2026-04-01T14:00:00Z"]),
        Case(rule: "FREQ=WEEKLY;UNTIL=20260401T135959Z", zone: "Europe/London", start: (2026, 3, 18, 15, 0),
             expected: ["2026-03-18T15:00:00Z", "2026-03-25T15:00:00Z"]),
        // Lower case, spaces and an `RRULE:` prefix are accepted.
        Case(rule: "RRULE:freq=weekly; byday=tu; count=2", start: (2026, 1, 6, 11, 0),
             expected: ["2026-01-06T11:00:00Z", "2026-01-13T11:00:00Z"]),
    ]

    @Test(arguments: cases)
    func expandsToExactInstants(_ example: Case) throws {
        let zone = try #require(TimeZone(identifier: example.zone))
        let (y, m, d, hour, minute) = example.start
        let start = T.local(y, m, d, hour, minute, in: zone)
        let end = T.local(example.through.0, example.through.1, example.through.2, 23, 59, in: zone)
        let actual = try T.expand(example.rule, zone: zone, start: start, through: end)
        #expect(actual == example.expected)
    }

    @Test func countIsCountedFromTheFirstSessionNotFromTheEndOfTheWindow() throws {
        // A window that ends before COUNT is used up shows only what falls inside it…
        let start = T.local(2026, 1, 1, 9, 0, in: T.utcZone)
        let early = try T.expand("FREQ=DAILY;COUNT=10", zone: T.utcZone, start: start,
                                 through: T.local(2026, 1, 3, 23, 0, in: T.utcZone))
        #expect(early == ["2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z", "2026-01-03T09:00:00Z"])
        // …and one that ends long after stops at the tenth.
        let late = try T.expand("FREQ=DAILY;COUNT=10", zone: T.utcZone, start: start,
                                through: T.local(2027, 1, 1, 0, 0, in: T.utcZone))
        #expect(late.count == 10)
        #expect(late.last == "2026-01-10T09:00:00Z")
    }

    @Test func partsAreReadIntoTheRule() throws {
        let rule = try RRule("FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE,-1SU,FR;BYMONTHDAY=1,-1;BYMONTH=3,9;BYSETPOS=-1;COUNT=7;WKST=SU",
                             zone: T.london)
        #expect(rule.frequency == .monthly)
        #expect(rule.interval == 2)
        #expect(rule.weekdays == [.nth(1, .wednesday), .nth(-1, .sunday), .every(.friday)])
        #expect(rule.monthDays == [1, -1])
        #expect(rule.months == [3, 9])
        #expect(rule.setPositions == [-1])
        #expect(rule.count == 7)
        #expect(rule.until == nil)
        #expect(rule.weekStart == .sunday)
        #expect(rule.text == "FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE,-1SU,FR;BYMONTHDAY=1,-1;BYMONTH=3,9;BYSETPOS=-1;COUNT=7;WKST=SU")

        for frequency in ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] {
            let parsed = try RRule("FREQ=\(frequency)", zone: T.utcZone)
            #expect(parsed.interval == 1)
            #expect(parsed.text == "FREQ=\(frequency)")
        }
    }

    @Test func untilIsReadInTheSeriesZoneUnlessItEndsInZ() throws {
        let dateOnly = try RRule("FREQ=DAILY;UNTIL=20260704", zone: T.london)
        #expect(dateOnly.until.map { T.utc($0) } == "2026-07-04T22:59:59Z")   // 23:59:59 BST
        let local = try RRule("FREQ=DAILY;UNTIL=20260704T120000", zone: T.newYork)
        #expect(local.until.map { T.utc($0) } == "2026-07-04T16:00:00Z")      // noon EDT
        let zulu = try RRule("FREQ=DAILY;UNTIL=20260704T120000Z", zone: T.newYork)
        #expect(zulu.until.map { T.utc($0) } == "2026-07-04T12:00:00Z")
    }

    struct BadRule: Sendable, CustomTestStringConvertible {
        var text: String
        /// Offset of the part the error is about, from the start of the text.
        var offset: Int
        var testDescription: String { text }
    }

    @Test(arguments: [
        BadRule(text: "FREQ=MONTHLY;BYDAY=1XX", offset: 13),
        BadRule(text: "FREQ=MONTHLY;BYDAY=0WE", offset: 13),
        BadRule(text: "FREQ=HOURLY", offset: 0),
        BadRule(text: "FREQ=WEEKLY;BYMONTH=13", offset: 12),
        BadRule(text: "FREQ=WEEKLY;INTERVAL=0", offset: 12),
        BadRule(text: "FREQ=WEEKLY;WKST=XX", offset: 12),
        BadRule(text: "FREQ=WEEKLY;UNTIL=2026", offset: 12),
        BadRule(text: "FREQ=WEEKLY;BYHOUR=9", offset: 12),
        BadRule(text: "FREQ=WEEKLY;COUNT", offset: 12),
        BadRule(text: "BYDAY=MO", offset: 0),
    ])
    func badRulesPointAtTheirPart(_ bad: BadRule) {
        #expect {
            _ = try RRule(bad.text, zone: T.utcZone)
        } throws: { error in
            (error as? RRule.ParseError)?.offset == bad.offset
        }
    }

    @Test func countAndUntilTogetherAreRefused() {
        #expect(throws: RRule.ParseError.self) {
            _ = try RRule("FREQ=DAILY;COUNT=3;UNTIL=20260110", zone: T.utcZone)
        }
    }

    /// RFC 5545 counts DTSTART as the first occurrence even when the rule would not produce it,
    /// so a calendar app shows a session on `start`; the calendar page must agree (or the file
    /// must say that `start` is not a day of the rule).
    @Test func aStartThatTheRuleWouldNotGiveIsStillTheFirstSession() throws {
        let yaml = """
            timezone: Europe/London
            series:
              - id: cafe
                title: Cafe
                start: 2026-01-05 15:00
                duration: 2h
                repeat: FREQ=MONTHLY;BYDAY=1WE,3WE

            """
        let (configuration, diagnostics) = CallsFile.read(path: "calls.yml", text: yaml)
        let schedule = Schedule(try #require(configuration))
        let starts = T.utc(schedule.sessions(from: T.instant("2026-01-01T00:00:00Z"), through: T.instant("2026-01-31T00:00:00Z"))
            .map(\.start))
        do {
            #expect(starts.first == "2026-01-05T15:00:00Z" || !diagnostics.isEmpty, "\(starts)")
        }
        #expect(Array(starts.suffix(2)) == ["2026-01-07T15:00:00Z", "2026-01-21T15:00:00Z"])
    }
}
