import CallbookCore
import Foundation
import Testing

/// `callbook init DIR`: a new book that builds with `--strict` as it is, and a clear refusal
/// to write into a folder that has files.
@Suite("callbook init", .tags(.slow), .skippedWhenFast)
struct InitCommandTests {
    static func scratch() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("callbook-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    static func strictBuild(_ book: URL, output: URL, today: Date) async -> BuildResult {
        await Build.run(BuildOptions(bookDirectory: book, displayRoot: book.lastPathComponent, output: output,
                                     themeDirectory: TemporaryBook.themeDirectory, strict: true, today: today))
    }

    @Test("init writes a book that builds with strict: true without a single warning or error (a note says the site has no address yet)")
    func newBookBuildsStrictly() async throws {
        guard let binary = Maintainer.requireBinary("(callbook init)") else { return }
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Maintainer.run(binary, ["init", "handbook"], in: root)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("Created handbook/."), "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty, "stdout: \(run.stdout)")
        let book = root.appendingPathComponent("handbook")
        for file in ["myst.yml", "index.md", "calls.yml"] {
            #expect(FileManager.default.fileExists(atPath: book.appendingPathComponent(file).path), "init did not write \(file)")
        }
        // Before the first session and long after it: no diagnostics either way.
        for (name, today) in [("before", Maintainer.today), ("after", Maintainer.day("2031-06-01"))] {
            let output = root.appendingPathComponent("site-\(name)")
            let result = await Self.strictBuild(book, output: output, today: today)
            #expect(BuildInspection.problems(result.diagnostics).isEmpty, "\(name): \(BuildInspection.describe(result.diagnostics))")
            #expect(result.diagnostics.map(\.id) == ["calls-no-base-url"])
            #expect(result.wroteSite && !result.failed)
            #expect(result.pageCount == 2)
            for file in ["index.html", "calls/weekly.html", "calendar.html", "calls.ics", "calls/weekly.ics", "figures/hour.svg"] {
                #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), "\(name): no \(file) in the site")
            }
            let weekly = try String(contentsOf: output.appendingPathComponent("calls/weekly.html"), encoding: .utf8)
            #expect(weekly.contains("<time datetime="), "\(name): the {calls} listing shows no session")
        }
    }

    @Test("the title is quoted safely in myst.yml")
    func titleWithYAMLCharacters() async throws {
        guard let binary = Maintainer.requireBinary("(callbook init --title)") else { return }
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let title = #"Calls: "ours" \ #1 & <friends>"#
        let run = try Maintainer.run(binary, ["init", "book", "--title", title], in: root)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let result = await Self.strictBuild(root.appendingPathComponent("book"), output: root.appendingPathComponent("site"),
                                            today: Maintainer.today)
        #expect(BuildInspection.problems(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.resolved?.book.title == title)
    }

    @Test("init into an existing empty folder works")
    func emptyFolder() throws {
        guard let binary = Maintainer.requireBinary("(callbook init)") else { return }
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let run = try Maintainer.run(binary, ["init", "empty"], in: root)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("empty/myst.yml").path))
    }

    @Test("init into a folder with files (even only hidden ones) fails with exit 1, a clear message, and writes nothing",
          arguments: ["notes.md", ".git"])
    func nonEmptyFolder(existing: String) throws {
        guard let binary = Maintainer.requireBinary("(callbook init)") else { return }
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("keep me\n".utf8).write(to: folder.appendingPathComponent(existing))
        let before = Maintainer.files(folder)
        let run = try Maintainer.run(binary, ["init", "taken"], in: root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("taken") && run.stderr.contains("already has files"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("error"), "stderr: \(run.stderr)")
        #expect(!run.stdout.contains("Created"), "stdout: \(run.stdout)")
        #expect(Maintainer.files(folder) == before, "init wrote into a folder that had files")
    }

    @Test("init onto an existing regular file fails with exit 1 and a message naming it")
    func regularFile() throws {
        guard let binary = Maintainer.requireBinary("(callbook init)") else { return }
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("not a folder\n".utf8).write(to: root.appendingPathComponent("file.txt"))
        let run = try Maintainer.run(binary, ["init", "file.txt"], in: root)
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("file.txt"), "stderr: \(run.stderr)")
        do {
            #expect(run.stderr.hasPrefix("callbook: error: "), "stderr: \(run.stderr)")
            #expect(!run.stderr.contains("NSCocoaErrorDomain"), "stderr: \(run.stderr)")
        }
        #expect(try String(contentsOf: root.appendingPathComponent("file.txt"), encoding: .utf8) == "not a folder\n")
    }
}
