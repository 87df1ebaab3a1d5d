import CallbookCore
import Foundation
import Testing

/// A chapter or configuration file that is there but cannot be used says what is wrong,
/// rather than "does not exist" or nothing at all.
@Suite struct UnreadableFileTests {
    static let toc = "version: 1\nproject:\n  toc:\n    - file: index.md\n    - file: broken.md\n"

    @Test func aChapterThatIsAFolderSaysSo() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", Self.toc)
        try book.write("index.md", "# Home\n")
        try FileManager.default.createDirectory(at: book.directory.appendingPathComponent("broken.md"), withIntermediateDirectories: true)
        let (_, diagnostics) = try book.load()
        let error = try #require(diagnostics.first { $0.id == "toc-unreadable-file" }, "\(diagnostics)")
        #expect(error.severity == .error)
        #expect(error.message == "chapter 'book/broken.md' is a folder, not a file")
        #expect(error.range?.description == "book/myst.yml:5:7")
        #expect(!diagnostics.contains { $0.id == "toc-missing-file" })
    }

    /// A link loop (`broken.md -> broken.md`) exists but cannot be opened: the system's reason.
    @Test func aChapterThatCannotBeOpenedGivesTheReason() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", Self.toc)
        try book.write("index.md", "# Home\n")
        try FileManager.default.createSymbolicLink(atPath: book.directory.appendingPathComponent("broken.md").path,
                                                   withDestinationPath: "broken.md")
        let (_, diagnostics) = try book.load()
        let error = try #require(diagnostics.first { $0.id == "toc-unreadable-file" }, "\(diagnostics)")
        #expect(error.message == "chapter 'book/broken.md' cannot be read: too many levels of symbolic links")
    }

    /// Permissions only hold for a user other than root.
    @Test(.enabled(if: getuid() != 0)) func aChapterWithoutReadPermissionSaysSo() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", Self.toc)
        try book.write("index.md", "# Home\n")
        try book.write("broken.md", "# Secret\n")
        let path = book.directory.appendingPathComponent("broken.md").path
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        let (_, diagnostics) = try book.load()
        let error = try #require(diagnostics.first { $0.id == "toc-unreadable-file" }, "\(diagnostics)")
        #expect(error.message == "chapter 'book/broken.md' cannot be read: permission denied")
    }

    /// An empty configuration still builds (on defaults) and says so; one that is a list or a
    /// single value cannot be understood and stops the build.
    @Test(arguments: ["myst.yml", "_config.yml"])
    func anEmptyConfigurationIsAWarning(_ name: String) throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write(name, "\n# nothing here\n")
        try book.write("index.md", "# Home\n")
        let (loaded, diagnostics) = try book.load()
        #expect(loaded.chapters.map(\.path) == ["index.md"])
        #expect(diagnostics.map(\.id) == ["config-empty"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.range?.description == "book/\(name):1:1")
    }

    @Test(arguments: [("myst.yml", "- a\n- b\n", "a list"), ("myst.yml", "just text\n", "a single value"),
                      ("_config.yml", "- title: x\n", "a list")])
    func aConfigurationThatIsNotAMappingIsAnError(_ name: String, _ text: String, _ shape: String) throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write(name, text)
        try book.write("index.md", "# Home\n")
        let diagnostic = LoadErrorTests.thrownDiagnostic { _ = try book.load() }
        #expect(diagnostic?.id == "config-shape")
        #expect(diagnostic?.range?.description == "book/\(name):1:1")
        #expect(diagnostic?.message.hasSuffix("not \(shape)") == true, "\(String(describing: diagnostic))")
    }

    @Test func aProjectThatIsNotAMappingIsAnError() throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  - title: x\n")
        try book.write("index.md", "# Home\n")
        let diagnostic = LoadErrorTests.thrownDiagnostic { _ = try book.load() }
        #expect(diagnostic?.id == "config-shape")
        #expect(diagnostic?.range?.description == "book/myst.yml:3:3")
    }
}
