import CallbookCore
import Foundation
import Testing

/// `--jobs`: a build on one thread and on several writes the same bytes and reports the same
/// diagnostics in the same order.
@Suite(.tags(.slow), .skippedWhenFast)
struct ParallelBuildTests {
    static func compare(_ book: URL, displayRoot: String, scratch: URL) async throws {
        var results: [BuildResult] = []
        for jobs in [1, 4] {
            var options = BuildOptions(bookDirectory: book, displayRoot: displayRoot,
                                       output: scratch.appendingPathComponent("site-\(jobs)"),
                                       themeDirectory: TemporaryBook.themeDirectory, today: Maintainer.day("2026-12-01"))
            options.jobs = jobs
            results.append(await Build.run(options))
        }
        #expect(results.allSatisfy { $0.wroteSite })
        #expect(results[0].diagnostics == results[1].diagnostics)
        #expect(!results[0].diagnostics.isEmpty || displayRoot == "maintainer")
        let differences = Maintainer.differences(scratch.appendingPathComponent("site-4"), scratch.appendingPathComponent("site-1"))
        #expect(differences.isEmpty, "\(differences.prefix(10).joined(separator: "\n"))")
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
