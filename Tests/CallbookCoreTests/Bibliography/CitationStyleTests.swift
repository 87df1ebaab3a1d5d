@testable import CallbookCore
import Testing

/// APA 7 author–date formatting. Expected texts follow the APA Publication Manual's own
/// examples (reference list ch. 9–10, in-text ch. 8), written here by hand.
@Suite struct CitationStyleTests {
    static func entry(_ bibtex: String) -> BibEntry {
        BibTeXReader.read([.init(path: "t.bib", text: bibtex)]).entries[0]
    }


    static func reference(_ entry: BibEntry) -> String {
        ReferenceHTML.of(CitationStyle.reference(entry, year: CitationStyle.year(entry)))
    }

    @Test func journalArticleWithVolumeIssuePagesAndDOI() {
        let article = Self.entry("""
            @article{grady2019, author = {Grady, Jessica Subirana and Her, Malina and Moreno, Geraldine and Perez, Catherine and Yelinek, Jillian},
              title = {Emotions in storybooks: A comparison of storybooks that represent ethnic and racial groups in the United States},
              journal = {psychology of popular media culture}, volume = 8, number = 3, pages = {207--217}, year = 2019,
              doi = {10.1037/ppm0000185}}
            """)
        #expect(Self.reference(article) == "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in storybooks: A comparison of storybooks that represent ethnic and racial groups in the United States. <i>Psychology of Popular Media Culture</i>, <i>8</i>(3), 207–217. <a href=\"https://doi.org/10.1037/ppm0000185\">10.1037/ppm0000185</a>")
        #expect(CitationStyle.inText(article, year: "2019", narrative: false).plainText == "Grady et al., 2019")
        #expect(CitationStyle.inText(article, year: "2019", narrative: true).plainText == "Grady et al. (2019)")
    }

    @Test func bookWithPublisherAndURL() {
        let book = Self.entry("""
            @book{jackson2019, author = {Jackson, Lee M.}, title = {The psychology of prejudice: From attitudes to social action},
              publisher = {American Psychological Association}, year = 2019, address = {Washington}, url = {https://example.org/book}}
            """)
        #expect(Self.reference(book) == "Jackson, L. M. (2019). <i>The psychology of prejudice: From attitudes to social action</i>. American Psychological Association. <a href=\"https://example.org/book\">https://example.org/book</a>")
        #expect(CitationStyle.inText(book, year: "2019", narrative: true).plainText == "Jackson (2019)")
    }

    @Test func chapterInAnEditedBook() {
        let chapter = Self.entry("""
            @incollection{dillard2020, author = {Dillard, James Price}, editor = {Bryant, Jennings and Oliver, Mary Beth},
              title = {Currents in the study of persuasion}, booktitle = {Media effects: Advances in theory and research},
              pages = {115--129}, publisher = {Routledge}, year = 2020}
            """)
        #expect(Self.reference(chapter) == "Dillard, J. P. (2020). Currents in the study of persuasion. In J. Bryant & M. B. Oliver (Eds.), <i>Media effects: Advances in theory and research</i> (pp. 115–129). Routledge.")
    }

    /// A chapter whose book is not named is referenced as a work of its own: no "In" before
    /// an empty title.
    @Test func aChapterWithoutItsBookTitleIsAWorkOfItsOwn() {
        let entry = Self.entry("@incollection{a, author = {Lave, Jean}, title = {Situated learning}, publisher = {CUP}, year = 1991}")
        #expect(Self.reference(entry) == "Lave, J. (1991). <i>Situated learning</i>. CUP.")
    }

    @Test func twoAuthorsJoinWithAnAmpersand() {
        let entry = Self.entry("@article{a, author = {Lave, Jean and Wenger, Etienne}, title = {T}, journal = {J}, year = 1991}")
        #expect(CitationStyle.inText(entry, year: "1991", narrative: false).plainText == "Lave & Wenger, 1991")
        #expect(Self.reference(entry).hasPrefix("Lave, J., & Wenger, E. (1991). T. <i>J</i>."))
    }

    @Test func moreThanTwentyAuthorsShowTheFirstNineteenAndTheLast() {
        let names = (1...23).map { "Author\($0), A." }.joined(separator: " and ")
        let entry = Self.entry("@article{many, author = {\(names)}, title = {T}, journal = {J}, year = 2020}")
        let list = (1...19).map { "Author\($0), A." }.joined(separator: ", ") + ", … Author23, A. (2020)."
        #expect(Self.reference(entry).hasPrefix(list))
    }

    @Test func corporateAuthorAndParticles() {
        let who = Self.entry("@misc{who, author = {{World Health Organization}}, title = {Report}, year = 2020}")
        #expect(CitationStyle.inText(who, year: "2020", narrative: false).plainText == "World Health Organization, 2020")
        #expect(Self.reference(who) == "World Health Organization. (2020). <i>Report</i>.")
        let particle = Self.entry("@article{v, author = {de Vries, Rob B. M. and van Gelder, Celia W.G.}, title = {T}, journal = {J}, year = 2014}")
        #expect(Self.reference(particle).hasPrefix("de Vries, R. B. M., & van Gelder, C. W. G. (2014)."))
    }

    @Test func withoutAuthorTheTitleLeadsAndWithoutYearNoDate() {
        let entry = Self.entry("@misc{x, title = {Merriam-Webster dictionary}, url = {https://www.merriam-webster.com}}")
        #expect(Self.reference(entry) == "<i>Merriam-Webster dictionary</i>. (n.d.). <a href=\"https://www.merriam-webster.com\">https://www.merriam-webster.com</a>")
        #expect(CitationStyle.inText(entry, year: "n.d.", narrative: false).plainText == "Merriam-Webster dictionary, n.d.")
    }

    @Test func aDOIInsideAURLBecomesTheLink() {
        let entry = Self.entry("@article{d, author = {A, B}, title = {T}, journal = {J}, year = 2018, url = {https://www.science.org/doi/full/10.1126/science.359.6377.730}}")
        #expect(Self.reference(entry).hasSuffix("<a href=\"https://doi.org/10.1126/science.359.6377.730\">10.1126/science.359.6377.730</a>"))
    }

    @Test func sameAuthorsAndYearGetLettersInReferenceListOrder() {
        let entries = BibTeXReader.read([.init(path: "t.bib", text: """
            @article{second, author = {Smith, Ann}, title = {Zebras}, journal = {J}, year = 2019}
            @article{first, author = {Smith, Ann}, title = {Apples}, journal = {J}, year = 2019}
            @article{other, author = {Smith, Ann}, title = {Bees}, journal = {J}, year = 2020}
            """)]).entries
        let (bibliography, diagnostics) = Bibliography.make(entries)
        #expect(diagnostics.isEmpty)
        #expect(bibliography.order == ["first", "second", "other"])
        #expect(bibliography.year(bibliography.entry("first")!) == "2019a")
        #expect(bibliography.year(bibliography.entry("second")!) == "2019b")
        #expect(bibliography.year(bibliography.entry("other")!) == "2020")
        #expect(bibliography.entry("FIRST")?.key == "first")
    }

    @Test func noLettersForOtherAuthorsOrForTwoKeysOfOneWork() {
        let entries = BibTeXReader.read([.init(path: "t.bib", text: """
            @misc{cc, author = {Creative Commons}, title = {Licenses}, year = 2020}
            @misc{odc, author = {Open Data Commons}, title = {Tools}, year = 2020}
            @article{one, author = {Lee, Kim}, title = {Same work}, journal = {J}, year = 2015}
            @article{two, author = {Lee, Kim}, title = {Same Work}, journal = {J}, year = 2015}
            """)]).entries
        let (bibliography, _) = Bibliography.make(entries)
        #expect(["cc", "odc", "one", "two"].map { bibliography.year(bibliography.entry($0)!) } == ["2020", "2020", "2015", "2015"])
    }

    @Test func aKeyDefinedTwiceWarnsAndTheFirstWins() {
        let entries = BibTeXReader.read([.init(path: "t.bib", text: "@misc{k, title = {One}}\n@misc{K, title = {Two}}")]).entries
        let (bibliography, diagnostics) = Bibliography.make(entries)
        #expect(bibliography.entry("k")?.text("title") == "One")
        #expect(diagnostics.map(\.id) == ["bibtex-duplicate-key"])
        #expect(diagnostics.first?.range?.start.line == 2)
    }
}

/// A reference entry as simple HTML (`<i>` for emphasis, as mystmd writes it), for comparisons.
enum ReferenceHTML {
    static func of(_ nodes: [Inline]) -> String {
        nodes.map { node -> String in
            switch node.kind {
            case .text(let text): return text
            case .emphasis(let children): return "<i>" + of(children) + "</i>"
            case .link(let url, _, let children): return "<a href=\"\(url)\">" + of(children) + "</a>"
            default: return node.plainText
            }
        }.joined()
    }
}
