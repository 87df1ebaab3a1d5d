@testable import CallbookCore
import Foundation
import Testing

/// `{bibliography}` `:filter:` expressions. Every expected list was computed by
/// sphinxcontrib-bibtex 2.7 itself (its `_FilterVisitor` over `ast.parse(filter)`, on pybtex's
/// reading of the same five entries, with woodley2020 cited on this page and brown2015 on
/// another), not by callbook.
@Suite struct BibliographyFilterTests {
    static let bib = """
        @book{lave1991, author = {Lave, Jean and Wenger, Etienne}, title = {Situated Learning}, publisher = {Cambridge University Press}, year = 1991}
        @article{woodley2020, author = {Woodley, Louise and Pratt, Catherine and Ainsworth, Rachael}, title = {Virtual events}, journal = {Zenodo}, year = 2020, doi = {10.5281/zenodo.3934385}}
        @book{brown2015, author = {Brown, Nicole}, title = {Epistemology}, publisher = {Psychology Press}, year = 2015}
        @article{Knuth1984, author = {Knuth, Donald E.}, title = {Literate Programming}, journal = {The Computer Journal}, year = 1984}
        @misc{vanrossum1995, author = {van Rossum, Guido}, title = {Python reference manual}, year = 1995}
        """

    static let entries = BibTeXReader.read([.init(path: "refs.bib", text: bib)]).entries

    static func kept(_ filter: String) throws -> [String] {
        let parsed = try BibliographyFilter.parse(filter).get()
        return entries.filter { entry in
            parsed.keeps(entry, .init(citedInBook: ["woodley2020", "brown2015"].contains(entry.key), citedOnPage: entry.key == "woodley2020"))
        }.map(\.key)
    }

    @Test(arguments: [
        ("cited", ["woodley2020", "brown2015"]),
        ("not cited", ["lave1991", "Knuth1984", "vanrossum1995"]),
        ("docname in docnames", ["woodley2020"]),
        ("docname not in docnames", ["lave1991", "brown2015", "Knuth1984", "vanrossum1995"]),
        (#"type == "article""#, ["woodley2020", "Knuth1984"]),
        (#"type != "book" and cited"#, ["woodley2020"]),
        (#"author % "wenger|knuth""#, ["lave1991", "Knuth1984"]),
        (#"author % "^van Rossum""#, ["vanrossum1995"]),
        (#"key in {"lave1991", "knuth1984"}"#, ["lave1991", "Knuth1984"]),
        (#"key in {"Knuth1984"}"#, []),
        ("doi", ["woodley2020"]),
        (#"title % "programming" or (cited and not type == "book")"#, ["woodley2020", "Knuth1984"]),
        ("True", ["lave1991", "woodley2020", "brown2015", "Knuth1984", "vanrossum1995"]),
        ("False", []),
        (#"publisher == "Psychology Press""#, ["brown2015"]),
        (#"key not in {"brown2015"}"#, ["lave1991", "woodley2020", "Knuth1984", "vanrossum1995"]),
        ("editor", []),
        (#"not (cited or type == "misc")"#, ["lave1991", "Knuth1984"]),
    ])
    func filterKeepsWhatSphinxcontribBibtexKeeps(_ filter: String, _ expected: [String]) throws {
        #expect(Self.entries.count == 5)
        #expect(try Self.kept(filter) == expected, "\(filter)")
    }

    /// Valid Python that sphinxcontrib-bibtex would evaluate, but outside the subset callbook reads.
    @Test(arguments: [#"year >= "2000""#, #"{"a", "b"} & docnames"#, #"docname == "index""#, "cited and", #"author % "(""#,
                      #"key in "abc""#, "docnames", String(repeating: "(", count: 40) + "cited" + String(repeating: ")", count: 40)])
    func unsupportedFiltersSayWhy(_ filter: String) {
        guard case .failure(let unsupported) = BibliographyFilter.parse(filter) else {
            Issue.record("\(filter) was read")
            return
        }
        #expect(!unsupported.reason.isEmpty)
    }

    /// Through a build: `:filter: docname in docnames` lists what the page cites (so it gets no
    /// second "References" list); `:notcited:` the rest; an unreadable filter warns at the
    /// directive and lists the works cited in the book, as sphinxcontrib-bibtex does.
    @Test func filtersInABook() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("references.bib", Self.bib)
        try book.write("index.md", "# Home\n\n{cite:p}`woodley2020`\n\n```{bibliography}\n:filter: docname in docnames\n```\n")
        try book.write("other.md", """
            # Other

            {cite}`brown2015`

            ```{bibliography}
            :notcited:
            ```

            ```{bibliography}
            :filter: year >= "2000"
            ```
            """)
        try book.write("myst.yml", "version: 1\nproject:\n  title: F\n  toc:\n    - file: index.md\n    - file: other.md\n")
        let result = await book.build()
        func lists(_ page: String) throws -> [[String]] {
            let html = try #require(BuildInspection.page(result, page))
            return html.components(separatedBy: "<ul class=\"bibliography\">").dropFirst().map {
                $0.components(separatedBy: "</ul>")[0].components(separatedBy: "data-cite=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            }
        }
        #expect(try lists("index.html") == [["woodley2020"]])
        #expect(try !#require(BuildInspection.page(result, "index.html")).contains("class=\"references\""))
        let other = try lists("other.html")
        #expect(Set(other.first ?? []) == ["lave1991", "Knuth1984", "vanrossum1995"])
        #expect(Set(other.dropFirst().first ?? []) == ["woodley2020", "brown2015"])
        let warnings = result.diagnostics.filter { $0.id == "bibliography-filter" }.map(\.description)
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("book/other.md:9:1: warning: callbook cannot read :filter: year >= \"2000\"") == true, "\(warnings)")
    }
}
