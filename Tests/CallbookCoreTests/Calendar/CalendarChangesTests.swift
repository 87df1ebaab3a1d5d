@testable import CallbookCore
import Foundation
import Testing

/// The richer `calls.yml`: `join`, `notes`, `description`, `hosts`, `contact` and per-session
/// `changes:` (moved, another host, a note, cancelled with a reason), their errors at
/// `calls.yml:line:col`, and the sessions they expand to. Expected values are worked out by
/// hand from the calendar of 2026 (the Cafe runs on the 1st and 3rd Wednesdays).
@Suite struct CalendarChangesTests {
    typealias T = CalendarTesting

    /// The Cafe with three hosts, a notes template and three changes, and the coworking call
    /// (Tue–Thu 11:00) that skips the Cafe's days.
    static let yaml = """
        timezone: Europe/London
        series:
          - id: cafe
            title: Collaboration Cafe
            start: 2026-01-07 15:00
            duration: 2h
            repeat: FREQ=MONTHLY;BYDAY=1WE,3WE
            join: https://meet.example.org/cafe
            notes: https://notes.example.org/cafe-{date}
            description: A *friendly* call; see [the handbook](https://example.org/).
            hosts: [Ana, Bo, Cy]
            contact: cafe@example.org
            changes:
              2026-02-04: {to: "16:30"}
              2026-02-18: {cancelled: half-term}
              2026-03-04: {to: 2026-03-05 15:00, host: Zed, note: holiday edition}
          - id: coworking
            title: Coworking call
            start: 2026-01-06 11:00
            duration: 1h
            repeat: FREQ=WEEKLY;BYDAY=TU,WE,TH
            skip_when: [cafe]
            join: ch-join
            notes: ch-notes

        """

    static func sessions(_ yaml: String = yaml, id: String) throws -> [Session] {
        let configuration = try T.configuration(yaml)
        return Schedule(configuration).sessions(from: T.local(2026, 1, 1, in: T.london), through: T.local(2026, 4, 30, in: T.london))
            .filter { $0.id == id }
    }

    @Test func detailsAreRead() throws {
        let configuration = try T.configuration(Self.yaml)
        let cafe = try #require(configuration.series.first)
        #expect(cafe.details.join == .url("https://meet.example.org/cafe"))
        #expect(cafe.details.notes?.isTemplate == true)
        #expect(cafe.details.hosts == ["Ana", "Bo", "Cy"])
        #expect(cafe.details.contact == "cafe@example.org")
        #expect(cafe.description == "A *friendly* call; see [the handbook](https://example.org/).")
        #expect(cafe.details.changes.count == 3)
        #expect(configuration.series[1].details.join == .chapter("ch-join"))
        #expect(configuration.series[1].details.notes == .chapter("ch-notes"))
        #expect(JoinLink("Ask on the mailing list for the link") == .text("Ask on the mailing list for the link"))
    }

    @Test func movedCancelledAndRotatedSessions() throws {
        let cafe = try Self.sessions(id: "cafe")
        // 1st and 3rd Wednesdays, January to April; February and March are GMT, April BST.
        #expect(T.utc(cafe.map(\.start)) == [
            "2026-01-07T15:00:00Z", "2026-01-21T15:00:00Z", "2026-02-04T16:30:00Z", "2026-02-18T15:00:00Z",
            "2026-03-05T15:00:00Z", "2026-03-18T15:00:00Z", "2026-04-01T14:00:00Z", "2026-04-15T14:00:00Z",
        ])
        #expect(cafe.map(\.status.name) == ["scheduled", "scheduled", "moved", "cancelled", "moved", "scheduled", "scheduled",
                                            "scheduled"])
        #expect(cafe[3].status == .cancelled(reason: "half-term"))
        #expect(cafe[2].status == .moved(from: T.local(2026, 2, 4, 15, 0, in: T.london)))
        // The cancelled session takes no turn; Zed stands in on 4 March without moving the rotation.
        #expect(cafe.map { $0.host ?? "-" } == ["Ana", "Bo", "Cy", "-", "Zed", "Bo", "Cy", "Ana"])
        #expect(cafe[4].note == "holiday edition")
        // Notes are filed under the planned date, also for a moved session.
        #expect(cafe[4].notes == .address("https://notes.example.org/cafe-2026-03-04"))
        #expect(cafe[4].join == .url("https://meet.example.org/cafe"))
    }

    @Test func skipWhenFollowsTheDayTheCafeRunsOn() throws {
        let coworking = try Self.sessions(id: "coworking").map { T.utc($0.start) }
        // 4 February: the Cafe moved within the day, the coworking call still gives way.
        #expect(!coworking.contains("2026-02-04T11:00:00Z"))
        // 18 February: the Cafe is cancelled, so the coworking call runs.
        #expect(coworking.contains("2026-02-18T11:00:00Z"))
        // The Cafe of Wednesday 4 March runs on Thursday 5 March: coworking runs on the 4th, not the 5th.
        #expect(coworking.contains("2026-03-04T11:00:00Z"))
        #expect(!coworking.contains("2026-03-05T11:00:00Z"))
        #expect(coworking.contains("2026-03-03T11:00:00Z"))
    }

    @Test func hostsRotateOverTheDaysSkipWhenLeaves() throws {
        let yaml = """
            timezone: Europe/London
            series:
              - id: cafe
                title: Collaboration Cafe
                start: 2026-01-07 15:00
                duration: 2h
                repeat: FREQ=MONTHLY;BYDAY=1WE,3WE
                except: [2026-01-21]
              - id: coworking
                title: Coworking call
                start: 2026-01-06 11:00
                duration: 1h
                repeat: FREQ=WEEKLY;BYDAY=TU,WE,TH
                skip_when: [cafe]
                except: [2026-01-14]
                hosts: [Ana, Bo, Cy]

            """
        let schedule = Schedule(try T.configuration(yaml))
        let coworking = schedule.sessions(from: T.local(2026, 1, 1, in: T.london), through: T.local(2026, 1, 31, in: T.london))
            .filter { $0.id == "coworking" }
        // January 2026, Tuesdays to Thursdays from the 6th. The Cafe runs on Wednesday 7 (no
        // coworking call, no turn); 14 is cancelled (listed, no turn); the Cafe of 21 is
        // cancelled, so the coworking call runs that day and takes a turn.
        let days = coworking.map { SessionFormat.isoDay($0.start, in: T.london) }
        #expect(days == ["2026-01-06", "2026-01-08", "2026-01-13", "2026-01-14", "2026-01-15", "2026-01-20", "2026-01-21",
                         "2026-01-22", "2026-01-27", "2026-01-28", "2026-01-29"])
        #expect(coworking.map { $0.host ?? "-" } == ["Ana", "Bo", "Cy", "-", "Ana", "Bo", "Cy", "Ana", "Bo", "Cy", "Ana"])
        // Turns are counted from the series' first session, whatever span is asked for.
        let late = schedule.sessions(from: T.local(2026, 1, 27, in: T.london), through: T.local(2026, 1, 31, in: T.london))
            .filter { $0.id == "coworking" }
        #expect(late.map { $0.host ?? "-" } == ["Bo", "Cy", "Ana"])
    }

    @Test func exdatesAndOverridesInTheFeed() throws {
        let configuration = try T.configuration(Self.yaml)
        let writer = ICSWriter(schedule: Schedule(configuration), stamp: T.stamp, horizon: T.local(2026, 4, 30, in: T.london),
                               pageURLs: [:], host: "example.org")
        let events = T.events(writer.feed(name: "Calls", series: "cafe"))
        #expect(events.count == 3)
        #expect(T.line("EXDATE", in: events[0]) == "EXDATE;TZID=Europe/London:20260218T150000")
        let overrides = events.dropFirst().map { (T.line("RECURRENCE-ID", in: $0), T.line("DTSTART", in: $0)) }
        #expect(overrides.map(\.0) == ["RECURRENCE-ID;TZID=Europe/London:20260204T150000",
                                       "RECURRENCE-ID;TZID=Europe/London:20260304T150000"])
        #expect(overrides.map(\.1) == ["DTSTART;TZID=Europe/London:20260204T163000",
                                       "DTSTART;TZID=Europe/London:20260305T150000"])
        #expect(events.allSatisfy { T.value("UID", in: $0) == "cafe@example.org" })
    }

    // MARK: errors

    /// The Cafe series with `extra` lines after its `repeat` (indented as its keys).
    static func cafe(_ extra: String) -> String {
        """
        timezone: Europe/London
        series:
          - id: cafe
            title: Cafe
            start: 2026-01-07 15:00
            duration: 2h
            repeat: FREQ=MONTHLY;BYDAY=1WE,3WE
        \(extra)
        """
    }

    func expectError(_ yaml: String, id: String, line: Int, column: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let (_, diagnostics) = CallsFile.read(path: "calls.yml", text: yaml)
        #expect(diagnostics.map(\.id) == [id], "\(diagnostics)", sourceLocation: sourceLocation)
        #expect(diagnostics.first?.description.hasPrefix("calls.yml:\(line):\(column): error: ") == true,
                "\(diagnostics)", sourceLocation: sourceLocation)
    }

    @Test func changeAndExceptOnTheSameDate() {
        expectError(Self.cafe("    except: [2026-02-18]\n    changes:\n      2026-02-18: {note: x}\n"),
                    id: "calls-change-except", line: 10, column: 7)
    }

    @Test func changeOnADayWithoutASession() {
        // 19 February 2026 is a Thursday.
        expectError(Self.cafe("    changes:\n      2026-02-19: {note: x}\n"), id: "calls-change-not-planned", line: 9, column: 7)
    }

    @Test func changeDateThatIsNotADate() {
        expectError(Self.cafe("    changes:\n      next week: {note: x}\n"), id: "calls-change-date", line: 9, column: 7)
    }

    @Test func movedToATimeThatIsNotOne() {
        expectError(Self.cafe("    changes:\n      2026-02-04: {to: \"25:00\"}\n"), id: "calls-change-to", line: 9, column: 24)
    }

    @Test func cancelledAndMoved() {
        expectError(Self.cafe("    changes:\n      2026-02-04: {cancelled: flu, to: \"16:00\"}\n"),
                    id: "calls-change-conflict", line: 9, column: 19)
    }

    @Test func unknownChangeKey() {
        expectError(Self.cafe("    changes:\n      2026-02-04: {room: B}\n"), id: "calls-change-key", line: 9, column: 20)
    }

    @Test func notesThatAreNotAnAddress() {
        expectError(Self.cafe("    notes: notes/{date}.md\n"), id: "calls-notes", line: 8, column: 12)
        expectError(Self.cafe("    notes: ask the host\n"), id: "calls-notes", line: 8, column: 12)
        expectError(Self.cafe("    notes: https://x.org/{day}\n"), id: "calls-notes", line: 8, column: 12)
    }

    @Test func hostsThatAreNotAList() {
        expectError(Self.cafe("    hosts: Ana\n"), id: "calls-hosts", line: 8, column: 12)
    }

    @Test func changesOnAOneOffSession() {
        expectError("""
            sessions:
              - title: Special
                start: 2026-02-12 10:00
                duration: 1h
                changes: {2026-02-12: {note: x}}

            """, id: "calls-changes-one-off", line: 5, column: 14)
    }
}
