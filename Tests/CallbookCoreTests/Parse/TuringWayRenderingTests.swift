@testable import CallbookCore
import Foundation
import Testing

/// The Turing Way (478 chapters) through the MyST layer: no crash, no unknown directive or role
/// (`bibliography`, the `cite…` roles and `curation` are built), and every pipe table and every figure written in the sources becomes a table and a
/// figure in the pages. The sources are counted independently, line by line, outside code fences.
@Suite(.tags(.slow), .skippedWhenFast) struct TuringWayRenderingTests {
    struct SourceCounts {
        var tables = 0
        var figures = 0
    }

    /// Counts delimiter rows (`|---|:--:|`) and `{figure}` fences outside code fences and HTML
    /// comments (which hide what they hold).
    static func count(_ text: String) -> SourceCounts {
        var counts = SourceCounts()
        var fence: (Character, Int)?
        var previous = ""
        var inComment = false
        for raw in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if inComment {
                if line.contains("-->") { inComment = false }
                continue
            }
            if fence == nil, line.hasPrefix("<!--") {
                inComment = !line.contains("-->")
                continue
            }
            let marker = line.first.flatMap { "`~".contains($0) ? $0 : nil }
            let run = marker.map { m in line.prefix { $0 == m }.count } ?? 0
            if let open = fence {
                if marker == open.0 && run >= open.1 && line.dropFirst(run).trimmingCharacters(in: .whitespaces).isEmpty { fence = nil }
                previous = line
                continue
            }
            if let marker, run >= 3 {
                if line.dropFirst(run).hasPrefix("{figure}") { counts.figures += 1 }
                fence = (marker, run)
                previous = line
                continue
            }
            if line.hasPrefix(":::") && line.drop(while: { $0 == ":" }).trimmingCharacters(in: .whitespaces).hasPrefix("{figure}") {
                counts.figures += 1
            }
            let isDelimiter = line.contains("-") && line.contains("|")
                && line.allSatisfy { "|:- \t".contains($0) }
            if isDelimiter && previous.contains("|") { counts.tables += 1 }
            previous = line
        }
        return counts
    }

    @Test(.enabled(if: SharedData.isAvailable))
    func everyTableAndFigureRenders() async throws {
        let folder = try SharedData.path("corpus/turing-way/website")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("callbook-tw-\(UUID().uuidString)/site")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        let result = await Build.run(BuildOptions(bookDirectory: folder, displayRoot: "website", output: output,
                                                  themeDirectory: SharedData.packageRoot.appendingPathComponent("templates"),
                                                  today: Date(timeIntervalSince1970: 1_795_000_000)))
        let (book, _) = try BookLoader(directory: folder, displayRoot: "website").load()

        // No directive or role is unknown, and citations are built.
        let unknown = result.diagnostics.filter { ["unknown-directive", "unknown-role", "citations-unsupported"].contains($0.id) }
        #expect(unknown.isEmpty, "\(unknown.map(\.description))")
        #expect(!result.diagnostics.contains { $0.id == "cmark-unknown-node" })

        var expected = SourceCounts()
        var missing: [String] = []
        for chapter in book.chapters {
            let counts = Self.count(chapter.text)
            expected.tables += counts.tables
            expected.figures += counts.figures
            let page = BookPaths.pagePath(forChapter: chapter.path)
            let html = result.site?.pages.first { $0.path == page }?.contents ?? ""
            let tables = html.components(separatedBy: "<table").count - 1
            let figures = html.components(separatedBy: "<figure").dropFirst()
                .filter { tag in let open = tag.prefix { $0 != ">" }; return open.contains("figure-container") && !open.contains("iframe") }.count
            if tables < counts.tables || figures != counts.figures {
                missing.append("\(chapter.path): \(counts.tables) tables and \(counts.figures) figures in the source, \(tables) and \(figures) in the page")
            }
        }
        print("Turing Way: \(expected.tables) pipe tables and \(expected.figures) figures in the sources")
        #expect(expected.tables > 20)
        #expect(expected.figures > 100)
        #expect(missing.isEmpty, "\(missing.joined(separator: "\n"))")
    }
}
