@testable import CallbookCore
import Foundation
import Testing

/// The Markdown files read ahead while the configuration is read: the load takes the texts it
/// would have read, and only the files it takes are inputs of the build.
@Suite struct ReadAheadTests {
    @Test func takenTextsAreTheFilesTextsAndOnlyTheyAreLogged() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("a.md", "# A\n")
        try book.write("sub/b.md", "# B ünïcode\n")
        try book.write("sub/c.md", "# C, never taken\n")
        try book.write("bad.md", bytes: Data([0x23, 0x20, 0xFF, 0x0A]))
        let files = BookFileReader(near: book.directory)
        let ahead = ReadAhead(["a.md", "sub/b.md", "sub/c.md", "bad.md", "gone.md"], in: book.directory, files: files)
        ahead.readOn()  // this thread reads whatever the reading thread has not: every path is read
        ahead.finish()
        #expect(files.inputs.all.isEmpty, "reading ahead logged \(files.inputs.all.keys.sorted())")

        let inputs = InputLog()
        #expect(try ahead.take("a.md", into: inputs)?.get() == "# A\n")
        #expect(try ahead.take("sub/b.md", into: inputs)?.get() == "# B ünïcode\n")
        guard case .failure(.notUTF8)? = ahead.take("bad.md", into: inputs) else {
            Issue.record("bad.md is not UTF-8 and should fail as reading it does")
            return
        }
        guard case .failure(.missing)? = ahead.take("gone.md", into: inputs) else {
            Issue.record("gone.md does not exist and should fail as reading it does")
            return
        }
        #expect(ahead.take("never-listed.md", into: inputs) == nil)
        #expect(ahead.take("a.md", into: inputs) == nil, "a text is taken once")
        let logged = Set(inputs.all.keys.map { URL(fileURLWithPath: $0).lastPathComponent })
        #expect(logged == ["a.md", "b.md", "bad.md", "gone.md"])
    }

    /// A file the table of contents leaves out is read ahead on a clean build, but editing it
    /// does not make the next build rebuild: it is no input (only the folder's names are).
    @Test(.tags(.slow), .skippedWhenFast) func aFileLeftOutOfTheTableOfContentsIsNoInput() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        try book.write("two/stray.md", "# Stray\n")
        let site = book.outside("site")
        var options = book.options(output: site, cache: true)
        options.jobs = 2
        let first = await Build.run(options)
        #expect(first.wroteSite && first.diagnostics.map(\.id).contains("toc-unlisted-files"))
        try book.write("two/stray.md", "# Stray, edited at length\n")
        let second = await Build.run(options)
        #expect(second.upToDate, "editing a file no chapter is made of rebuilt the site")
        try book.edit("one/beta.md", "Beta follows", "Beta comes after")
        #expect(!(await Build.run(options)).upToDate, "editing a chapter did not rebuild")
    }
}
