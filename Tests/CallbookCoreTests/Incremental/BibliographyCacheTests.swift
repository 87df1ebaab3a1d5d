@testable import CallbookCore
import Foundation
import Testing

/// The bibliography cache (`.callbook-cache/<output>.bibliography`): what BibTeX made of the
/// `.bib` files, kept for a build whose files hold the same texts. It reads back as what was
/// stored; a damaged file, or another binary's, is never trusted; a build takes its entries
/// only while the texts are the ones they came from.
@Suite struct BibliographyCacheTests {
    /// Entries with every kind of name part, macros, a warning and a syntax error.
    static let bib = """
        @string{pp = "Psychology Press"}
        @book{beethoven1800, author = {van Beethoven, Jr., Ludwig and {World Health Organization} and others},
          editor = {de la Fontaine, Jean}, title = {Sonatas}, publisher = pp, year = 1800}
        @article{woodley2020, author = {Woodley, Louise}, title = {Virtual events}, journal = {Zenodo}, year = 2020,
          doi = {10.5281/zenodo.3934385}}
        @misc{broken, title = {No closing brace}
        @book{after2021, author = {After, Anna}, title = {Later}, year = 2021}
        """

    static func parsed(_ text: String, path: String = "refs.bib") -> BibliographyLoader.ParsedSources {
        let (entries, diagnostics) = BibTeXReader.read([.init(path: path, text: text)])
        return BibliographyLoader.ParsedSources(hash: 0x1234_5678_9ABC_DEF0, entries: entries, diagnostics: diagnostics)
    }

    @Test func storedEntriesReadBackAsTheyWere() throws {
        var all = [Self.parsed(Self.bib)]
        if SharedData.isAvailable {
            let turingWay = try SharedData.path("corpus/turing-way/website/references.bib")
            all.append(Self.parsed(try String(contentsOf: turingWay, encoding: .utf8), path: "website/references.bib"))
        }
        for parsed in all {
            #expect(!parsed.entries.isEmpty)
            let read = try #require(BibliographyCache.read(Array(BibliographyCache.contents(parsed))))
            #expect(read == parsed)
        }
        // The names' parts are there to compare: "van", "Jr." and a corporate author.
        let beethoven = try #require(all[0].entries.first { $0.key == "beethoven1800" })
        #expect(beethoven.authors.first?.von == ["van"] && beethoven.authors.first?.jr == ["Jr."])
        #expect(!all[0].diagnostics.isEmpty)
    }

    /// The bibliography's order and year letters are kept with the entries and taken over by
    /// the next `make` of them, unless they do not name each entry's key once.
    @Test func theOrderAndYearLettersAreKeptAndTakenOver() throws {
        // Two works of one author and year: lettered by title ("Later" before "Sooner", APA 8.19).
        // (Before `bib`'s entries: its unclosed one swallows what follows it.)
        let bib = """
            @book{after2021b, author = {After, Anna}, title = {Sooner}, year = 2021}
            @book{after2021, author = {After, Anna}, title = {Later}, year = 2021}

            """ + Self.bib
        var parsed = Self.parsed(bib)
        let (made, _) = Bibliography.make(parsed.entries)
        #expect(made.reading.letteredYears == ["after2021": "2021a", "after2021b": "2021b"])
        parsed.reading = made.reading
        let read = try #require(BibliographyCache.read(Array(BibliographyCache.contents(parsed))))
        #expect(read == parsed)
        // Taken over as it is: an order reversed (as no sort would make it) shows it was.
        var reversed = made.reading
        reversed.order.reverse()
        #expect(Bibliography.make(parsed.entries, reading: reversed).0.order == reversed.order)
        // One key missing, one foreign, one twice, a letter for a key not there: worked out again.
        var missing = made.reading
        missing.order.removeLast()
        var foreign = made.reading
        foreign.order[0] = "elsewhere1999"
        var twice = made.reading
        twice.order[1] = twice.order[0]
        var stray = made.reading
        stray.letteredYears["elsewhere1999"] = "1999a"
        for reading in [missing, foreign, twice, stray] {
            let again = Bibliography.make(parsed.entries, reading: reading).0
            #expect(again.order == made.order)
            #expect(again.reading == made.reading)
        }
    }

    @Test func aDamagedFileOrAnotherBinarysIsNoCache() throws {
        let contents = Array(BibliographyCache.contents(Self.parsed(Self.bib)))
        for length in stride(from: 0, to: contents.count, by: max(1, contents.count / 80)) {
            #expect(BibliographyCache.read(Array(contents.prefix(length))) == nil, "cut at \(length)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var damaged = contents
            damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            _ = BibliographyCache.read(damaged)  // read or refused, never a crash
        }
        var writer = RecordWriter()
        writer.bytes.append(BibliographyCache.header)
        writer.text("0.0.1 /another/callbook")
        #expect(BibliographyCache.read(writer.bytes.bytes + contents.dropFirst(writer.bytes.bytes.count)) == nil)
    }

    /// A planted entry proves a build takes the stored entries while the `.bib` texts are the
    /// same, and parses again once they change; the site is the one a build without the cache makes.
    @Test func aBuildTakesStoredEntriesOnlyForTheSameTexts() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        try book.write("references.bib", Self.bib)
        try book.write("one/gamma.md", "# Gamma\n\nAs {cite:t}`woodley2020` and {cite:t}`planted2000` say.\n")
        let site = book.outside("site")
        let first = await Build.run(book.options(output: site, cache: true))
        #expect(first.wroteSite)
        #expect(first.diagnostics.contains { $0.id == "bibtex-syntax" })
        let file = BibliographyCache.file(beside: site)
        var stored = try #require(BibliographyCache.load(file))
        #expect(stored.entries.map(\.key).contains("woodley2020"))
        let range = try #require(stored.entries.first?.range)
        stored.entries.append(BibEntry(key: "planted2000", type: "book", fields: ["title": "Planted", "year": "2000"],
                                       authors: [BibName(last: ["Planter"])], range: range))
        try Data(BibliographyCache.contents(stored)).write(to: file)

        try book.write("one/gamma.md", "# Gamma\n\nAs {cite:t}`woodley2020` and {cite:t}`planted2000` say, again.\n")
        let planted = await Build.run(book.options(output: site, cache: true))
        let gamma = try #require(BuildInspection.page(planted, "one/gamma.html"))
        #expect(gamma.contains("Planter (2000)"))
        // The stored diagnostics come along: the syntax error is reported as if parsed again.
        #expect(first.diagnostics.contains { $0.message.contains("planted2000") })
        #expect(!planted.diagnostics.contains { $0.message.contains("planted2000") })
        #expect(planted.diagnostics.filter { $0.id.hasPrefix("bibtex") } == first.diagnostics.filter { $0.id.hasPrefix("bibtex") })

        try book.write("references.bib", Self.bib + "\n@misc{extra, title = {Extra}}\n")
        let reparsed = await Build.run(book.options(output: site, cache: true))
        #expect(!(try #require(BuildInspection.page(reparsed, "one/gamma.html"))).contains("Planter (2000)"))
        #expect(BibliographyCache.load(file).map { $0.entries.map(\.key).contains("extra") } == true)
        let clean = book.outside("clean")
        let cleanResult = await Build.run(book.options(output: clean, cache: false))
        #expect(Maintainer.differences(site, clean).isEmpty)
        #expect(reparsed.diagnostics == cleanResult.diagnostics)
    }
}
