@testable import CallbookCore
import Foundation
import Testing

/// Helpers for the calendar suites: instants written as UTC text (so a failing comparison shows
/// readable times), schedules read from `calls.yml` text, and small books with a calendar built
/// with a fixed "today" and `DTSTAMP`.
enum CalendarTesting {
    static let utcZone = TimeZone(identifier: "UTC")!
    static let london = TimeZone(identifier: "Europe/London")!
    static let newYork = TimeZone(identifier: "America/New_York")!

    /// `2026-03-29T14:00:00Z`
    static func utc(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = utcZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func utc(_ dates: [Date]) -> [String] { dates.map { utc($0) } }

    /// Parses `2026-03-29T14:00:00Z` (or any offset).
    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { fatalError("bad instant in a test: \(text)") }
        return date
    }

    /// Wall-clock `year-month-day hour:minute` in `zone`.
    static func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0,
                      in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    static func gregorian(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// Expands `rule` from a local start in `zone` through a local end (inclusive), as UTC text.
    static func expand(_ rule: String, zone: TimeZone, start: Date, through end: Date) throws -> [String] {
        let parsed = try RRule(rule, zone: zone)
        return utc(parsed.occurrences(from: start, through: end, calendar: gregorian(zone)))
    }

    /// Reads `calls.yml` text; fails the test when it has diagnostics.
    static func configuration(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CallsConfiguration {
        let (configuration, diagnostics) = CallsFile.read(path: "calls.yml", text: yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
        return try #require(configuration, sourceLocation: sourceLocation)
    }

    /// Noon UTC of a `YYYY-MM-DD` day: what `--today` gives the build.
    static func day(_ text: String) -> Date {
        let parts = text.split(separator: "-").map { Int($0)! }
        return local(parts[0], parts[1], parts[2], 12, 0, in: utcZone)
    }

    /// 2026-01-01T00:00:00Z, as `SOURCE_DATE_EPOCH=1767225600`.
    static let stamp = Date(timeIntervalSince1970: 1_767_225_600)

    /// A finished build and the folder it wrote to.
    struct Built {
        var result: BuildResult
        var output: URL
        /// Warnings and errors; notes (such as `calls-no-base-url`, which every test book without
        /// `url:` gets) are in `result.diagnostics`.
        var diagnostics: [Diagnostic] { result.diagnostics.filter { $0.severity != .note } }
    }

    /// Builds `book` with a fixed today and stamp into `output` (default `<root>/site`).
    static func build(_ book: TemporaryBook, today: String, stamp: Date? = CalendarTesting.stamp,
                      output: URL? = nil) async -> Built {
        let folder = output ?? book.outside("site")
        let result = await Build.run(BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: folder,
                                                  themeDirectory: TemporaryBook.themeDirectory, today: day(today),
                                                  stamp: stamp))
        return Built(result: result, output: folder)
    }

    /// A book of three chapters: `index.md`, `coworking/cafe.md` (label `ch-cafe`, with a
    /// `{calls} <listing>` listing of `count` sessions and a section labelled `cafe-upcoming`) and
    /// `coworking/daily.md` (label `ch-daily`), plus `calls.yml`.
    static func book(calls: String, listing: String? = "cafe", count: Int? = 3) throws -> TemporaryBook {
        let book = try TemporaryBook()
        try book.write("myst.yml", """
            version: 1
            project:
              title: Calls Test Book
              toc:
                - file: index.md
                - file: coworking/cafe.md
                - file: coworking/daily.md

            """)
        try book.write("index.md", "# Home\n\nWelcome.\n")
        let countOption = count.map { ":count: \($0)\n" } ?? ""
        let directive = listing.map { "```{calls} \($0)\n" + countOption + "```\n" } ?? "No listing.\n"
        try book.write("coworking/cafe.md", """
            (ch-cafe)=
            # The Cafe

            Intro.

            (cafe-upcoming)=
            ## Upcoming sessions

            \(directive)

            After the listing.

            """)
        try book.write("coworking/daily.md", "(ch-daily)=\n# Daily coworking\n\nEvery weekday.\n")
        try book.write("calls.yml", calls)
        return book
    }

    /// The bytes of a file the build wrote (page or feed), or nil.
    static func data(_ built: Built, _ path: String) -> Data? {
        FileManager.default.contents(atPath: built.output.appendingPathComponent(path).path)
    }

    /// A file the build wrote (page or feed), as text, or nil.
    static func file(_ built: Built, _ path: String) -> String? {
        data(built, path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Content lines of a feed, unfolded (RFC 5545 §3.1). Works on octets: Swift's `String`
    /// compares grapheme clusters, and a folded line may start with a space followed by a
    /// combining scalar (a variation selector, a zero-width joiner), which is one `Character`.
    static func unfoldedLines(_ feed: String) -> [String] {
        physicalLines(Data(feed.utf8)).reduce(into: [[UInt8]]()) { lines, line in
            if line.first == 0x20, !lines.isEmpty { lines[lines.count - 1] += line.dropFirst() } else { lines.append(line) }
        }
        .filter { !$0.isEmpty }
        .map { String(decoding: $0, as: UTF8.self) }
    }

    /// The octets of each CRLF-terminated line (a final piece after the last CRLF is kept).
    static func physicalLines(_ data: Data) -> [[UInt8]] {
        let bytes = [UInt8](data)
        var lines: [[UInt8]] = [[]]
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append([])
                index += 2
            } else {
                lines[lines.count - 1].append(bytes[index])
                index += 1
            }
        }
        if lines.last == [] { lines.removeLast() }
        return lines
    }

    /// The unfolded lines of each VEVENT of a feed.
    static func events(_ feed: String) -> [[String]] {
        var events: [[String]] = []
        var current: [String]?
        for line in unfoldedLines(feed) {
            if line == "BEGIN:VEVENT" { current = [] } else if line == "END:VEVENT" {
                if let current { events.append(current) }
                current = nil
            } else { current?.append(line) }
        }
        return events
    }

    /// The value of the first `NAME:` or `NAME;…:` line of `lines`.
    static func value(_ name: String, in lines: [String]) -> String? {
        for line in lines where line.hasPrefix(name + ":") || line.hasPrefix(name + ";") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return String(line[line.index(after: colon)...])
        }
        return nil
    }

    /// The full line (with parameters) of the first `NAME` property.
    static func line(_ name: String, in lines: [String]) -> String? {
        lines.first { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") }
    }

    /// Every value of `attribute` in `<time …>` elements of `html`.
    static func timeValues(_ html: String) -> [String] {
        BuildInspection.attributeValues(html, tag: "time", attribute: "datetime")
    }

    /// The part of `html` between the first `start` marker and the next `end` marker after it.
    static func slice(_ html: String, from start: String, to end: String) -> String? {
        guard let open = html.range(of: start) else { return nil }
        guard let close = html.range(of: end, range: open.upperBound..<html.endIndex) else {
            return String(html[open.lowerBound...])
        }
        return String(html[open.lowerBound..<close.lowerBound])
    }

    static func describe(_ built: Built) -> String {
        BuildInspection.describe(built.diagnostics)
    }
}
