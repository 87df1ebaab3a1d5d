@testable import CallbookCore
import Foundation
import Testing

/// Bare web and e-mail addresses in The Turing Way become links on the same pages, with the same
/// addresses, as mystmd 1.11's linkify makes them (`Tests/Fixtures/turing-way-mystmd-bare-links.json`,
/// from `mystmd-bare-links.py`): links that show their own address, per page, in reading order.
/// Some of mystmd's behaviours are left out on purpose, on both sides:
/// - bare domain names without `www.` (`mybinder.org`, `Otter.ai`): mystmd links them by its list
///   of top-level domains; callbook links addresses with a scheme or `www.`, and e-mail addresses;
/// - `doi.org`, Wikipedia and GitHub file addresses, which mystmd then shows as the DOI, the
///   page's title or the file's name;
/// - addresses with `@` in their path (`https://hackmd.io/@team/notes`): mystmd's linkify stops
///   them at the `@` (`https://hackmd.io/`), callbook links the whole address.
@Suite(.tags(.slow), .skippedWhenFast) struct MystmdBareLinksTests {
    struct Fixture: Decodable { var pages: [String: [[String]]] }

    static func comparable(_ url: String, shown: String) -> Bool {
        let fuzzy = url == "http://" + shown && !shown.hasPrefix("www.")
        return !fuzzy && !url.contains("doi.org/") && !url.contains("wikipedia.org/")
            && !(url.contains("github.com/") && url.contains("/blob/")) && !url.contains("/@") && url != "https://hackmd.io/"
    }

    static func ownAddressLinks(_ document: Document) -> [String] {
        var found: [String] = []
        document.walk(block: { _ in }, inline: { inline in
            switch inline.kind {
            case .link(let url, _, let children):
                let shown = children.plainText
                if !shown.isEmpty, [shown, "http://" + shown, "mailto:" + shown].contains(url), comparable(url, shown: shown) {
                    found.append(url)
                }
            case .cite(let citation) where citation.ownText == nil && citation.items.count == 1:
                break  // a bare DOI address that became a citation, as in mystmd (not a link there either)
            default:
                break
            }
        })
        return found
    }

    @Test(.enabled(if: SharedData.isAvailable)) func everyPageLinksTheAddressesMystmdLinks() async throws {
        let folder = try SharedData.path("corpus/turing-way/website")
        let (book, _) = try BookLoader(directory: folder, displayRoot: "website").load()
        let chapters = await ChapterParser(files: book.files).parse(book.chapters)
        let (bibliography, _) = BibliographyLoader.load(book, requests: chapters.flatMap(\.bibliographyRequests))
        let resolved = await BookResolver().resolve(book, chapters: chapters, bibliography: bibliography)
        let url = SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/turing-way-mystmd-bare-links.json")
        let expected = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).pages
        var differing: [String] = []
        var total = 0
        for chapter in resolved.chapters {
            let ours = Self.ownAddressLinks(chapter.document)
            let theirs = (expected[chapter.path] ?? []).filter { Self.comparable($0[0], shown: $0[1]) }.map { $0[0] }
            total += ours.count
            if ours != theirs { differing.append("\(chapter.path):\n  callbook \(ours)\n  mystmd   \(theirs)") }
        }
        #expect(differing.isEmpty, "\(differing.count) pages differ:\n\(differing.joined(separator: "\n"))")
        let comparable = expected.values.flatMap { $0 }.filter { Self.comparable($0[0], shown: $0[1]) }.count
        #expect(total == comparable)
        #expect(comparable > 100, "the fixture lost its links")
    }
}
