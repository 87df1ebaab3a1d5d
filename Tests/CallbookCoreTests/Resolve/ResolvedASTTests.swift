@testable import CallbookCore
@testable import callbook
import Foundation
import Testing

/// `callbook ast --resolved`: the chapter's mdast after the Resolve stage, where every
/// `crossReference` carries the relative `url` and the `html_id` it was bound to. Checked
/// through the library (what the command prints) and by running the built command.
@Suite(.tags(.slow), .skippedWhenFast) struct ResolvedASTTests {
    static func makeBook() throws -> TemporaryBook {
        try ResolveFixture.book(toc: ["index.md", "a/alpha.md", "b/deep/gamma.md"], files: [
            "index.md": "# Home\n",
            "a/alpha.md": "(alpha-page)=\n# Alpha\n\n(alpha-section)=\n## Section\n\n```{math}\n:label: eq-alpha\nx = 1\n```\n",
            "b/deep/gamma.md": """
                # Gamma

                {ref}`alpha-section`, {ref}`alpha-page`, {eq}`eq-alpha`, [](#alpha-section) and {ref}`alpha-sectoin`.

                """,
        ])
    }

    /// Every object in the JSON tree whose `type` is `type`, in document order.
    static func nodes(_ type: String, in value: Any) -> [[String: Any]] {
        var found: [[String: Any]] = []
        if let object = value as? [String: Any] {
            if object["type"] as? String == type { found.append(object) }
            for key in object.keys.sorted() where key == "children" {
                found += nodes(type, in: object[key] as Any)
            }
        } else if let array = value as? [Any] {
            for element in array { found += nodes(type, in: element) }
        }
        return found
    }

    static func check(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let tree = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let references = nodes("crossReference", in: tree)
        #expect(references.count == 4, sourceLocation: sourceLocation)
        let summary = references.map { "\($0["kind"] as? String ?? "") \($0["url"] as? String ?? "-") \($0["html_id"] as? String ?? "-")" }
        #expect(summary == [
            "ref ../../a/alpha.html#alpha-section alpha-section",
            "ref ../../a/alpha.html -",
            "eq ../../a/alpha.html#eq-alpha eq-alpha",
            "ref - -",
        ], sourceLocation: sourceLocation)
        // Markdown links to labels are bound in place.
        let links = nodes("link", in: tree)
        #expect(links.compactMap { $0["url"] as? String } == ["../../a/alpha.html#alpha-section"], sourceLocation: sourceLocation)
    }

    @Test func resolvedTreesCarryURLsAndHTMLIDs() async throws {
        let book = try Self.makeBook()
        defer { book.remove() }
        let resolved = try await ResolveFixture.resolve(book)
        let gamma = try #require(resolved.chapter("b/deep/gamma.md"))
        let json = MdastJSON().encode(gamma.document)
        #expect(json.contains(#""type": "crossReference""#))
        #expect(json.contains(#""url": "../../a/alpha.html#alpha-section""#))
        #expect(json.contains(#""html_id": "alpha-section""#))
        try Self.check(json)
        try Self.check(MdastJSON(includePositions: false).encode(gamma.document))

        // Before the Resolve stage the same references have no url.
        let (loaded, _) = try book.load()
        let parsed = await ChapterParser(files: loaded.files).parse(loaded.chapters)
        let unresolved = try #require(parsed.first { $0.path == "b/deep/gamma.md" })
        let tree = try JSONSerialization.jsonObject(with: Data(MdastJSON().encode(unresolved.document).utf8))
        #expect(Self.nodes("crossReference", in: tree).allSatisfy { $0["url"] == nil })
    }

    @Test func theCommandFindsTheBookAroundTheFile() throws {
        let book = try Self.makeBook()
        defer { book.remove() }
        let file = book.directory.appendingPathComponent("b/deep/gamma.md")
        #expect(BookFinder.root(containing: file).standardizedFileURL.path == book.directory.standardizedFileURL.path)
        #expect(throws: (any Error).self) { try ASTCommand.parseAsRoot(["--resolved", "-"]) }
        let command = try #require(try ASTCommand.parseAsRoot(["--resolved", file.path]) as? ASTCommand)
        #expect(command.resolved)
    }

    /// The built `callbook` next to the test bundle (SwiftPM builds it with the tests).
    static var executable: URL? {
        var folders: [URL] = []
        if let main = Bundle.main.executableURL { folders.append(main.deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(SharedData.packageRoot.appendingPathComponent(".build/debug"))
        return folders.map { $0.appendingPathComponent("callbook") }.first { url in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && !isFolder.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }
    }

    @Test(.enabled(if: executable != nil, "the callbook executable is not built"))
    func theCommandPrintsTheResolvedTree() throws {
        let book = try Self.makeBook()
        defer { book.remove() }
        let file = book.directory.appendingPathComponent("b/deep/gamma.md")
        let executable: URL = try #require(Self.executable)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["ast", "--resolved", "--no-positions", file.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let warnings = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 0, "\(warnings)")
        try Self.check(String(decoding: printed, as: UTF8.self))
        // The chapter's own diagnostics go to standard error, with the suggestion.
        #expect(warnings.contains("gamma.md:3:"), "\(warnings)")
        #expect(warnings.contains("did you mean 'alpha-section'"), "\(warnings)")
        #expect(warnings.contains("[reference-unresolved]"), "\(warnings)")
    }
}
