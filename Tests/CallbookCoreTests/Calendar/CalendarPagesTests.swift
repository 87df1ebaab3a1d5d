@testable import CallbookCore
import Foundation
import Testing

/// What readers see: the `{calls}` listing in a chapter and `calendar.html` (upcoming weeks,
/// three month grids, cancelled sessions, zone abbreviations and offsets, links to chapters).
@Suite struct CalendarPagesTests {
    typealias T = CalendarTesting

    static let callsYAML = """
        timezone: Europe/London
        series:
          - id: cafe
            title: Collaboration Cafe
            page: ch-cafe
            start: 2026-01-07 15:00
            duration: 2h
            repeat: FREQ=MONTHLY;BYDAY=1WE,3WE
            location: Online
          - id: coworking
            title: Coworking call
            page: ch-daily
            start: 2026-01-06 11:00
            duration: 1h
            repeat: FREQ=WEEKLY;BYDAY=TU,WE,TH
            skip_when: [cafe]
        sessions:
          - id: americas
            title: Americas-friendly Cafe
            page: cafe-upcoming
            start: 2026-03-26 10:00
            timezone: America/New_York
            duration: 90m

        """

    // MARK: {calls}

    /// A listing of a series `calls.yml` does not define is a warning at the listing, wherever
    /// on the page it stands (here inside a note, after a listing that is fine); with no
    /// `calls.yml` at all, every listing is one.
    @Test func listingsOfUnknownSeriesAndWithoutCallsYMLAreWarnedAbout() async throws {
        let book = try T.book(calls: Self.callsYAML, listing: "cafe", count: 1)
        defer { book.remove() }
        try book.write("coworking/daily.md", """
            (ch-daily)=
            # Daily coworking

            :::{note}
            ```{calls} nightly
            ```
            :::

            """)
        let built = await T.build(book, today: "2026-03-10")
        let unknown = built.result.diagnostics.filter { $0.id == "calls-series-unknown" }
        #expect(unknown.map { $0.range?.file ?? "" } == ["book/coworking/daily.md"])
        #expect(unknown.map { $0.range?.start.line ?? 0 } == [5])
        #expect(unknown.first?.message.contains("'nightly'") == true)
        #expect(!built.result.diagnostics.contains { $0.id == "calls-missing" })

        try FileManager.default.removeItem(at: book.directory.appendingPathComponent("calls.yml"))
        let without = await T.build(book, today: "2026-03-10")
        let missing = without.result.diagnostics.filter { $0.id == "calls-missing" }
        #expect(missing.map { $0.range?.start.line ?? 0 } == [9, 5])  // cafe.md's listing, then daily.md's
        #expect(!without.result.diagnostics.contains { $0.id == "calls-series-unknown" })
    }

    @Test func theListingShowsExactlyTheNextSessionsFromToday() async throws {
        let book = try T.book(calls: Self.callsYAML, count: 3)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-10")
        #expect(T.describe(built).isEmpty, "\(T.describe(built))")
        let page = try #require(T.file(built, "coworking/cafe.html"))
        let listing = try #require(T.slice(page, from: "<ul class=\"sessions\">", to: "</ul>"))
        // 18 March is GMT; the clocks change on 29 March, so April's sessions are BST.
        #expect(T.timeValues(listing) == ["2026-03-18T15:00:00+00:00", "2026-04-01T15:00:00+01:00", "2026-04-15T15:00:00+01:00"])
        #expect(BuildInspection.attributeValues(listing, tag: "time", attribute: "data-end")
                == ["2026-03-18T17:00:00+00:00", "2026-04-01T17:00:00+01:00", "2026-04-15T17:00:00+01:00"])
        #expect(listing.components(separatedBy: "<li class=\"session").count - 1 == 3)
        #expect(listing.contains("Wednesday 18 March 2026, 15:00–17:00 GMT"))
        #expect(listing.contains("Wednesday 1 April 2026, 15:00–17:00 BST"))
        #expect(listing.contains("(UTC+00:00)"))
        #expect(listing.contains("(UTC+01:00)"))
        #expect(!listing.contains("cancelled"))
        #expect(page.contains("<a href=\"../calendar.html\">"))
        // Only the chapter's own series: the one-off Americas session is not part of "cafe".
        #expect(!listing.contains("2026-03-26"))
    }

    @Test func aSessionOnTodayStillCounts() async throws {
        let book = try T.book(calls: Self.callsYAML, count: 2)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-18")
        let page = try #require(T.file(built, "coworking/cafe.html"))
        #expect(T.timeValues(T.slice(page, from: "<ul class=\"sessions\">", to: "</ul>") ?? "")
                == ["2026-03-18T15:00:00+00:00", "2026-04-01T15:00:00+01:00"])
    }

    @Test func theDefaultCountIsThree() async throws {
        let book = try T.book(calls: Self.callsYAML, count: nil)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-12-20")
        let page = try #require(T.file(built, "coworking/cafe.html"))
        #expect(T.timeValues(T.slice(page, from: "<ul class=\"sessions\">", to: "</ul>") ?? "")
                == ["2027-01-06T15:00:00+00:00", "2027-01-20T15:00:00+00:00", "2027-02-03T15:00:00+00:00"])
    }

    @Test func aCancelledSessionIsListedAndMarked() async throws {
        let calls = Self.callsYAML.replacingOccurrences(of: "    location: Online\n",
                                                        with: "    location: Online\n    except: [2026-04-01]\n")
        let book = try T.book(calls: calls, count: 3)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-10")
        let page = try #require(T.file(built, "coworking/cafe.html"))
        let listing = try #require(T.slice(page, from: "<ul class=\"sessions\">", to: "</ul>"))
        #expect(T.timeValues(listing) == ["2026-03-18T15:00:00+00:00", "2026-04-01T15:00:00+01:00", "2026-04-15T15:00:00+01:00"])
        let items = listing.components(separatedBy: "<li ").dropFirst()
        try #require(items.count == 3)
        // A single except date is found about half the time (see CalendarExclusionTests.exceptBug).
        do {
            #expect(Array(items).map { $0.hasPrefix("class=\"session cancelled\"") } == [false, true, false])
            #expect(Array(items)[1].contains("Cancelled"))
        }
    }

    // MARK: calendar.html

    /// Sessions the calls above imply from `first` to `last` (local London days), worked out
    /// here day by day: (ISO start with offset, title).
    static func expectedSessions(from first: String, through last: String) -> [(String, String)] {
        let calendar = T.gregorian(T.london)
        var day = T.instant(first + "T12:00:00Z")
        let end = T.instant(last + "T12:00:00Z")
        var result: [(Date, String, String)] = []
        while day <= end {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            let isCafeDay = parts.weekday == 4 && ((1...7).contains(parts.day!) || (15...21).contains(parts.day!))
            if isCafeDay {
                let start = T.local(parts.year!, parts.month!, parts.day!, 15, 0, in: T.london)
                result.append((start, SessionFormat.iso(start, in: T.london), "Collaboration Cafe"))
            } else if [3, 4, 5].contains(parts.weekday!) {
                let start = T.local(parts.year!, parts.month!, parts.day!, 11, 0, in: T.london)
                result.append((start, SessionFormat.iso(start, in: T.london), "Coworking call"))
            }
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
        let americas = T.local(2026, 3, 26, 10, 0, in: T.newYork)
        if americas >= T.instant(first + "T00:00:00Z") && americas <= end {
            result.append((americas, "2026-03-26T10:00:00-04:00", "Americas-friendly Cafe"))
        }
        return result.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
    }

    /// The `<li class="session…">` items of the upcoming section: (datetime, title, whole item).
    static func upcomingItems(_ html: String) -> [(time: String, title: String, item: String)] {
        guard let section = T.slice(html, from: "<section class=\"upcoming\"", to: "</section>") else { return [] }
        return section.components(separatedBy: "<li class=\"session").dropFirst().map { item in
            let title = BuildInspection.anchors(item).first?.text ?? ""
            return (T.timeValues(item).first ?? "", title, item)
        }
    }

    /// The calendar's sections are partials of the theme (`calendar-subscribe`, `-weeks`,
    /// `-months`, `-past`): a book replaces one in its `_templates/`, the others stay.
    @Test func aBookReplacesOneSectionOfTheCalendar() async throws {
        let book = try T.book(calls: Self.callsYAML)
        defer { book.remove() }
        try book.write("_templates/calendar-past.mustache",
                       "{{% CONTENT_TYPE: CALLBOOK_HTML }}<p id=\"our-past\">The last {{monthsBack}} months: ask us.</p>\n")
        let built = await T.build(book, today: "2026-03-10")
        #expect(T.describe(built).isEmpty, "\(T.describe(built))")
        let page = try #require(T.file(built, "calendar.html"))
        #expect(page.contains("<p id=\"our-past\">The last 3 months: ask us.</p>\n  </article>"), "\(page.suffix(600))")
        #expect(!page.contains("class=\"past-sessions\""))
        for section in ["class=\"subscribe\"", "class=\"upcoming\"", "class=\"months\""] { #expect(page.contains(section), "\(section)") }
    }

    @Test func theCalendarListsTheNextEightWeeksGroupedByWeek() async throws {
        let book = try T.book(calls: Self.callsYAML)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-10")
        #expect(T.describe(built).isEmpty, "\(T.describe(built))")
        let page = try #require(T.file(built, "calendar.html"))
        let items = Self.upcomingItems(page)
        // From the start of 10 March to the start of 5 May (eight weeks).
        let expected = Self.expectedSessions(from: "2026-03-10", through: "2026-05-04")
        #expect(items.map(\.time) == expected.map(\.0))
        #expect(items.map(\.title) == expected.map(\.1))

        let section = try #require(T.slice(page, from: "<section class=\"upcoming\"", to: "</section>"))
        #expect(section.contains("<h2 id=\"upcoming\">Next 8 weeks</h2>"))
        let weeks = section.components(separatedBy: "<h3>").dropFirst().map { $0.components(separatedBy: "</h3>")[0] }
        #expect(weeks == ["Week of Monday 9 March 2026", "Week of Monday 16 March 2026", "Week of Monday 23 March 2026",
                          "Week of Monday 30 March 2026", "Week of Monday 6 April 2026", "Week of Monday 13 April 2026",
                          "Week of Monday 20 April 2026", "Week of Monday 27 April 2026"])
        // Each week's list holds the sessions of that week only.
        let secondWeek = try #require(T.slice(section, from: "<h3>Week of Monday 16 March 2026</h3>", to: "<h3>"))
        #expect(T.timeValues(secondWeek) == ["2026-03-17T11:00:00+00:00", "2026-03-18T15:00:00+00:00", "2026-03-19T11:00:00+00:00"])
    }

    @Test func sessionsShowAbbreviationsOffsetsAndLinkToTheirChapter() async throws {
        let book = try T.book(calls: Self.callsYAML)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-10")
        let page = try #require(T.file(built, "calendar.html"))
        let items = Self.upcomingItems(page)
        try #require(!items.isEmpty)
        for (time, title, item) in items {
            let link = try #require(BuildInspection.anchors(item).first, "\(title) at \(time) has no link")
            switch title {
            case "Collaboration Cafe": #expect(link.attributes["href"] == "coworking/cafe.html")
            case "Coworking call": #expect(link.attributes["href"] == "coworking/daily.html")
            case "Americas-friendly Cafe": #expect(link.attributes["href"] == "coworking/cafe.html#cafe-upcoming")
            default: Issue.record("unexpected session \(title)")
            }
            let offset = String(time.suffix(6))
            #expect(item.contains("<span class=\"utc-offset\">(UTC\(offset))</span>"), "\(time)")
            let abbreviation: String
            switch offset {
            case "+00:00": abbreviation = "GMT"
            case "+01:00": abbreviation = "BST"
            case "-04:00": abbreviation = "EDT"
            default: abbreviation = "EST"
            }
            #expect(item.contains(" \(abbreviation)</time>"), "\(time) should be shown in \(abbreviation)")
        }
        #expect(items.contains { $0.item.contains("Thursday 26 March 2026, 10:00–11:30 EDT</time>") })
        #expect(items.contains { $0.item.contains("Tuesday 24 March 2026, 11:00–12:00 GMT</time>") })
        #expect(items.contains { $0.item.contains("Tuesday 31 March 2026, 11:00–12:00 BST</time>") })
        #expect(items.contains { $0.item.contains("<span class=\"location\">Online</span>") })
    }

    /// The `<table>` of the month grid with caption id `id`.
    static func grid(_ html: String, _ id: String) -> String? {
        T.slice(html, from: "<table aria-labelledby=\"\(id)\">", to: "</table>")
    }

    @Test func theCalendarHasThreeMonthGrids() async throws {
        let book = try T.book(calls: Self.callsYAML)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-10")
        let page = try #require(T.file(built, "calendar.html"))
        let months = try #require(T.slice(page, from: "<section class=\"months\"", to: "</section>"))
        #expect(months.components(separatedBy: "<table").count - 1 == 3)
        let captions = months.components(separatedBy: "<caption").dropFirst().map {
            $0.components(separatedBy: ">")[1].components(separatedBy: "<")[0]
        }
        #expect(captions == ["March 2026", "April 2026", "May 2026"])

        // (id, days, blank cells before the 1st with Monday first, rows)
        for (id, days, leading, rows) in [("month-2026-03", 31, 6, 6), ("month-2026-04", 30, 2, 5), ("month-2026-05", 31, 4, 5)] {
            let table = try #require(Self.grid(months, id), "\(id)")
            let cells = table.components(separatedBy: "<td").dropFirst()
            #expect(cells.count == rows * 7, "\(id)")
            let numbers = cells.compactMap { cell -> Int? in
                guard let text = T.slice(cell, from: "<span class=\"day-number\">", to: "</span>") else { return nil }
                return Int(text.dropFirst("<span class=\"day-number\">".count))
            }
            #expect(numbers == Array(1...days), "\(id)")
            #expect(cells.prefix(leading).allSatisfy { !$0.contains("day-number") }, "\(id)")
            #expect(!cells.dropFirst(leading).first!.hasPrefix("></td>"), "\(id)")
        }
        // Today is marked.
        let march = try #require(Self.grid(months, "month-2026-03"))
        let today = march.components(separatedBy: "<td").filter { $0.contains("class=\"today\"") }
        #expect(today.count == 1)
        #expect(today.first?.contains("aria-current=\"date\"><span class=\"day-number\">10</span>") == true)
        // Sessions sit on their day, with the time and abbreviation, linked to the chapter.
        let april = try #require(Self.grid(months, "month-2026-04"))
        let april1 = try #require(april.components(separatedBy: "<td").first { $0.contains("<span class=\"day-number\">1</span>") })
        #expect(april1.contains("<time datetime=\"2026-04-01T15:00:00+01:00\""))
        #expect(april1.contains("15:00 BST</time> <a href=\"coworking/cafe.html\">Collaboration Cafe</a>"))
        #expect(!april1.contains("11:00"))   // skipped: the Cafe runs that day
        let march26 = try #require(march.components(separatedBy: "<td").first { $0.contains("<span class=\"day-number\">26</span>") })
        #expect(T.timeValues(march26) == ["2026-03-26T11:00:00+00:00", "2026-03-26T10:00:00-04:00"])
        #expect(march26.contains("10:00 EDT</time> <a href=\"coworking/cafe.html#cafe-upcoming\">Americas-friendly Cafe</a>"))
        // Every session of the three months is in the grids, and nothing else.
        let expected = Self.expectedSessions(from: "2026-03-01", through: "2026-05-31")
        #expect(Set(T.timeValues(months)) == Set(expected.map(\.0)))
        #expect(T.timeValues(months).count == expected.count)
    }

    @Test func cancelledSessionsAreMarkedInTheListAndTheGrids() async throws {
        let cafeCancelled = ["2026-04-01", "2026-05-06"]
        let coworkingCancelled = ["2026-03-11", "2026-03-12", "2026-03-17", "2026-03-24", "2026-03-26", "2026-04-07",
                                  "2026-04-09", "2026-04-22", "2026-04-28", "2026-05-12"]
        let calls = Self.callsYAML
            .replacingOccurrences(of: "    location: Online\n",
                                  with: "    location: Online\n    except: [\(cafeCancelled.joined(separator: ", "))]\n")
            .replacingOccurrences(of: "    skip_when: [cafe]\n",
                                  with: "    skip_when: [cafe]\n    except: [\(coworkingCancelled.joined(separator: ", "))]\n")
        let book = try T.book(calls: calls)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-03-10")
        #expect(T.describe(built).isEmpty, "\(T.describe(built))")
        let page = try #require(T.file(built, "calendar.html"))
        let items = Self.upcomingItems(page)
        // Cancelled sessions stay listed…
        let expected = Self.expectedSessions(from: "2026-03-10", through: "2026-05-04")
        let listed = Set(items.map(\.time))
        for day in coworkingCancelled where day <= "2026-05-04" {
            #expect(listed.contains { $0.hasPrefix(day + "T11:00") }, "\(day)")
        }
        #expect(items.allSatisfy { !$0.item.hasPrefix(" cancelled") || $0.item.contains("Cancelled") })
        // …and exactly the cancelled ones are marked, in the list and in the grids.
        let cancelledDays = Set(cafeCancelled + coworkingCancelled)
        let markedInList = items.filter { $0.item.hasPrefix(" cancelled\"") }.map { String($0.time.prefix(10)) }
        let months = try #require(T.slice(page, from: "<section class=\"months\"", to: "</section>"))
        let markedInGrids = months.components(separatedBy: "<li class=\"cancelled\">").dropFirst().compactMap {
            T.timeValues($0).first.map { String($0.prefix(10)) }
        }
        do {
            #expect(markedInList == cancelledDays.filter { $0 <= "2026-05-04" }.sorted())
            #expect(markedInGrids == cancelledDays.sorted())
            // On a cancelled Cafe day the morning call runs: it is not skipped.
            #expect(items.map(\.time) == expected.map(\.0).flatMap { time in
                time == "2026-04-01T15:00:00+01:00" ? ["2026-04-01T11:00:00+01:00", time] : [time]
            })
        }
        #expect(Set(markedInList).isSubset(of: cancelledDays))
        #expect(Set(markedInGrids).isSubset(of: cancelledDays))
    }
}
