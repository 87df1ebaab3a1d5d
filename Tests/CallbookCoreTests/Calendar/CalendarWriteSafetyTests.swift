@testable import CallbookCore
import Foundation
import Testing

/// What `calls.yml` may not do to the site or its feeds: a series id names a file
/// (`calls/<id>.ics`), so it must be a slug; text values are TEXT (RFC 5545 §3.3.11), which
/// excludes control characters other than HTAB, so none can start a line of its own.
@Suite struct CalendarWriteSafetyTests {
    typealias T = CalendarTesting

    static func calls(id: String, location: String = "Online") -> String {
        """
        timezone: Europe/London
        series:
          - id: \(id)
            title: Escaping call
            start: 2026-01-07 15:00
            duration: 1h
            repeat: FREQ=WEEKLY
            location: \(location)
          - id: coworking
            title: Coworking call
            start: 2026-01-06 11:00
            duration: 1h

        """
    }

    @Test(arguments: ["../../../x", "/tmp/x", "Cafe", "a b", "café", "x.y", "a/b"])
    func aSeriesIdThatIsNotASlugIsAnErrorAtItsPositionAndTheSeriesIsSkipped(_ id: String) async throws {
        let book = try T.book(calls: Self.calls(id: "'\(id)'"), listing: nil)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-01-01")

        let errors = BuildInspection.errors(built.diagnostics)
        #expect(errors.map(\.id) == ["calls-series-id"], "\(BuildInspection.describe(built.diagnostics))")
        #expect(errors.first?.description.hasPrefix("book/calls.yml:3:9: error: ") == true, "\(errors)")
        // The other series is still published; nothing named after the bad id is written anywhere.
        let files = BuildInspection.snapshot(built.output)
        #expect(files["calls/coworking.ics"] != nil)
        #expect(files.keys.filter { $0.hasPrefix("calls/") } == ["calls/coworking.ics"])
        #expect(BuildInspection.listing(book.root) == ["book", "site"])
        #expect(!FileManager.default.fileExists(atPath: book.root.deletingLastPathComponent().appendingPathComponent("x.ics").path))
        let feed = String(decoding: files["calls.ics"] ?? Data(), as: UTF8.self)
        #expect(!feed.contains("Escaping call"))
    }

    @Test func slugIdsAreAccepted() async throws {
        let book = try T.book(calls: Self.calls(id: "cafe-2026"), listing: nil)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-01-01")
        #expect(built.diagnostics.isEmpty, "\(BuildInspection.describe(built.diagnostics))")
        #expect(BuildInspection.snapshot(built.output)["calls/cafe-2026.ics"] != nil)
    }

    /// YAML double-quoted escapes put a bare CR, VT, FF, NUL, ESC and DEL in a value.
    @Test func controlCharactersNeverReachAFeedRaw() async throws {
        let location = #""x\rX-INJ:1\vY\fZ\0W\eV\x7FU\tT\r\nS\nR""#
        let book = try T.book(calls: Self.calls(id: "cafe", location: location), listing: nil)
        defer { book.remove() }
        let built = await T.build(book, today: "2026-01-01")
        #expect(built.diagnostics.isEmpty, "\(BuildInspection.describe(built.diagnostics))")

        for name in ["calls.ics", "calls/cafe.ics"] {
            let data = try #require(BuildInspection.snapshot(built.output)[name])
            let bytes = [UInt8](data)
            // Every CR starts a CRLF line end; no other control character but HTAB is left.
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x7F {
                if byte == 0x0D { #expect(bytes[safe: index + 1] == 0x0A, "\(name): bare CR at byte \(index)") }
                else if byte != 0x0A && byte != 0x09 { Issue.record("\(name): control byte \(byte) at \(index)") }
            }
            let lines = T.unfoldedLines(String(decoding: data, as: UTF8.self))
            #expect(!lines.contains { $0.hasPrefix("X-INJ") }, "\(name)")
            // Line breaks become \n, HTAB stays, the rest is dropped.
            #expect(T.line("LOCATION", in: lines) == "LOCATION:x\\nX-INJ:1YZWVU\tT\\nS\\nR", "\(name)")
        }
    }
}
