import CallbookCore
import Foundation
import Testing

/// Issue 13's budget for search on The Turing Way: what a first search downloads (the search
/// script and `_static/search-index.js`) stays at most 1.3 MB; the sections' text for snippets
/// is in separate chunks, fetched only for the results shown.
@Suite(.enabled(if: SharedData.isAvailable), .tags(.slow), .skippedWhenFast)
struct SearchIndexBudgetTests {
    @Test func firstSearchDownloadOfTheTuringWayStaysWithinOnePointThreeMegabytes() async throws {
        let folder = try SharedData.path("corpus/turing-way/website")
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("callbook-search-budget-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("site")
        let result = await Build.run(BuildOptions(bookDirectory: folder, displayRoot: "website", output: output,
                                                  themeDirectory: TemporaryBook.themeDirectory))
        #expect(result.wroteSite)
        #expect(result.pageCount == 478)
        func size(_ path: String) throws -> Int {
            let attributes = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)
            return try #require(attributes[.size] as? Int)
        }
        let first = try size("_static/search-index.js") + size("_static/search.js")
        #expect(first <= 1_300_000, "first search download: \(first) bytes")
        // The text for snippets is elsewhere, in chunks.
        let chunks = BuildInspection.listing(output.appendingPathComponent("_static/search"))
        #expect(chunks.count > 10, "\(chunks.count) text chunks")
        #expect(chunks.allSatisfy { $0.hasPrefix("text-") && $0.hasSuffix(".js") })
    }
}
