@testable import CallbookCore
import Foundation
import Testing

/// The Turing Way built by callbook: on every page, the citations read as mystmd 1.11 renders
/// them (key, narrative or parenthetical, in-text text, in reading order — Markdown `@key`
/// citations and links to a work's DOI included), and each page's reference list holds the
/// works mystmd lists there.
@Suite(.tags(.slow), .skippedWhenFast) struct MystmdCitationPagesTests {
    struct Cite: Equatable, CustomStringConvertible {
        var key: String
        var kind: String
        var text: String
        var description: String { "\(key) \(kind) \"\(text)\"" }
    }

    /// Pages whose citations differ from mystmd's for a reason outside citations: none.
    static let pageDifferences: [String: String] = [:]

    static func ourCitations(_ chapter: ResolvedChapter) -> (cites: [Cite], listed: Set<String>) {
        var cites: [Cite] = []
        var listed: Set<String> = []
        chapter.document.walk(block: { block in
            if case .bibliography(let listing) = block.kind, listing.isPageReferences {
                listed.formUnion(listing.entries.map(\.key))
            }
        }, inline: { inline in
            guard case .cite(let citation) = inline.kind else { return }
            for item in citation.items {
                cites.append(Cite(key: item.key, kind: citation.kind.rawValue,
                                  text: (citation.ownText ?? item.text ?? []).plainText))
            }
        })
        return (cites, listed)
    }

    @Test(.enabled(if: SharedData.isAvailable)) func everyPageCitesAsMystmdDoes() async throws {
        let folder = try SharedData.path("corpus/turing-way/website")
        let (book, _) = try BookLoader(directory: folder, displayRoot: "website").load()
        let chapters = await ChapterParser(files: book.files).parse(book.chapters)
        let (bibliography, bibliographyDiagnostics) = BibliographyLoader.load(book, requests: chapters.flatMap(\.bibliographyRequests))
        // Entries counted independently: `@type{` lines of references.bib, less @string/@comment/@preamble.
        let bibText = try String(contentsOf: folder.appendingPathComponent("references.bib"), encoding: .utf8)
        let declared = bibText.split(separator: "\n").filter { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }.lowercased()
            return trimmed.hasPrefix("@") && !["@string", "@comment", "@preamble"].contains { trimmed.hasPrefix($0) }
        }.count
        #expect(bibliography.entries.count == declared)
        #expect(bibliographyDiagnostics.allSatisfy { $0.severity == .warning })
        let resolved = await BookResolver().resolve(book, chapters: chapters, bibliography: bibliography)
        // Every key cited is in references.bib: no citation warning at all.
        #expect(resolved.diagnostics.filter { $0.id.hasPrefix("citation") }.isEmpty)

        let fixtureURL = SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/turing-way-mystmd-citations.json")
        let fixture = try JSONDecoder().decode(MystmdCitationAgreementTests.Fixture.self, from: Data(contentsOf: fixtureURL))
        let byPath = Dictionary(resolved.chapters.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var citations = 0
        for (page, expected) in fixture.pages.sorted(by: { $0.key < $1.key }) where Self.pageDifferences[page] == nil {
            let chapter = try #require(byPath[page], "no chapter \(page)")
            let (ours, listed) = Self.ourCitations(chapter)
            let theirs = expected.cites.map { Cite(key: $0.key, kind: $0.kind, text: $0.text) }
            citations += theirs.count
            #expect(ours.map(\.key) == theirs.map(\.key), "\(page): cited keys")
            #expect(ours.map(\.kind) == theirs.map(\.kind), "\(page): kinds")
            for (mine, mystmd) in zip(ours, theirs) where mine.text != mystmd.text
                && MystmdCitationAgreementTests.inTextDifferences[mine.key] == nil {
                Issue.record("\(page): \(mine) where mystmd has \(mystmd)")
            }
            #expect(listed == Set(expected.references.keys), "\(page): reference list")
        }
        #expect(citations == 314)
    }
}
