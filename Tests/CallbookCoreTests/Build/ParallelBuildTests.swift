import CallbookCore
import Foundation
import Testing

/// `--jobs`: a build on one thread and on several writes the same bytes and reports the same
/// diagnostics in the same order; so does a build that writes each page as it is rendered, as
/// the command line does (`handsPagesOn`), keeping none of them.
@Suite(.tags(.slow), .skippedWhenFast)
struct ParallelBuildTests {
    static func compare(_ book: URL, displayRoot: String, scratch: URL) async throws {
        var results: [BuildResult] = []
        for (jobs, handsPagesOn) in [(1, false), (4, false), (4, true)] {
            var options = BuildOptions(bookDirectory: book, displayRoot: displayRoot,
                                       output: scratch.appendingPathComponent("site-\(jobs)\(handsPagesOn ? "-handed" : "")"),
                                       themeDirectory: TemporaryBook.themeDirectory, today: Maintainer.day("2026-12-01"))
            options.jobs = jobs
            options.handsPagesOn = handsPagesOn
            results.append(await Build.run(options))
        }
        #expect(results.allSatisfy { $0.wroteSite })
        #expect(results[0].diagnostics == results[1].diagnostics)
        #expect(results[0].diagnostics == results[2].diagnostics)
        #expect(!results[0].diagnostics.isEmpty || displayRoot == "maintainer")
        // Handed on, the chapter pages are written but not kept.
        let chapterPages = results[0].pageCount
        #expect(results[2].site?.handedOn.count == chapterPages)
        #expect((results[2].site?.pages.count ?? 0) <= 1)  // at most the index redirect
        for site in ["site-4", "site-4-handed"] {
            let differences = Maintainer.differences(scratch.appendingPathComponent(site), scratch.appendingPathComponent("site-1"))
            #expect(differences.isEmpty, "\(site): \(differences.prefix(10).joined(separator: "\n"))")
        }
        // Nothing is left beside the output.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(Maintainer.files(scratch.appendingPathComponent("site-1")).count > 10)
    }

    @Test func oneJobAndFourWriteTheSameSite() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        try await Self.compare(book.directory, displayRoot: "maintainer", scratch: book.outside("jobs"))
    }

    @Test(.enabled(if: SharedData.isAvailable))
    func oneJobAndFourWriteTheSameTuringWay() async throws {
        let folder = try SharedData.path("corpus/turing-way/website")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("callbook-jobs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try await Self.compare(folder, displayRoot: "website", scratch: scratch)
    }
}

/// `Parallel.map(taking:)` hands each item over: the array no longer holds an item once its
/// work has started, so an item the work drops is freed before the map ends.
struct ParallelHandOverTests {
    final class Tree: Sendable {
        let number: Int
        init(_ number: Int) { self.number = number }
    }

    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var freedBeforeTheEnd: [Int: Bool] = [:]
        func record(_ number: Int, freed: Bool) { lock.withLock { freedBeforeTheEnd[number] = freed } }
        var all: [Int: Bool] { lock.withLock { freedBeforeTheEnd } }
    }

    @Test(arguments: [1, 2])
    func eachItemGoesWhenItsWorkDropsIt(jobs: Int) async {
        let seen = Seen()
        @Sendable func work(_ tree: consuming Tree) -> Int {
            weak var watched = tree
            let number = tree.number
            _ = consume tree
            seen.record(number, freed: watched == nil)
            return number * 10
        }
        let numbers = await Parallel.$jobs.withValue(jobs) {
            await Parallel.map(taking: (0..<6).map(Tree.init), work)
        }
        #expect(numbers == [0, 10, 20, 30, 40, 50])
        #expect(seen.all == Dictionary(uniqueKeysWithValues: (0..<6).map { ($0, true) }))
    }
}
