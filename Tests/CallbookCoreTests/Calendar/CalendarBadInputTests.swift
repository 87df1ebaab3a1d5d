@testable import CallbookCore
import Foundation
import Testing

/// Each mistake in `calls.yml` is one error at `calls.yml:line:col`, and the rest of the book
/// (chapters, calendar, feeds of the valid calls) is still built and written.
@Suite struct CalendarBadInputTests {
    typealias T = CalendarTesting

    /// A valid Cafe series, followed by `extra` (one more series or a `sessions:` block).
    static func calls(timezone: String = "Europe/London", extra: String) -> String {
        """
        timezone: \(timezone)
        series:
          - id: cafe
            title: Collaboration Cafe
            page: ch-cafe
            start: 2026-01-07 15:00
            duration: 2h
            repeat: FREQ=MONTHLY;BYDAY=1WE,3WE
        \(extra)
        """
    }

    /// Builds, expects exactly one error, with `id`, at `line:column` of `book/calls.yml`, and
    /// checks that the chapters, the calendar and the Cafe feed were written.
    func expectOneError(_ yaml: String, id: String, line: Int, column: Int, mentioning words: [String] = [],
                        sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let book = try T.book(calls: yaml)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-01-01")
        let errors = BuildInspection.errors(built.diagnostics)
        #expect(errors.count == 1, "\(T.describe(built))", sourceLocation: sourceLocation)
        let error = try #require(errors.first, sourceLocation: sourceLocation)
        #expect(error.id == id, "\(error)", sourceLocation: sourceLocation)
        #expect(error.range?.file == "book/calls.yml", sourceLocation: sourceLocation)
        #expect(error.range?.start == SourcePosition(line: line, column: column), "\(error)", sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix("book/calls.yml:\(line):\(column): error: "), sourceLocation: sourceLocation)
        for word in words {
            #expect(error.message.contains(word), "'\(word)' not in: \(error.message)", sourceLocation: sourceLocation)
        }
        // The rest of the book still builds, and is written (the exit status says 1).
        #expect(built.result.failed, sourceLocation: sourceLocation)
        #expect(built.result.wroteSite, sourceLocation: sourceLocation)
        for path in ["index.html", "coworking/cafe.html", "coworking/daily.html", "calendar.html", "calls.ics", "calls/cafe.ics"] {
            #expect(T.data(built, path) != nil, "\(path) was not written", sourceLocation: sourceLocation)
        }
        let listing = T.file(built, "coworking/cafe.html") ?? ""
        #expect(listing.contains("class=\"calls-listing\""), sourceLocation: sourceLocation)
        #expect(T.timeValues(T.slice(listing, from: "<ul class=\"sessions\">", to: "</ul>") ?? "").count == 3,
                sourceLocation: sourceLocation)
        let feed = T.file(built, "calls.ics") ?? ""
        #expect(T.events(feed).contains { T.value("UID", in: $0)?.hasPrefix("cafe@") == true }, sourceLocation: sourceLocation)
    }

    @Test func unknownTimeZone() async throws {
        let yaml = Self.calls(extra: """
              - id: tokyo
                title: Tokyo call
                timezone: Asia/Atlantis
                start: 2026-01-08 09:00
                duration: 1h
                repeat: FREQ=WEEKLY

            """)
        // Line 11: `    timezone: Asia/Atlantis`; the value starts at column 15.
        try await expectOneError(yaml, id: "calls-timezone", line: 11, column: 15, mentioning: ["Asia/Atlantis"])
    }

    @Test func unknownDefaultTimeZone() async throws {
        let book = try T.book(calls: Self.calls(timezone: "Mars/Olympus_Mons", extra: ""))
        defer { book.remove() }
        let built = await T.build(book, today: "2026-01-01")
        let errors = BuildInspection.errors(built.diagnostics)
        #expect(errors.map(\.description).first?.hasPrefix("book/calls.yml:1:11: error: ") == true, "\(T.describe(built))")
        #expect(errors.map(\.id) == ["calls-timezone"])
        #expect(built.result.wroteSite)
        #expect(T.data(built, "coworking/daily.html") != nil)
    }

    @Test func abbreviationsAreNotTimeZones() async throws {
        let yaml = Self.calls(extra: """
              - id: est
                title: Eastern call
                timezone: EST
                start: 2026-01-08 09:00
                duration: 1h

            """)
        try await expectOneError(yaml, id: "calls-timezone", line: 11, column: 15, mentioning: ["EST"])
    }

    @Test func badRRulePart() async throws {
        let yaml = Self.calls(extra: """
              - id: monthly
                title: Monthly
                start: 2026-01-08 09:00
                duration: 1h
                repeat: FREQ=MONTHLY;BYDAY=1XX

            """)
        // Line 13: `    repeat: FREQ=MONTHLY;BYDAY=1XX`: the value is at column 13 and
        // BYDAY, 13 characters into it, at column 26.
        try await expectOneError(yaml, id: "calls-rrule", line: 13, column: 26, mentioning: ["1XX"])
    }

    @Test func untilBeforeStart() async throws {
        let yaml = Self.calls(extra: """
              - id: ended
                title: Ended
                start: 2026-01-08 09:00
                duration: 1h
                repeat: FREQ=WEEKLY;UNTIL=20251231

            """)
        try await expectOneError(yaml, id: "calls-until-before-start", line: 13, column: 13, mentioning: ["UNTIL"])
    }

    @Test func duplicateID() async throws {
        let yaml = Self.calls(extra: """
              - id: cafe
                title: Another Cafe
                start: 2026-01-08 09:00
                duration: 1h

            """)
        // The second `id: cafe` (line 9), pointing at the value; the message names the first.
        try await expectOneError(yaml, id: "calls-duplicate-id", line: 9, column: 9, mentioning: ["cafe", "calls.yml:3:9"])
    }

    @Test func skipWhenNamingAnUnknownSeries() async throws {
        let yaml = Self.calls(extra: """
              - id: coworking
                title: Coworking
                page: ch-daily
                start: 2026-01-06 11:00
                duration: 1h
                repeat: FREQ=WEEKLY;BYDAY=TU,WE,TH
                skip_when: [cafe, cofee]

            """)
        // Line 15: `    skip_when: [cafe, cofee]`: `cofee` at column 23.
        try await expectOneError(yaml, id: "calls-skip-unknown", line: 15, column: 23, mentioning: ["cofee"])
    }

    @Test func pageNamingAnUnknownLabel() async throws {
        let yaml = Self.calls(extra: """
              - id: coworking
                title: Coworking
                page: ch-dialy
                start: 2026-01-06 11:00
                duration: 1h
                repeat: FREQ=WEEKLY;BYDAY=TU,WE,TH

            """)
        try await expectOneError(yaml, id: "calls-page-unknown", line: 11, column: 11, mentioning: ["ch-dialy"])
    }

    @Test func sessionWithZeroDuration() async throws {
        let yaml = Self.calls(extra: """
            sessions:
              - title: Extra Cafe
                page: ch-cafe
                start: 2026-02-12 10:00
                timezone: America/New_York
                duration: 0m

            """)
        try await expectOneError(yaml, id: "calls-duration", line: 14, column: 15, mentioning: ["0m"])
    }

    @Test func sessionWithNegativeDuration() async throws {
        let yaml = Self.calls(extra: """
            sessions:
              - title: Extra Cafe
                start: 2026-02-12 10:00
                duration: -30m

            """)
        try await expectOneError(yaml, id: "calls-duration", line: 12, column: 15, mentioning: ["-30m"])
    }

    @Test func seriesWithZeroDuration() async throws {
        let yaml = Self.calls(extra: """
              - id: zero
                title: Zero
                start: 2026-01-08 09:00
                duration: 0h
                repeat: FREQ=WEEKLY

            """)
        try await expectOneError(yaml, id: "calls-duration", line: 12, column: 15, mentioning: ["0h"])
    }

    @Test func aBadEntryIsLeftOutOfTheFeedsAndTheCalendar() async throws {
        let yaml = Self.calls(extra: """
              - id: monthly
                title: Monthly
                start: 2026-01-08 09:00
                duration: 1h
                repeat: FREQ=MONTHLY;BYDAY=1XX

            """)
        let book = try T.book(calls: yaml)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-01-01")
        #expect(T.data(built, "calls/monthly.ics") == nil)
        let feed = try #require(T.file(built, "calls.ics"))
        #expect(T.events(feed).compactMap { T.value("SUMMARY", in: $0) } == ["Collaboration Cafe"])
    }
}
