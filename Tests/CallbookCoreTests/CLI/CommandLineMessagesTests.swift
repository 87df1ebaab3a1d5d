@testable import callbook
import CallbookCore
import Foundation
import Testing

/// What the command line says, and where: the version, a mistyped command's suggestion,
/// summaries that agree in number, and diagnostics and summaries on standard error with JSON
/// diagnostics (data) on standard output.
@Suite(.tags(.slow), .skippedWhenFast) struct CommandLineMessagesTests {
    @Test func versionComesFromTheOneConstantAndNamesEveryPage() async throws {
        guard let binary = Maintainer.requireBinary() else { return }
        let run = try Maintainer.run(binary, ["--version"], in: FileManager.default.temporaryDirectory)
        #expect(run.stdout == CallbookVersion.current + "\n")
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        let result = await book.build()
        #expect(BuildInspection.page(result, "index.html")?.contains(#"<meta name="generator" content="callbook \#(CallbookVersion.current)">"#) == true)
    }

    @Test func aMistypedCommandGetsTheNearestName() throws {
        #expect(Callbook.unknownCommand("biuld") == "unknown command 'biuld'; did you mean 'build'? (commands: build, serve, check, init, ast, html)")
        #expect(Callbook.unknownCommand("chek")?.contains("did you mean 'check'?") == true)
        #expect(Callbook.unknownCommand("zzzzzz")?.contains("did you mean") == false)
        #expect(Callbook.unknownCommand("build") == nil)
        #expect(Callbook.unknownCommand("--strict") == nil)
        guard let binary = Maintainer.requireBinary() else { return }
        let run = try Maintainer.run(binary, ["biuld"], in: FileManager.default.temporaryDirectory)
        #expect(run.status == 64)
        #expect(run.stderr.contains("did you mean 'build'?"))
    }

    @Test func summariesAgreeInNumberAndGoToStandardError() throws {
        guard let binary = Maintainer.requireBinary() else { return }
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n\n![A plan](missing.png)\n")
        let run = try Maintainer.run(binary, ["build", "book", "--output", "site", "--no-cache"], in: book.root)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty, "stdout: \(run.stdout)")
        #expect(run.stderr.contains("Built site/: 1 page, 1 warning, 0 errors in "), "stderr: \(run.stderr)")
        let check = try Maintainer.run(binary, ["check", "book"], in: book.root)
        #expect(check.stdout.isEmpty)
        #expect(check.stderr.contains("Check passed: 1 page checked: 1 warning, 0 errors"), "stderr: \(check.stderr)")
    }

    @Test func aChapterFileThatCannotBeReadIsNamedAsABookFolderThatDoesNotExistIs() throws {
        guard let binary = Maintainer.requireBinary() else { return }
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n")
        let missingBook = try Maintainer.run(binary, ["build", "nobook", "--output", "site"], in: book.root)
        for command in ["ast", "html"] {
            let missing = try Maintainer.run(binary, [command, "nofile.md"], in: book.root)
            #expect(missing.status == missingBook.status && missing.status == 1, "\(command): \(missing.status), stderr: \(missing.stderr)")
            #expect(missing.stderr == "callbook: error: cannot read the chapter: 'nofile.md' does not exist [input-unreadable]\n",
                    "\(command): \(missing.stderr)")
            #expect(missing.stdout.isEmpty)
            let folder = try Maintainer.run(binary, [command, "book"], in: book.root)
            #expect(folder.status == 1)
            #expect(folder.stderr.contains("'book' is a folder, not a file [input-unreadable]"), "\(command): \(folder.stderr)")
        }
    }

    @Test func jsonDiagnosticsAreDataOnStandardOutput() throws {
        guard let binary = Maintainer.requireBinary() else { return }
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Home\n\n![A plan](missing.png)\n")
        let run = try Maintainer.run(binary, ["check", "book", "--diagnostics", "json"], in: book.root)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["file"] as? String == "book/index.md")
        #expect(object["line"] as? Int == 3)
        #expect(object["severity"] as? String == "warning")
        #expect(object["id"] as? String == "image-missing")
        #expect(!run.stderr.contains("image-missing"))
        let github = try Maintainer.run(binary, ["check", "book", "--diagnostics", "github"], in: book.root)
        #expect(github.stderr.contains("::warning file=book/index.md,line=3,col=1,"), "stderr: \(github.stderr)")
    }
}
