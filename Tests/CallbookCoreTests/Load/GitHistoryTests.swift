@testable import CallbookCore
import Foundation
import Testing

/// "Last updated" on each page: the day of its file's last commit, from one `git log`.
@Suite struct GitHistoryTests {
    /// Runs git in `folder` with a fixed author and, when given, commit date.
    static func git(_ arguments: [String], in folder: URL, date: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = "A"; environment["GIT_AUTHOR_EMAIL"] = "a@example.org"
        environment["GIT_COMMITTER_NAME"] = "A"; environment["GIT_COMMITTER_EMAIL"] = "a@example.org"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"; environment["GIT_CONFIG_NOSYSTEM"] = "1"
        if let date { environment["GIT_AUTHOR_DATE"] = date; environment["GIT_COMMITTER_DATE"] = date }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
    }

    @Test func pagesShowTheDayOfTheirFilesLastCommitInUTC() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Dated\n  toc:\n    - file: index.md\n    - file: a/two.md\n    - file: three.md\n")
        try book.write("index.md", "# Home\n")
        try book.write("a/two.md", "# Two\n")
        try book.write("three.md", "# Three\n")
        try Self.git(["init", "-q"], in: book.root)
        try Self.git(["add", "book/myst.yml", "book/index.md", "book/a/two.md"], in: book.root)
        try Self.git(["commit", "-q", "-m", "first"], in: book.root, date: "2025-03-04T10:00:00Z")
        try book.write("a/two.md", "# Two, again\n")
        try Self.git(["commit", "-q", "-am", "second"], in: book.root, date: "2026-01-15T23:30:00-05:00")

        let result = await book.build()
        // 10:00 UTC on 4 March 2025; 23:30 at −5:00 on 15 January is 04:30 UTC on the 16th.
        #expect(BuildInspection.page(result, "index.html")?.contains(#"Last updated <time datetime="2025-03-04">4 March 2025</time>"#) == true)
        #expect(BuildInspection.page(result, "a/two.html")?.contains(#"Last updated <time datetime="2026-01-16">16 January 2026</time>"#) == true)
        // Never committed: no date rather than a guess.
        #expect(BuildInspection.page(result, "three.html")?.contains("Last updated") == false)
    }

    @Test func aBookOutsideAGitRepositoryShowsNoDates() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        try book.write("myst.yml", "version: 1\nproject:\n  title: Undated\n  toc:\n    - file: index.md\n")
        let result = await book.build()
        #expect(BuildInspection.page(result, "index.html")?.contains("Last updated") == false)
    }

    @Test func theFirstCommitListedForAPathIsItsLast() {
        let log = "\u{0}200\na.md\n\n\u{0}100\na.md\nb c.md\n"
        let dates = GitHistory.parse(log)
        #expect(dates == ["a.md": Date(timeIntervalSince1970: 200), "b c.md": Date(timeIntervalSince1970: 100)])
    }
}
