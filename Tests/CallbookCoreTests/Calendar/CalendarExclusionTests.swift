@testable import CallbookCore
import Foundation
import Testing

/// `except` (cancelled sessions: kept in the schedule, marked, and written as EXDATE) and
/// `skip_when` (days on which another series runs: left out, and written as EXDATE) remove
/// exactly their days and nothing else.
///
/// Known bug (see `exceptBug`): `except` dates are matched through `Set<DateComponents>`, and on
/// Linux `DateComponents(year:month:day:)` (isLeapMonth nil) and the components Calendar
/// computes (isLeapMonth false) are `==` but hash differently, so a cancelled date is found
/// only when the hashes happen to share a bucket (about half the time for each date, varying
/// with the per-process hash seed). The tests of `except` therefore use eight or more dates,
/// which makes the failure certain in practice rather than intermittent.
@Suite struct CalendarExclusionTests {
    typealias T = CalendarTesting

    static let exceptBug: Comment = """
        except dates are looked up in a Set<DateComponents> whose hashes disagree with == on Linux \
        (isLeapMonth nil vs false): cancelled sessions are randomly not marked cancelled, not written \
        as EXDATE, and still make skip_when series skip
        """

    /// The Cafe (1st and 3rd Wednesdays, 15:00) and the coworking call (Tue–Thu 11:00, not on
    /// Cafe days), without any cancellation.
    static let plainYAML = """
        timezone: Europe/London
        series:
          - id: cafe
            title: Collaboration Cafe
            page: ch-cafe
            start: 2026-01-07 15:00
            duration: 2h
            repeat: FREQ=MONTHLY;BYDAY=1WE,3WE
          - id: coworking
            title: Coworking call
            page: ch-daily
            start: 2026-01-06 11:00
            duration: 1h
            repeat: FREQ=WEEKLY;BYDAY=TU,WE,TH
            skip_when: [cafe]

        """

    static let cafeCancelled = ["2026-02-18", "2026-03-04", "2026-04-01", "2026-05-20", "2026-06-03", "2026-07-15",
                                "2026-09-02", "2026-10-21"]
    /// Tuesdays and Thursdays; 19 January is a Monday, when there is no session to cancel.
    static let coworkingCancelled = ["2026-01-15", "2026-01-27", "2026-02-10", "2026-02-26", "2026-03-12", "2026-03-24",
                                     "2026-04-09", "2026-04-30"]

    /// The same two series with `except` lists.
    static var exceptYAML: String {
        plainYAML
            .replacingOccurrences(of: "BYDAY=1WE,3WE\n", with: "BYDAY=1WE,3WE\n    except: [\(cafeCancelled.joined(separator: ", "))]\n")
            .replacingOccurrences(of: "skip_when: [cafe]\n",
                                  with: "skip_when: [cafe]\n    except: [\((coworkingCancelled + ["2026-01-19"]).joined(separator: ", "))]\n")
    }

    /// Local days from `first` through `last` (inclusive) whose weekday is in `weekdays`
    /// (1 = Sunday … 7 = Saturday).
    static func days(_ first: String, _ last: String, weekdays: Set<Int>) -> [String] {
        let calendar = T.gregorian(T.london)
        var day = T.instant(first + "T12:00:00Z")
        let end = T.instant(last + "T12:00:00Z")
        var days: [String] = []
        while day <= end {
            if weekdays.contains(calendar.component(.weekday, from: day)) { days.append(SessionFormat.isoDay(day, in: T.london)) }
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
        return days
    }

    /// First and third Wednesdays of 2026.
    static let cafeDays2026 = ["2026-01-07", "2026-01-21", "2026-02-04", "2026-02-18", "2026-03-04", "2026-03-18",
                               "2026-04-01", "2026-04-15", "2026-05-06", "2026-05-20", "2026-06-03", "2026-06-17",
                               "2026-07-01", "2026-07-15", "2026-08-05", "2026-08-19", "2026-09-02", "2026-09-16",
                               "2026-10-07", "2026-10-21", "2026-11-04", "2026-11-18", "2026-12-02", "2026-12-16"]

    func sessions(_ yaml: String, through: String = "2026-12-31T23:00:00Z") throws -> [Session] {
        let schedule = Schedule(try T.configuration(yaml))
        return schedule.sessions(from: T.instant("2026-01-01T00:00:00Z"), through: T.instant(through))
    }

    func localDays(_ sessions: [Session]) -> [String] {
        sessions.map { SessionFormat.isoDay($0.start, in: $0.zone) }
    }

    // MARK: skip_when

    @Test func skipWhenRemovesExactlyTheDaysTheOtherSeriesRuns() throws {
        let all = try sessions(Self.plainYAML)
        #expect(localDays(all.filter { $0.id == "cafe" }) == Self.cafeDays2026)
        let coworking = all.filter { $0.id == "coworking" }
        let expected = Self.days("2026-01-06", "2026-12-31", weekdays: [3, 4, 5]).filter { !Self.cafeDays2026.contains($0) }
        #expect(localDays(coworking) == expected)
        #expect(coworking.count == 3 * 52 - 24)
        // Every one at 11:00 London time, GMT or BST; none is marked cancelled.
        #expect(Set(coworking.map { SessionFormat.clock($0.start, in: T.london) }) == ["11:00"])
        #expect(coworking.allSatisfy { !$0.cancelled })
        #expect(all.allSatisfy { !$0.cancelled })
    }

    @Test func withoutSkipWhenTheSeriesRunsEveryWeek() throws {
        let all = try sessions(Self.plainYAML.replacingOccurrences(of: "    skip_when: [cafe]\n", with: ""))
        #expect(localDays(all.filter { $0.id == "coworking" }) == Self.days("2026-01-06", "2026-12-31", weekdays: [3, 4, 5]))
    }

    @Test func feedsListSkippedDaysAsEXDATE() async throws {
        let book = try T.book(calls: Self.plainYAML)
        defer { book.remove() }
        let result = await T.build(book, today: "2026-01-01")
        #expect(T.describe(result).isEmpty, "\(T.describe(result))")

        let cafeFeed = try #require(T.file(result, "calls/cafe.ics"))
        let cafe = try #require(T.events(cafeFeed).first)
        #expect(T.line("EXDATE", in: cafe) == nil)
        // Every Cafe day from the first session up to the horizon (24 months after today).
        let coworkingFeed = try #require(T.file(result, "calls/coworking.ics"))
        let coworking = try #require(T.events(coworkingFeed).first)
        #expect(T.line("EXDATE", in: coworking)?.hasPrefix("EXDATE;TZID=Europe/London:") == true)
        let excluded = try #require(T.value("EXDATE", in: coworking)).split(separator: ",").map(String.init)
        let cafeDays2027 = ["2027-01-06", "2027-01-20", "2027-02-03", "2027-02-17", "2027-03-03", "2027-03-17",
                            "2027-04-07", "2027-04-21", "2027-05-05", "2027-05-19", "2027-06-02", "2027-06-16",
                            "2027-07-07", "2027-07-21", "2027-08-04", "2027-08-18", "2027-09-01", "2027-09-15",
                            "2027-10-06", "2027-10-20", "2027-11-03", "2027-11-17", "2027-12-01", "2027-12-15"]
        #expect(excluded == (Self.cafeDays2026 + cafeDays2027).map { $0.replacingOccurrences(of: "-", with: "") + "T110000" })
        #expect(T.value("RRULE", in: coworking) == "FREQ=WEEKLY;BYDAY=TU,WE,TH")
        // The whole feed carries the same.
        let allFeed = try #require(T.file(result, "calls.ics"))
        let all = T.events(allFeed)
        #expect(all.map { T.line("EXDATE", in: $0) } == [nil, T.line("EXDATE", in: coworking)])
    }

    // MARK: except

    @Test func exceptMarksExactlyItsDatesCancelled() throws {
        let all = try sessions(Self.exceptYAML)
        let cafe = all.filter { $0.id == "cafe" }
        let coworking = all.filter { $0.id == "coworking" }
        // Cancelled sessions stay in the schedule, with their times…
        #expect(localDays(cafe) == Self.cafeDays2026)
        let cancelledCafe = try #require(cafe.first { SessionFormat.isoDay($0.start, in: $0.zone) == "2026-02-18" })
        #expect(T.utc(cancelledCafe.start) == "2026-02-18T15:00:00Z")
        #expect(T.utc(cancelledCafe.end) == "2026-02-18T17:00:00Z")
        // …and exactly the listed ones are marked (19 January has no session: nothing to mark).
        do {
            #expect(localDays(cafe.filter(\.cancelled)) == Self.cafeCancelled)
            #expect(localDays(coworking.filter(\.cancelled)) == Self.coworkingCancelled)
        }
        #expect(!localDays(coworking).contains("2026-01-19"))
        #expect(localDays(coworking).filter { Self.coworkingCancelled.contains($0) } == Self.coworkingCancelled)
    }

    @Test func cancelledDaysOfTheOtherSeriesDoNotSkip() throws {
        let coworking = try sessions(Self.exceptYAML).filter { $0.id == "coworking" }
        // On the days the Cafe is cancelled it is not running, so the morning call runs.
        let running = Set(Self.cafeDays2026).subtracting(Self.cafeCancelled)
        let expected = Self.days("2026-01-06", "2026-12-31", weekdays: [3, 4, 5]).filter { !running.contains($0) }
        do {
            #expect(localDays(coworking) == expected)
        }
        // Whatever happens to cancelled days, the running Cafe days are always skipped.
        #expect(Set(localDays(coworking)).isDisjoint(with: running))
    }

    @Test func feedsListCancelledDaysAsEXDATE() async throws {
        let book = try T.book(calls: Self.exceptYAML)
        defer { book.remove() }
        let result = await T.build(book, today: "2026-01-01")
        #expect(T.describe(result).isEmpty, "\(T.describe(result))")
        let cafeFeed = try #require(T.file(result, "calls/cafe.ics"))
        let cafe = try #require(T.events(cafeFeed).first)
        let coworkingFeed = try #require(T.file(result, "calls/coworking.ics"))
        let coworking = try #require(T.events(coworkingFeed).first)
        let running = Set(Self.cafeDays2026).subtracting(Self.cafeCancelled)
        let coworkingExcluded = Array(running) + Self.coworkingCancelled
        do {
            #expect(T.line("EXDATE", in: cafe)
                    == "EXDATE;TZID=Europe/London:" + Self.cafeCancelled.map { $0.replacingOccurrences(of: "-", with: "") + "T150000" }
                        .joined(separator: ","))
            let excluded = (T.value("EXDATE", in: coworking) ?? "").split(separator: ",").map(String.init)
            #expect(excluded.filter { $0 < "20270101" }
                    == coworkingExcluded.sorted().map { $0.replacingOccurrences(of: "-", with: "") + "T110000" })
        }
    }

    @Test func theCalendarPageMarksCancelledSessionsAndLeavesSkippedOnesOut() async throws {
        let book = try T.book(calls: Self.exceptYAML)
        defer { book.remove() }
        let result = await T.build(book, today: "2026-02-12")
        let page = try #require(T.file(result, "calendar.html"))
        let upcoming = try #require(T.slice(page, from: "<section class=\"upcoming\"", to: "</section>"))
        let times = T.timeValues(upcoming)
        // 18 March: the Cafe runs, so the morning call does not.
        #expect(times.contains("2026-03-18T15:00:00+00:00"))
        #expect(!times.contains("2026-03-18T11:00:00+00:00"))
        #expect(times.contains("2026-03-17T11:00:00+00:00"))
        #expect(times.contains("2026-03-19T11:00:00+00:00"))
        // Cancelled sessions are listed and marked: the Cafe on 18 February, 4 March and
        // 1 April, the coworking calls on 26 February, 12 and 24 March (8 weeks from the start
        // of 12 February end before 9 April's call); the morning calls on cancelled Cafe days run.
        let cancelledItems = upcoming.components(separatedBy: "<li class=\"session cancelled\">").dropFirst()
        let cancelledTimes = cancelledItems.compactMap { T.timeValues($0).first }
        do {
            #expect(cancelledTimes == ["2026-02-18T15:00:00+00:00", "2026-02-26T11:00:00+00:00", "2026-03-04T15:00:00+00:00",
                                       "2026-03-12T11:00:00+00:00", "2026-03-24T11:00:00+00:00", "2026-04-01T15:00:00+01:00"])
            #expect(times.contains("2026-02-18T11:00:00+00:00"))
            #expect(times.contains("2026-03-04T11:00:00+00:00"))
        }
        #expect(cancelledItems.allSatisfy { $0.contains("<strong class=\"cancelled-note\">Cancelled</strong>") })
    }

    // MARK: edges

    /// "Skip on days when a running session of the named series falls": a session that its
    /// own `skip_when` removes is not running, so it must not remove a third series' session.
    @Test func aSkippedSessionDoesNotSkipOthersInTurn() throws {
        let yaml = """
            timezone: Europe/London
            series:
              - id: monthly
                title: Monthly
                start: 2026-01-07 18:00
                duration: 1h
                repeat: FREQ=MONTHLY;BYDAY=1WE
              - id: weekly
                title: Weekly
                start: 2026-01-07 15:00
                duration: 1h
                repeat: FREQ=WEEKLY;BYDAY=WE
                skip_when: [monthly]
              - id: daily
                title: Daily
                start: 2026-01-05 09:00
                duration: 1h
                repeat: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
                skip_when: [weekly]

            """
        let all = try sessions(yaml, through: "2026-01-31T23:00:00Z")
        let weekly = localDays(all.filter { $0.id == "weekly" })
        #expect(weekly == ["2026-01-14", "2026-01-21", "2026-01-28"])
        let dailyWednesdays = localDays(all.filter { $0.id == "daily" })
            .filter { ["2026-01-07", "2026-01-14", "2026-01-21", "2026-01-28"].contains($0) }
        do {
            #expect(dailyWednesdays == ["2026-01-07"])
        }
        #expect(!dailyWednesdays.contains("2026-01-14"))
    }

    /// `skip_when` compares local dates in the skipping series' zone: a session of another zone
    /// that falls on the next London day skips the London call of that day.
    @Test func skipWhenComparesDatesInTheSkippingSeriesZone() throws {
        let yaml = """
            timezone: Europe/London
            series:
              - id: late
                title: Late call in Los Angeles
                timezone: America/Los_Angeles
                start: 2026-01-06 17:00
                duration: 1h
                repeat: FREQ=WEEKLY;BYDAY=TU
              - id: morning
                title: Morning call in London
                start: 2026-01-05 09:00
                duration: 1h
                repeat: FREQ=DAILY
                skip_when: [late]

            """
        // 17:00 PST on a Tuesday is 01:00 GMT on the Wednesday.
        let days = localDays(try sessions(yaml, through: "2026-01-18T23:00:00Z").filter { $0.id == "morning" })
        #expect(days == Self.days("2026-01-05", "2026-01-18", weekdays: [1, 2, 3, 5, 6, 7]))
    }
}
