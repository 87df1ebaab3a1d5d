import CallbookCore
import Foundation
import Testing

/// `include`: files written to a temporary folder, parsed in place with their own positions.
@Suite struct MystLayerIncludeTests {
    /// Writes `files` (relative path → text) to a fresh folder, parses `chapter` from it.
    static func parse(_ chapter: String, files: [String: String]) throws -> (Document, [Diagnostic]) {
        let folder = try MystLayer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in files { try MystLayer.write(text, to: folder.appendingPathComponent(path)) }
        let url = folder.appendingPathComponent(chapter)
        let text = try String(contentsOf: url, encoding: .utf8)
        return MystParser(file: chapter, sourceURL: url, files: BookFileReader(near: url.deletingLastPathComponent())).parse(text)
    }

    @Test func markdownIsIncludedInPlaceWithItsOwnPositions() throws {
        let (doc, diagnostics) = try Self.parse("main.md", files: [
            "main.md": "# Main\n\n```{include} parts/child.md\n```\n\nAfter.\n",
            "parts/child.md": "Child line one.\n\nChild *two* at line 3.\n",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let (include, includeBlock) = try #require(MystLayer.directive("include", in: doc))
        #expect(includeBlock.range?.file == "main.md")
        #expect(includeBlock.range?.start.line == 3)
        #expect(include.argument == "parts/child.md")
        #expect(include.children.count == 2)
        #expect(include.children.map(MystLayer.tree) == [
            #"{"type":"paragraph","children":[{"type":"text","value":"Child line one."}]}"#,
            #"{"type":"paragraph","children":[{"type":"text","value":"Child "},{"type":"emphasis","children":[{"type":"text","value":"two"}]},{"type":"text","value":" at line 3."}]}"#,
        ])
        // Positions of the included nodes are in the included file.
        #expect(include.children.map { $0.range?.file } == ["parts/child.md", "parts/child.md"])
        #expect(include.children.map { $0.range?.start.line } == [1, 3])
        let two = try #require(MystLayer.allInlines(doc).first { $0.plainText == "two" && { if case .text = $0.kind { return true }; return false }($0) })
        #expect(two.range?.file == "parts/child.md")
        #expect(two.range?.start.line == 3)
        // The text after the include is still in main.md.
        let after = try #require(MystLayer.allInlines(doc).first { $0.plainText == "After." })
        #expect(after.range?.file == "main.md")
        #expect(after.range?.start.line == 6)
        #expect(HTMLRenderer().render(doc) == "<h1>Main</h1>\n<p>Child line one.</p>\n<p>Child <em>two</em> at line 3.</p>\n<p>After.</p>\n")
    }

    @Test func includedFileIncludesRelativeToItself() throws {
        let (doc, diagnostics) = try Self.parse("main.md", files: [
            "main.md": ":::{include} parts/child.md\n:::\n",
            "parts/child.md": "Child.\n\n```{include} sibling.md\n```\n",
            "parts/sibling.md": "\nSibling text.\n",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let sibling = try #require(MystLayer.allInlines(doc).first { $0.plainText == "Sibling text." })
        #expect(sibling.range?.file == "parts/sibling.md")
        #expect(sibling.range?.start.line == 2)
        #expect(HTMLRenderer().render(doc) == "<p>Child.</p>\n<p>Sibling text.</p>\n")
    }

    @Test func literalIncludeIsACodeBlock() throws {
        let (doc, diagnostics) = try Self.parse("main.md", files: [
            "main.md": "```{include} code.py\n:literal:\n```\n",
            "code.py": "print(\"hi\")\nx = 1\n",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let (include, _) = try #require(MystLayer.directive("include", in: doc))
        #expect(include.children.map(MystLayer.tree) == [#"{"type":"code","value":"print(\"hi\")\nx = 1"}"#])
        let html = HTMLRenderer().render(doc)
        #expect(html.hasPrefix("<pre><code>print(&quot;hi&quot;)\nx = 1"))
        #expect(html.hasSuffix("</code></pre>\n"))
    }

    @Test func literalIncludeWithLanguage() throws {
        let (doc, _) = try Self.parse("main.md", files: [
            "main.md": "```{include} code.py\n:code: python\n```\n",
            "code.py": "x = 1\n",
        ])
        let (include, _) = try #require(MystLayer.directive("include", in: doc))
        #expect(include.children.map(MystLayer.tree) == [#"{"type":"code","lang":"python","value":"x = 1"}"#])
        #expect(HTMLRenderer().render(doc).hasPrefix("<pre><code class=\"language-python\">x = 1"))
    }

    @Test func startAfterAndEndBeforeCutTheText() throws {
        let (doc, diagnostics) = try Self.parse("main.md", files: [
            "main.md": "```{include} marked.md\n:start-after: START\n:end-before: END\n```\n",
            "marked.md": "before\n<!-- START -->\nkept *text*\n<!-- END -->\nafter\n",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let html = HTMLRenderer().render(doc)
        #expect(html == "<p>kept <em>text</em></p>\n")
        #expect(!html.contains("before") && !html.contains("after") && !html.contains("START"))
        // The kept text keeps its line in the included file.
        let kept = try #require(MystLayer.allInlines(doc).first { $0.plainText == "kept " })
        #expect(kept.range?.file == "marked.md")
        #expect(kept.range?.start.line == 3)
    }

    @Test func missingFileIsAnError() throws {
        let (doc, diagnostics) = try Self.parse("main.md", files: [
            "main.md": "Intro.\n\n```{include} parts/missing.md\n```\n\nStill here.\n",
        ])
        let errors = MystLayer.diagnostics(diagnostics, "include-missing")
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.severity == .error)
        #expect(error.range?.file == "main.md")
        #expect(MystLayer.place(error) == "3:1")
        #expect(error.message.contains("parts/missing.md"))
        #expect(HTMLRenderer().render(doc) == "<p>Intro.</p>\n<p>Still here.</p>\n")
    }

    @Test func diagnosticsInAnIncludedFileUseItsPathAndLines() throws {
        let (_, diagnostics) = try Self.parse("main.md", files: [
            "main.md": "Intro.\n\n```{include} part.md\n```\n",
            "part.md": "Part.\n\n:::{mystery}\nx\n:::\n\n::::{note}\nnever closed\n\n```{include} nope.md\n```\n",
        ])
        let unknown = try #require(MystLayer.diagnostics(diagnostics, "unknown-directive").first)
        #expect(unknown.range?.file == "part.md")
        #expect(MystLayer.place(unknown) == "3:1")
        let unclosed = try #require(MystLayer.diagnostics(diagnostics, "colon-fence-unclosed").first)
        #expect(unclosed.range?.file == "part.md")
        #expect(MystLayer.place(unclosed) == "7:1")
        let missing = try #require(MystLayer.diagnostics(diagnostics, "include-missing").first)
        #expect(missing.severity == .error)
        #expect(missing.range?.file == "part.md")
        #expect(MystLayer.place(missing) == "10:1")
        #expect(missing.message.contains("main.md → part.md"), "\(missing.message)")
    }

    @Test func includeCycleIsAnErrorNamingTheChain() throws {
        let (doc, diagnostics) = try Self.parse("a.md", files: [
            "a.md": "A top.\n\n```{include} b.md\n```\n",
            "b.md": "B top.\n\n\n```{include} a.md\n```\n",
        ])
        let cycles = MystLayer.diagnostics(diagnostics, "include-cycle")
        #expect(cycles.count == 1)
        let cycle = try #require(cycles.first)
        #expect(cycle.severity == .error)
        #expect(cycle.message.contains("a.md → b.md → a.md"), "\(cycle.message)")
        // Reported where the cycle closes: the include in b.md.
        #expect(cycle.range?.file == "b.md")
        #expect(MystLayer.place(cycle) == "4:1")
        // The parse still finishes, with each file's text once.
        #expect(HTMLRenderer().render(doc) == "<p>A top.</p>\n<p>B top.</p>\n")
    }

    @Test func selfIncludeIsACycle() throws {
        let (_, diagnostics) = try Self.parse("a.md", files: ["a.md": "```{include} ./a.md\n```\n"])
        let cycle = try #require(MystLayer.diagnostics(diagnostics, "include-cycle").first)
        #expect(cycle.severity == .error)
        #expect(cycle.message.contains("a.md → a.md"), "\(cycle.message)")
    }

    @Test func includeWithoutAChapterFileIsAnError() throws {
        let (_, diagnostics) = MystLayer.parse("```{include} x.md\n```\n", file: "<stdin>")
        let error = try #require(MystLayer.diagnostics(diagnostics, "include-unavailable").first)
        #expect(error.severity == .error)
        #expect(MystLayer.place(error) == "1:1")
    }

    /// A chain of includes stops at `Include.maximumDepth` (64) files with an error where it
    /// stops; the chain's text up to there is kept. (3,218 levels overflowed the stack.)
    @Test func includeNestingStopsAt64Files() throws {
        var files: [String: String] = ["main.md": "```{include} f1.md\n```\n"]
        for level in 1...200 { files["f\(level).md"] = "Level \(level).\n\n```{include} f\(level + 1).md\n```\n" }
        let (doc, diagnostics) = try Self.parse("main.md", files: files)
        #expect(diagnostics.map(\.id) == ["include-too-deep"], "\(diagnostics.prefix(3))")
        let error = try #require(diagnostics.first)
        #expect(error.severity == .error)
        #expect(error.range?.file == "f64.md")
        #expect(MystLayer.place(error) == "3:1")
        #expect(error.message == "includes nest more than 64 files deep; 'f65.md' was not included (included from main.md → f1.md → f2.md → … → f63.md → f64.md)")
        let html = HTMLRenderer().render(doc)
        #expect(html.contains("<p>Level 64.</p>") && !html.contains("Level 65."))
    }

    /// The same file included twice side by side is not a cycle.
    @Test func aFileIncludedTwiceSideBySideIsNotACycle() throws {
        let (doc, diagnostics) = try Self.parse("main.md", files: [
            "main.md": "```{include} part.md\n```\n\n```{include} ./sub/../part.md\n```\n",
            "part.md": "Part.\n",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(HTMLRenderer().render(doc) == "<p>Part.</p>\n<p>Part.</p>\n")
    }

    /// With an absolute chapter path, diagnostics in an included file keep their leading `/`.
    @Test func diagnosticsInAnIncludedFileKeepAnAbsolutePath() throws {
        let folder = try MystLayer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let main = folder.appendingPathComponent("main.md")
        try MystLayer.write("```{include} parts/part.md\n```\n", to: main)
        try MystLayer.write(":::{mystery}\n:::\n", to: folder.appendingPathComponent("parts/part.md"))
        let (_, diagnostics) = MystParser(file: main.path, sourceURL: main, files: BookFileReader(near: main.deletingLastPathComponent())).parse(try String(contentsOf: main, encoding: .utf8))
        let unknown = try #require(MystLayer.diagnostics(diagnostics, "unknown-directive").first, "\(diagnostics)")
        #expect(unknown.range?.file == folder.appendingPathComponent("parts/part.md").path)
        #expect(unknown.range?.file.hasPrefix("/") == true)
    }

    @Test func includingAFolderSaysSo() throws {
        let folder = try MystLayer.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("parts"), withIntermediateDirectories: true)
        let main = folder.appendingPathComponent("main.md")
        let (_, diagnostics) = MystParser(file: "main.md", sourceURL: main, files: BookFileReader(near: main.deletingLastPathComponent())).parse("```{include} parts\n```\n")
        #expect(diagnostics.map(\.id) == ["include-unreadable"])
        #expect(diagnostics.first?.message == "cannot include: 'parts' is a folder, not a file")
    }

    /// Each file including the next twice, 30 deep, is 2^30 expansions: the chapter stops at
    /// 1,000 with one error.
    @Test func includeExpansionsStopAt1000PerChapter() throws {
        var files: [String: String] = ["main.md": "```{include} f1.md\n```\n"]
        for level in 1..<30 {
            files["f\(level).md"] = "L\(level).\n\n```{include} f\(level + 1).md\n```\n\n```{include} f\(level + 1).md\n```\n"
        }
        files["f30.md"] = "L30.\n"
        let (doc, diagnostics) = try Self.parse("main.md", files: files)
        #expect(diagnostics.map(\.id) == ["include-too-many"], "\(diagnostics.prefix(3))")
        #expect(diagnostics.first?.severity == .error)
        let paragraphs = MystLayer.allBlocks(doc).filter { if case .paragraph = $0.kind { return true } else { return false } }.count
        #expect(paragraphs == 1_000)
    }
}
