@testable import CallbookCore
import Foundation
import Testing

/// The 2021 Turing Way (a Jupyter Book 1 book: `_toc.yml`, `_config.yml`, and its `.bib` named
/// only by its `{bibliography}` directives) builds its citations. The expected figures were
/// counted from the sources by hand (grep), not from callbook's output:
/// - 44 `{cite}` roles in the chapters, one of them inside a code fence (style-citing.md),
///   so 43 roles naming 47 keys (four roles name two); 2 of these keys are in no `@type{key,`
///   line of `_bibliography/references.bib`, which leaves 45 citations that link;
/// - 2 addresses `https://doi.org/…` (one bare, one a link's target) whose DOI is the `doi`
///   field of a `.bib` entry, each a citation as in mystmd (a third sits inside a link's text,
///   where linkify leaves it alone): 47 citation links in all;
/// - 74 `@type{key,` lines (one indented) in the `.bib`, all listed by the bibliography page.
@Suite(.tags(.slow), .skippedWhenFast) struct TuringWay2021CitationTests {
    /// The keys the `.bib` declares, read with a regular expression over its lines.
    static func declaredKeys(_ bibText: String) throws -> Set<String> {
        let pattern = try NSRegularExpression(pattern: #"^\s*@(\w+)\s*\{\s*([^,\s]+)\s*,"#, options: [.anchorsMatchLines])
        let range = NSRange(bibText.startIndex..., in: bibText)
        return Set(pattern.matches(in: bibText, range: range).compactMap { match -> String? in
            guard let type = Range(match.range(at: 1), in: bibText), let key = Range(match.range(at: 2), in: bibText),
                  !["string", "comment", "preamble"].contains(bibText[type].lowercased()) else { return nil }
            return String(bibText[key])
        })
    }

    @Test(.enabled(if: SharedData.isAvailable)) func citationsBuildAndOnlyMissingKeysWarn() async throws {
        let folder = try SharedData.path("corpus/turing-way-2021/website")
        let bibText = try String(contentsOf: folder.appendingPathComponent("_bibliography/references.bib"), encoding: .utf8)
        let declared = try Self.declaredKeys(bibText)
        #expect(declared.count == 74)

        let (book, _) = try BookLoader(directory: folder, displayRoot: "website").load()
        let chapters = await ChapterParser(files: book.files).parse(book.chapters)
        let (bibliography, _) = BibliographyLoader.load(book, requests: chapters.flatMap(\.bibliographyRequests))
        #expect(Set(bibliography.order) == declared)
        let resolved = await BookResolver().resolve(book, chapters: chapters, bibliography: bibliography)

        var links = 0
        var bibliographyPageEntries: [String] = []
        for chapter in resolved.chapters {
            chapter.document.walk(block: { block in
                if case .bibliography(let listing) = block.kind, !listing.isPageReferences, chapter.path == "afterword/bibliography.md" {
                    bibliographyPageEntries += listing.entries.map(\.key)
                }
            }, inline: { inline in
                guard case .cite(let citation) = inline.kind else { return }
                links += citation.items.filter { $0.anchor != nil }.count
            })
        }
        #expect(links == 47)
        #expect(bibliographyPageEntries.count == 74)
        #expect(Set(bibliographyPageEntries) == declared)

        // The only citation warnings name keys that no `@type{key,` line of the .bib declares.
        let citationWarnings = resolved.diagnostics.filter { $0.id.hasPrefix("citation") }
        let warnedKeys = citationWarnings.compactMap { $0.message.split(separator: "'").dropFirst().first.map(String.init) }
        #expect(citationWarnings.allSatisfy { $0.id == "citation-unknown" }, "\(citationWarnings)")
        #expect(warnedKeys.sorted() == ["CITEKEY", "Marwick2018compendia"])
        #expect(warnedKeys.allSatisfy { !declared.contains($0) })

        // `  :style: alpha` and `  :all:` under the bibliography page's fence are options, not a body.
        let parseDiagnostics = chapters.flatMap(\.diagnostics)
        #expect(!parseDiagnostics.contains { $0.id == "directive-body-unexpected" && $0.range?.file.hasSuffix("afterword/bibliography.md") == true })
    }
}
