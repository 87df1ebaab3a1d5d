import CallbookCore
import Foundation
import Testing

/// One way to exit, with the statuses the README's table gives: 64 only for a command line that
/// is not understood; 1 for what a command found (a file it cannot read, a file that is not a
/// chapter of its book, a folder `init` cannot use); 0 for success, also for `init`.
@Suite(.tags(.slow), .skippedWhenFast) struct ExitStatusTests {
    @Test func aDayThatDoesNotExistIsABadCommandLineForBuildAndServeAlike() throws {
        guard let binary = Maintainer.requireBinary() else { return }
        let folder = FileManager.default.temporaryDirectory
        for command in ["build", "serve"] {
            let run = try Maintainer.run(binary, [command, "--today", "2026-02-30"], in: folder)
            #expect(run.status == 64, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("--today '2026-02-30' is not a date of the form YYYY-MM-DD"), "\(command): \(run.stderr)")
        }
        let stdin = try Maintainer.run(binary, ["ast", "-", "--resolved"], in: folder)
        #expect(stdin.status == 64, "\(stdin.stderr)")
    }

    @Test func aFileTheCommandCannotUseFailsWithStatusOne() throws {
        guard let binary = Maintainer.requireBinary() else { return }
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  toc:\n    - file: index.md\n")
        try book.write("index.md", "# Home\n")
        try book.write("notes.md", "# Notes\n")
        for command in ["ast", "html"] {
            let run = try Maintainer.run(binary, [command, "book/missing.md"], in: book.root)
            #expect(run.status == 1, "\(command): \(run.stderr)")
            #expect(run.stderr == "callbook: error: cannot read the chapter: 'book/missing.md' does not exist [input-unreadable]\n", "\(command): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        let notChapter = try Maintainer.run(binary, ["ast", "--resolved", "book/notes.md"], in: book.root)
        #expect(notChapter.status == 1, "\(notChapter.stderr)")
        #expect(notChapter.stderr.contains("is not a chapter of the book in"), "\(notChapter.stderr)")
        #expect(notChapter.stdout.isEmpty)
        let chapter = try Maintainer.run(binary, ["ast", "--resolved", "book/index.md"], in: book.root)
        #expect(chapter.status == 0, "\(chapter.stderr)")
        #expect(chapter.stdout.contains(#""type": "heading""#))
    }

    @Test func initSucceedsWithZeroAndRefusesAFolderInUseWithOne() throws {
        guard let binary = Maintainer.requireBinary() else { return }
        let book = try TemporaryBook()
        defer { book.remove() }
        let created = try Maintainer.run(binary, ["init", "fresh"], in: book.root)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.hasPrefix("Created fresh/."), "\(created.stderr)")
        #expect(created.stdout.isEmpty)
        try book.write("index.md", "# Home\n")
        let refused = try Maintainer.run(binary, ["init", "book"], in: book.root)
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
    }
}
