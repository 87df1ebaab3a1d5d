@testable import CallbookCore
import Foundation
import Testing

/// The `.ics` feeds as bytes: RFC 5545 line ends and folding, TEXT escaping, stable UIDs, a
/// reproducible DTSTAMP, and the properties a calendar app needs (DTSTART;TZID, RRULE, EXDATE,
/// URL).
@Suite struct CalendarICSTests {
    typealias T = CalendarTesting

    /// Long non-ASCII texts (2-, 3- and 4-byte UTF-8) with every character TEXT escapes.
    static let title = "Café collaboratif; rencontres, échanges \\ entraide — 共同作業カフェ・毎月の集まり 🌍🌏🌎☕️ für alle Zeitzonen"
    static let location = "Salle « Émilie du Châtelet », 3ᵉ étage; bâtiment Ω — 東京都千代田区丸の内一丁目 🏢🏢🏢 (vidéo: lien dans les notes)"
    static let descriptionLines = ["Bring a goal, a drink; and a friend.", "Ligne deux, avec accents: é à ü — et \\ barre."]

    static var callsYAML: String {
        """
        timezone: Europe/London
        url: https://example.org/handbook/
        series:
          - id: cafe
            title: '\(title)'
            page: ch-cafe
            start: 2026-01-07 15:00
            duration: 2h
            repeat: FREQ=MONTHLY;BYDAY=1WE,3WE
            location: '\(location)'
            description: |
              \(descriptionLines[0])
              \(descriptionLines[1])
          - id: coworking
            title: Coworking call
            page: ch-daily
            start: 2026-01-06 11:00
            duration: 1h
            repeat: FREQ=WEEKLY;BYDAY=TU,WE,TH;UNTIL=20260331
            skip_when: [cafe]
        sessions:
          - id: americas
            title: Americas-friendly Cafe
            page: cafe-upcoming
            start: 2026-02-12 10:00
            timezone: America/New_York
            duration: 90m

        """
    }

    /// The TEXT escaping of RFC 5545 §3.3.11, written out independently.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Checks the physical form of a feed: CRLF everywhere, ≤ 75 octets a line, every line
    /// valid UTF-8 on its own, continuation lines starting with one space.
    static func checkPhysicalLines(_ data: Data, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = [UInt8](data)
        #expect(bytes.suffix(2) == [0x0D, 0x0A], "\(name) must end with CRLF", sourceLocation: sourceLocation)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A {
                #expect(index > 0 && bytes[index - 1] == 0x0D, "\(name): LF without CR at byte \(index)", sourceLocation: sourceLocation)
            }
            if byte == 0x0D {
                #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "\(name): CR without LF at byte \(index)",
                        sourceLocation: sourceLocation)
            }
        }
        for (number, line) in T.physicalLines(data).enumerated() {
            #expect(line.count <= 75, "\(name) line \(number + 1) has \(line.count) octets", sourceLocation: sourceLocation)
            #expect(!line.isEmpty, "\(name) line \(number + 1) is empty", sourceLocation: sourceLocation)
            #expect(String(validating: line, as: UTF8.self) != nil,
                    "\(name) line \(number + 1) is not valid UTF-8 on its own: a character was split", sourceLocation: sourceLocation)
        }
    }

    func buildBook(today: String = "2026-01-01", stamp: Date? = T.stamp, calls: String = callsYAML)
        async throws -> (TemporaryBook, T.Built) {
        let book = try T.book(calls: calls)
        let built = await T.build(book, today: today, stamp: stamp)
        #expect(T.describe(built).isEmpty, "\(T.describe(built))")
        return (book, built)
    }

    static let feedPaths = ["calls.ics", "calls/cafe.ics", "calls/coworking.ics"]

    @Test func everyFeedHasCRLFLinesOfAtMost75OctetsAndNeverSplitsACharacter() async throws {
        let (book, built) = try await buildBook()
        defer { book.remove() }
        for path in Self.feedPaths {
            let data = try #require(T.data(built, path), "\(path) was not written")
            Self.checkPhysicalLines(data, path)
        }
        // The long lines really were folded.
        let feed = try #require(T.file(built, "calls.ics"))
        #expect(feed.contains("\r\n "))
        let summaryLine = "SUMMARY:" + Self.escaped(Self.title)
        #expect(summaryLine.utf8.count > 140)
        #expect(!feed.contains(summaryLine))
    }

    @Test func foldingKeepsEveryCharacterWholeWhateverItsWidth() {
        // Multi-byte characters placed across every octet boundary near 75 (and 74 for
        // continuation lines).
        for characters in ["é", "€", "共", "🌍", "☕️", "👩🏽‍💻"] {
            for padding in 60...80 {
                let line = "SUMMARY:" + String(repeating: "a", count: padding) + String(repeating: characters, count: 40)
                let folded = Data(ICSWriter.fold(line).utf8)
                let pieces = T.physicalLines(folded)
                for (index, piece) in pieces.enumerated() {
                    #expect(piece.count <= 75, "padding \(padding), \(characters): piece \(index) has \(piece.count) octets")
                    #expect(String(validating: piece, as: UTF8.self) != nil, "padding \(padding), \(characters): piece \(index) splits a character")
                    if index > 0 { #expect(piece.first == 0x20) }
                }
                #expect(T.unfoldedLines(String(decoding: folded, as: UTF8.self)) == [line])
                // Pieces as full as they may be: a scalar has at most 4 octets.
                for piece in pieces.dropLast() {
                    #expect(piece.count >= 72, "padding \(padding), \(characters): a piece was cut early")
                }
            }
        }
        #expect(ICSWriter.fold(String(repeating: "x", count: 75)) == String(repeating: "x", count: 75))
        #expect(ICSWriter.fold(String(repeating: "x", count: 76)) == String(repeating: "x", count: 75) + "\r\n x")
    }

    @Test func textValuesAreEscaped() async throws {
        let (book, built) = try await buildBook()
        defer { book.remove() }
        let feed = try #require(T.file(built, "calls/cafe.ics"))
        let event = try #require(T.events(feed).first)
        #expect(T.line("SUMMARY", in: event) == "SUMMARY:" + Self.escaped(Self.title))
        #expect(T.line("LOCATION", in: event) == "LOCATION:" + Self.escaped(Self.location))
        // The block scalar ends with a newline; lines are joined with an escaped newline.
        let description = try #require(T.value("DESCRIPTION", in: event))
        #expect(description.hasPrefix(Self.escaped(Self.descriptionLines[0]) + "\\n" + Self.escaped(Self.descriptionLines[1])))
        #expect(!description.contains("\n"))
        #expect(T.value("SUMMARY", in: event)?.contains("\\;") == true)
        #expect(T.value("SUMMARY", in: event)?.contains("\\,") == true)
        #expect(T.value("SUMMARY", in: event)?.contains("\\\\") == true)
        // The feed's name is TEXT too.
        #expect(T.unfoldedLines(feed).contains("X-WR-CALNAME:" + Self.escaped(Self.title)))

        #expect(ICSWriter.escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf")
    }

    @Test func eventsCarryTheirZoneRuleExclusionsAndPageURL() async throws {
        let (book, built) = try await buildBook()
        defer { book.remove() }
        let feed = try #require(T.file(built, "calls.ics"))
        let lines = T.unfoldedLines(feed)
        #expect(Array(lines.prefix(5)) == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//callbook//example.org//EN",
                                           "CALSCALE:GREGORIAN", "METHOD:PUBLISH"])
        #expect(lines.last == "END:VCALENDAR")
        let events = T.events(feed)
        try #require(events.count == 3)
        let (cafe, coworking, americas) = (events[0], events[1], events[2])

        #expect(T.value("UID", in: cafe) == "cafe@example.org")
        #expect(T.line("DTSTART", in: cafe) == "DTSTART;TZID=Europe/London:20260107T150000")
        #expect(T.line("DTEND", in: cafe) == "DTEND;TZID=Europe/London:20260107T170000")
        #expect(T.line("RRULE", in: cafe) == "RRULE:FREQ=MONTHLY;BYDAY=1WE,3WE")
        #expect(T.line("URL", in: cafe) == "URL:https://example.org/handbook/coworking/cafe.html")

        #expect(T.value("UID", in: coworking) == "coworking@example.org")
        #expect(T.line("DTSTART", in: coworking) == "DTSTART;TZID=Europe/London:20260106T110000")
        // UNTIL as a date is written as the end of that day in UTC (RFC 5545: UTC beside a TZID start).
        #expect(T.line("RRULE", in: coworking) == "RRULE:FREQ=WEEKLY;BYDAY=TU,WE,TH;UNTIL=20260331T225959Z")
        // Cafe days up to the end of the rule only… or up to the horizon: either way every
        // running Cafe day in the rule's span is excluded.
        let exdates = (T.value("EXDATE", in: coworking) ?? "").split(separator: ",").map(String.init)
        #expect(T.line("EXDATE", in: coworking)?.hasPrefix("EXDATE;TZID=Europe/London:") == true)
        #expect(Set(["20260107T110000", "20260121T110000", "20260204T110000", "20260304T110000", "20260318T110000"])
            .isSubset(of: Set(exdates)))
        #expect(T.line("URL", in: coworking) == "URL:https://example.org/handbook/coworking/daily.html")

        #expect(T.value("UID", in: americas) == "americas-2026-02-12@example.org")
        #expect(T.line("DTSTART", in: americas) == "DTSTART;TZID=America/New_York:20260212T100000")
        #expect(T.line("DTEND", in: americas) == "DTEND;TZID=America/New_York:20260212T113000")
        #expect(T.line("RRULE", in: americas) == nil)
        #expect(T.line("EXDATE", in: americas) == nil)
        // A label on a section links to the section.
        #expect(T.line("URL", in: americas) == "URL:https://example.org/handbook/coworking/cafe.html#cafe-upcoming")

        for event in events {
            #expect(T.line("DTSTAMP", in: event) == "DTSTAMP:20260101T000000Z")
            #expect(event.filter { $0.hasPrefix("UID:") }.count == 1)
        }
        // One-off sessions are in the whole feed only.
        let series = try #require(T.file(built, "calls/cafe.ics"))
        #expect(T.events(series).compactMap { T.value("UID", in: $0) } == ["cafe@example.org"])
    }

    @Test func withoutABaseURLThereIsNoURLProperty() async throws {
        let calls = Self.callsYAML.replacingOccurrences(of: "url: https://example.org/handbook/\n", with: "")
        let (book, built) = try await buildBook(calls: calls)
        defer { book.remove() }
        for path in Self.feedPaths {
            let feed = try #require(T.file(built, path))
            #expect(!T.unfoldedLines(feed).contains { $0.hasPrefix("URL") }, "\(path)")
            // UIDs still need a stable host: made from the book title.
            #expect(T.events(feed).allSatisfy { T.value("UID", in: $0)?.hasSuffix("@calls-test-book.callbook") == true })
        }
        let page = try #require(T.file(built, "calendar.html"))
        #expect(!page.contains("webcal://"))
        // One note says so, at the top of calls.yml; it is not a warning.
        let notes = built.result.diagnostics.filter { $0.severity == .note }
        #expect(notes.map(\.description) == ["book/calls.yml:1:1: note: no base URL is known (set url: in calls.yml, the book's "
            + "site URL or --base-url), so the feeds leave out chapter links and the calendar page offers no webcal: "
            + "subscriptions [calls-no-base-url]"])
        #expect(!built.result.failed)
    }

    @Test func theCalendarPageOffersWebcalLinksWhenTheAddressIsKnown() async throws {
        let (book, built) = try await buildBook()
        defer { book.remove() }
        let page = try #require(T.file(built, "calendar.html"))
        #expect(page.contains("href=\"webcal://example.org/handbook/calls.ics\""))
        #expect(page.contains("href=\"webcal://example.org/handbook/calls/cafe.ics\""))
        #expect(page.contains("href=\"calls.ics\""))
        #expect(page.contains("href=\"calls/coworking.ics\""))
    }

    @Test func twoBuildsWithTheSameStampAreByteIdenticalWithStableUIDs() async throws {
        let book = try T.book(calls: Self.callsYAML)
        defer { book.remove() }
        let first = await T.build(book, today: "2026-01-01", output: book.outside("first"))
        let second = await T.build(book, today: "2026-01-01", output: book.outside("second"))
        for path in Self.feedPaths + ["calendar.html", "coworking/cafe.html"] {
            let a = try #require(T.data(first, path), "\(path)")
            let b = try #require(T.data(second, path), "\(path)")
            #expect(a == b, "\(path) differs between two builds")
        }
        let uids = { (built: T.Built) in T.events(T.file(built, "calls.ics") ?? "").compactMap { T.value("UID", in: $0) } }
        #expect(uids(first) == ["cafe@example.org", "coworking@example.org", "americas-2026-02-12@example.org"])
        #expect(uids(first) == uids(second))

        // A later build (another today) keeps the same UIDs.
        let later = await T.build(book, today: "2026-06-01", output: book.outside("later"))
        #expect(uids(later) == uids(first))
    }

    /// With `except` dates, two builds differ (see CalendarExclusionTests.exceptBug): each
    /// lookup of a cancelled date succeeds or fails by chance, so twelve dates make two
    /// identical builds practically impossible while the bug lasts.
    @Test func twoBuildsOfABookWithCancellationsAreByteIdentical() async throws {
        let cancelled = ["2026-01-21", "2026-02-04", "2026-02-18", "2026-03-04", "2026-03-18", "2026-04-01", "2026-04-15",
                         "2026-05-06", "2026-05-20", "2026-06-03", "2026-06-17", "2026-07-01"]
        let calls = Self.callsYAML.replacingOccurrences(of: "    repeat: FREQ=MONTHLY;BYDAY=1WE,3WE\n",
                                                        with: "    repeat: FREQ=MONTHLY;BYDAY=1WE,3WE\n    except: [\(cancelled.joined(separator: ", "))]\n")
        let book = try T.book(calls: calls)
        defer { book.remove() }
        let first = await T.build(book, today: "2026-01-01", output: book.outside("first"))
        let second = await T.build(book, today: "2026-01-01", output: book.outside("second"))
        #expect(T.describe(first).isEmpty, "\(T.describe(first))")
        let same = Self.feedPaths.allSatisfy { T.data(first, $0) != nil && T.data(first, $0) == T.data(second, $0) }
        do {
            #expect(same, "feeds differ between two builds of the same book")
            let cafe = T.events(T.file(first, "calls/cafe.ics") ?? "").first ?? []
            #expect(T.value("EXDATE", in: cafe)?.split(separator: ",").count == cancelled.count)
        }
    }

    @Test func dtstampComesFromTheStampAndNothingElseChanges() async throws {
        let book = try T.book(calls: Self.callsYAML)
        defer { book.remove() }
        let first = await T.build(book, today: "2026-01-01", output: book.outside("first"))
        let other = await T.build(book, today: "2026-01-01", stamp: Date(timeIntervalSince1970: 1_790_000_000),
                                  output: book.outside("other"))
        let a = T.unfoldedLines(try #require(T.file(first, "calls.ics")))
        let b = T.unfoldedLines(try #require(T.file(other, "calls.ics")))
        #expect(b.filter { $0.hasPrefix("DTSTAMP") } == Array(repeating: "DTSTAMP:20260921T141320Z", count: 3))
        #expect(a.filter { !$0.hasPrefix("DTSTAMP") } == b.filter { !$0.hasPrefix("DTSTAMP") })

        // Without a stamp (no SOURCE_DATE_EPOCH), the start of today in UTC.
        let unstamped = await T.build(book, today: "2026-05-17", stamp: nil, output: book.outside("unstamped"))
        let c = T.unfoldedLines(try #require(T.file(unstamped, "calls.ics")))
        #expect(c.filter { $0.hasPrefix("DTSTAMP") } == Array(repeating: "DTSTAMP:20260517T000000Z", count: 3))
    }
}
