@testable import CallbookCore
import Testing

/// BibTeX as real `.bib` files hold it, read through libbtparse; expected values worked out by
/// hand from the BibTeX rules (macros, `#` joins, name parts).
@Suite struct BibTeXReaderTests {
    static func read(_ text: String, path: String = "refs.bib") -> ([BibEntry], [Diagnostic]) {
        let (entries, diagnostics) = BibTeXReader.read([.init(path: path, text: text)])
        return (entries, diagnostics)
    }

    @Test func stringMacrosConcatenationAndMonthMacros() {
        let (entries, diagnostics) = Self.read("""
            @string{jws = "Journal of Web Semantics"}
            @article{a,
              journal = jws # ", special issue",
              month = mar,
              year = 2015
            }
            """)
        #expect(diagnostics.isEmpty)
        #expect(entries.count == 1)
        #expect(entries[0].fields["journal"] == "Journal of Web Semantics, special issue")
        #expect(entries[0].fields["month"] == "March")
        #expect(entries[0].fields["year"] == "2015")
        #expect(entries[0].type == "article")
        #expect(entries[0].range == SourceRange(file: "refs.bib", line: 2, column: 1))
    }

    @Test func namesSplitIntoTheirFourParts() {
        let (entries, _) = Self.read("""
            @book{b, author = {Ludwig van Beethoven and de la Cruz, Juana In{\\'e}s and King, Jr., Martin Luther and {World Health Organization} and others}}
            """)
        let names = entries[0].authors
        #expect(names.count == 5)
        #expect(names[0] == BibName(first: ["Ludwig"], von: ["van"], last: ["Beethoven"]))
        #expect(names[1] == BibName(first: ["Juana", "In{\\'e}s"], von: ["de", "la"], last: ["Cruz"]))
        #expect(names[1].given == "Juana Inés")
        #expect(names[1].family == "de la Cruz")
        #expect(names[2] == BibName(first: ["Martin", "Luther"], last: ["King"], jr: ["Jr."]))
        #expect(names[3].last == ["{World Health Organization}"])
        #expect(names[3].family == "World Health Organization")
        #expect(names[4].isOthers)
    }

    @Test func aMalformedEntryIsAnErrorAtItsLineAndTheOthersAreRead() {
        let (entries, diagnostics) = Self.read("""
            @article{good1, title = {One}}

            @article{broken, title = {Two} year = 2020}

            @article{good2, title = {Three}}
            """)
        #expect(entries.map(\.key) == ["good1", "good2"])
        let error = diagnostics.first { $0.severity == .error }
        #expect(error?.id == "bibtex-syntax")
        #expect(error?.range?.file == "refs.bib")
        #expect(error?.range?.start.line == 3)
    }

    /// btparse keeps the file it reads in a C global: an error at the very end of one file once
    /// made it drop every entry of the next.
    @Test func anErrorAtTheEndOfOneFileLosesNothingOfTheNext() {
        let (entries, diagnostics) = BibTeXReader.read([
            .init(path: "first.bib", text: "@misc{a, title = {A}}\njunk at the end"),
            .init(path: "second.bib", text: "@misc{b, title = {B}}\n@misc{c, title = {C}}\n"),
        ])
        #expect(entries.map(\.key) == ["a", "b", "c"])
        #expect(diagnostics.allSatisfy { $0.range?.file == "first.bib" })
    }

    @Test func macrosOfOneReadDoNotLeakIntoTheNext() {
        _ = Self.read("@string{pub = \"First Press\"}\n@book{a, publisher = pub}")
        let (entries, diagnostics) = Self.read("@book{b, publisher = pub}")
        #expect(entries[0].fields["publisher"] == "")
        #expect(diagnostics.contains { $0.id == "bibtex-warning" && $0.message.contains("pub") })
    }

    @Test func fieldsAsPlainText() {
        let (entries, _) = Self.read("""
            @misc{m,
              title = {{DNA} and the {\\"O}sterreich {\\&} Co.\\ case --- pages 3--5},
              doi = {10.1000/xyz},
              howpublished = {\\url{https://example.org/a_b}},
              note = {Accessed 2020}
            }
            """)
        let entry = entries[0]
        #expect(entry.text("title") == "DNA and the Österreich & Co. case — pages 3–5")
        #expect(entry.text("howpublished") == "https://example.org/a_b")
        #expect(entry.fields["doi"] == "10.1000/xyz")
        #expect(entry.text("note") == "Accessed 2020")
        #expect(entry.text("missing") == nil)
    }

    @Test func emptyTextReadsNothing() {
        let (entries, diagnostics) = Self.read("")
        #expect(entries.isEmpty)
        #expect(diagnostics.isEmpty)
    }
}
