@testable import CallbookCore
import Foundation
import Testing

/// The Turing Way's figures are numbered on every page as mystmd 1.11 numbers them
/// (`Tests/Fixtures/turing-way-mystmd-figures.json`, from `mystmd-figures.py`): an `{iframe}`
/// without a caption is no numbered figure, so the figures after it keep their numbers.
@Suite(.tags(.slow), .skippedWhenFast) struct MystmdFigureNumbersTests {
    struct Fixture: Decodable { var pages: [String: [String?]] }

    @Test(.enabled(if: SharedData.isAvailable)) func everyPageNumbersItsFiguresAsMystmd() async throws {
        let folder = try SharedData.path("corpus/turing-way/website")
        let (book, _) = try BookLoader(directory: folder, displayRoot: "website").load()
        let chapters = await ChapterParser(files: book.files).parse(book.chapters)
        let resolved = await BookResolver().resolve(book, chapters: chapters)
        let url = SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/turing-way-mystmd-figures.json")
        let expected = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).pages
        var differing: [String] = []
        var pagesWithFigures = 0
        for chapter in resolved.chapters {
            var numbers: [String?] = []
            chapter.document.walk(block: { block in
                if case .container(let container) = block.kind, container.kind == .figure {
                    numbers.append(container.number.map(String.init))
                }
            })
            // mystmd has no figure container for an uncaptioned iframe: compare the numbered ones.
            let ours = numbers.compactMap { $0 }
            let theirs = (expected[chapter.path] ?? []).compactMap { $0 }
            if !ours.isEmpty { pagesWithFigures += 1 }
            if ours != theirs { differing.append("\(chapter.path): callbook \(ours), mystmd \(theirs)") }
        }
        #expect(differing.isEmpty, "\(differing.joined(separator: "\n"))")
        #expect(pagesWithFigures == expected.count)
    }
}
