import CallbookCore
import Foundation
import Testing

/// The Load stage on the two real books in `../shared/corpus`: chapter counts, reading order
/// (checked against the `file:` lines of the TOC file, read independently of the loader),
/// titles and nesting taken from the TOC, and no errors.
@Suite(.enabled(if: SharedData.isAvailable), .tags(.slow), .skippedWhenFast)
struct CorpusLoadTests {
    /// The `file:` values of a TOC file in the order they are written, which for these books
    /// (no `pattern`/`glob` entries) is the reading order. A folded value (`file: >-` with the
    /// path on the next line) is read from the next line.
    static func fileLines(_ url: URL) throws -> [String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let pattern = try NSRegularExpression(pattern: #"^\s*(?:-\s+)?file:\s*(\S+)\s*$"#)
        var result: [String] = []
        for (index, line) in lines.enumerated() {
            let ns = line as NSString
            guard let match = pattern.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) else { continue }
            let value = ns.substring(with: match.range(at: 1))
            if value == ">-" || value == ">" || value == "|" {
                result.append(lines[index + 1].trimmingCharacters(in: .whitespaces))
            } else {
                result.append(value)
            }
        }
        return result
    }

    /// "" when equal, else where the two orders first differ.
    static func firstDifference(_ got: [String], _ expected: [String]) -> String {
        for index in 0..<max(got.count, expected.count) {
            let a = index < got.count ? got[index] : "<none>"
            let b = index < expected.count ? expected[index] : "<none>"
            if a != b { return "at \(index): got \(a), expected \(b)" }
        }
        return ""
    }

    /// The entry for `path` and the chain of entries above it.
    static func find(_ path: String, in entries: [TOCEntry], above: [TOCEntry] = []) -> (TOCEntry, [TOCEntry])? {
        for entry in entries {
            if entry.chapterPath == path { return (entry, above) }
            if let found = find(path, in: entry.children, above: above + [entry]) { return found }
        }
        return nil
    }

    @Test func turingWayMystBookLoadsAllChaptersInTOCOrder() throws {
        let folder = try SharedData.path("corpus/turing-way/website")
        let (book, diagnostics) = try BookLoader(directory: folder, displayRoot: "website").load()

        #expect(BuildInspection.errors(diagnostics).isEmpty, "\(BuildInspection.describe(diagnostics))")
        #expect(book.chapters.count == 478)
        let expectedOrder = try Self.fileLines(folder.appendingPathComponent("myst.yml"))
        #expect(expectedOrder.count == 478)
        #expect(Self.firstDifference(book.chapters.map(\.path), expectedOrder) == "")
        #expect(book.chapters.first?.path == "index.md")
        #expect(book.chapters.last?.path == "afterword/bibliography.md")
        #expect(Self.firstDifference(book.toc.chaptersInReadingOrder.compactMap(\.chapterPath), expectedOrder) == "")

        #expect(book.title == "The Turing Way")
        #expect(book.configuration.author == "The Turing Way Community")
        #expect(book.configuration.exclude == ["LICENSE.md"])
        #expect(!book.chapters.contains { $0.path == "LICENSE.md" })
        // Excluded, so not reported as left out of the TOC either.
        #expect(!diagnostics.contains { $0.id == "toc-unlisted-files" })

        // Chapter texts are loaded, with display paths under the display root.
        let background = try #require(book.chapters.first { $0.path == "foreword/background.md" })
        #expect(background.tocTitle == "Background")
        #expect(background.displayPath == "website/foreword/background.md")
        #expect(!background.text.isEmpty)
        #expect(book.chapters.first { $0.path == "foreword/foreword.md" }?.tocTitle == nil)
        #expect(book.chapters.first { $0.path == "foreword/navigate.md" }?.tocTitle == "Navigating the Handbook")

        // Top level: index, foreword, pathways (title + file), the guides, afterword.
        #expect(book.toc.map(\.chapterPath) == [
            "index.md", "foreword/foreword.md", "pathways/pathways.md",
            "reproducible-research/reproducible-research.md", "project-design/project-design.md",
            "communication/communication.md", "collaboration/collaboration.md",
            "ethical-research/ethical-research.md", "community-handbook/community-handbook.md",
            "afterword/afterword.md",
        ])

        // Nesting: governance-roles under governance under foreword.
        let (roles, ancestors) = try #require(Self.find("foreword/governance/governance-roles.md", in: book.toc))
        #expect(roles.title == "Governance Roles")
        #expect(ancestors.map(\.chapterPath) == ["foreword/foreword.md", "foreword/governance.md"])
        #expect(ancestors.last?.title == "Governance")
        #expect(ancestors.last?.children.map(\.chapterPath)
                == ["foreword/governance/governance-roles.md", "foreword/governance/ways-of-working.md"])
        // Where the entry is declared (myst.yml line 45: `            - file: …`).
        #expect(roles.range?.description == "website/myst.yml:45:15")

        // An entry with both `title` and `file` is a chapter with that title, not a bare part.
        let pathways = try #require(book.toc.first { $0.chapterPath == "pathways/pathways.md" })
        #expect(pathways.target == .chapter("pathways/pathways.md"))
        #expect(pathways.title == "Pathways")
        #expect(pathways.children.count == 8)
        #expect(pathways.children.first?.chapterPath == "pathways/pathways-data-science-without-borders.md")
        #expect(book.chapters.first { $0.path == "pathways/pathways.md" }?.tocTitle == "Pathways")

        // Deep nesting: vcs-git-commit sits four levels down.
        let (_, commitAncestors) = try #require(Self.find("reproducible-research/vcs/vcs-git-commit.md", in: book.toc))
        #expect(commitAncestors.map(\.chapterPath) == [
            "reproducible-research/reproducible-research.md", "reproducible-research/vcs.md",
            "reproducible-research/vcs/vcs-git.md",
        ])
        #expect(commitAncestors.map(\.title) == [nil, "Version Control", "Git Using the Command Line"])
    }

    @Test func turingWay2021LegacyTOCLoadsAllChaptersInTOCOrder() throws {
        let folder = try SharedData.path("corpus/turing-way-2021/website")
        let (book, diagnostics) = try BookLoader(directory: folder, displayRoot: "website").load()

        #expect(BuildInspection.errors(diagnostics).isEmpty, "\(BuildInspection.describe(diagnostics))")
        #expect(book.chapters.count == 209)
        // `_toc.yml` names files without extension (all but one).
        let expectedOrder = try Self.fileLines(folder.appendingPathComponent("_toc.yml"))
            .map { $0.hasSuffix(".md") ? $0 : $0 + ".md" }
        #expect(expectedOrder.count == 209)
        #expect(Self.firstDifference(book.chapters.map(\.path), expectedOrder) == "")
        #expect(book.chapters.contains { $0.path == "ethical-research/activism/activism-case-study-google.md" })
        #expect(book.chapters.first?.path == "welcome.md")

        // From `_config.yml`.
        #expect(book.title == "The Turing Way")
        #expect(book.configuration.author == "The Turing Way Community")
        #expect(book.configuration.logo == "figures/logo/logo.jpg")
        #expect(book.configuration.favicon == "figures/logo/favicon-32x32.png")
        #expect(book.configuration.exclude == ["LICENSE.md"])
        #expect(book.configuration.sources == ["website/_toc.yml", "website/_config.yml"])

        // Nested `sections:` with titles.
        let (definitions, ancestors) = try #require(
            Self.find("reproducible-research/overview/overview-definitions.md", in: book.toc))
        #expect(definitions.title == "Definitions")
        #expect(ancestors.map(\.chapterPath)
                == ["reproducible-research/reproducible-research.md", "reproducible-research/overview.md"])
        #expect(ancestors.map(\.title) == [nil, "Overview"])
        #expect(book.chapters.first { $0.path == "reproducible-research/overview/overview-definitions.md" }?.tocTitle
                == "Definitions")
        // Declared at `_toc.yml` line 20: `    - title: Definitions`.
        #expect(definitions.range?.description == "website/_toc.yml:20:7")

        // The one Markdown file outside the TOC (LICENSE.md is excluded) is reported once.
        let unlisted = diagnostics.filter { $0.id == "toc-unlisted-files" }
        #expect(unlisted.count == 1)
        #expect(unlisted.first?.severity == .warning)
        #expect(unlisted.first?.message.contains("1 Markdown file") == true)
        #expect(unlisted.first?.message.contains("figures/_figure-list.md") == true)
    }
}
