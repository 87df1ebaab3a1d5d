@testable import CallbookCore
import Foundation
import Testing

/// Citations through a whole build, on small books written here: where the `.bib` files come
/// from, what the page shows, and what a reader is warned about.
@Suite struct CitationBuildTests {
    static let bib = """
        @string{pp = "Psychology Press"}
        @book{lave1991, author = {Lave, Jean and Wenger, Etienne}, title = {Situated Learning}, publisher = {Cambridge University Press}, year = 1991}
        @article{woodley2020, author = {Woodley, Louise and Pratt, Catherine and Ainsworth, Rachael}, title = {Virtual events},
          journal = {Zenodo}, year = 2020, doi = {10.5281/zenodo.3934385}}
        @book{brown2015, author = {Brown, Nicole}, title = {Epistemology}, publisher = pp, year = 2015}
        """

    static func html(_ result: BuildResult, _ page: String) throws -> String {
        try #require(BuildInspection.page(result, page), "no page \(page)")
    }

    @Test func mystYmlNamesTheBibliographyAndPagesCiteIt() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Cites\n  bibliography:\n    - refs/works.bib\n  toc:\n    - file: index.md\n")
        try book.write("refs/works.bib", Self.bib)
        try book.write("index.md", """
            # Cites

            {cite:t}`lave1991` show it {cite:p}`woodley2020, brown2015`; so does @brown2015, unlike @octocat.
            See [the report](https://doi.org/10.5281/zenodo.3934385) and {cite:p}`lave1990`.
            """)
        let result = await book.build()
        let page = try Self.html(result, "index.html")
        #expect(page.contains(##"<a class="citation" href="#cite-lave1991" data-cite="lave1991">Lave &amp; Wenger (1991)</a> show it"##))
        #expect(page.contains(##"(<a class="citation" href="#cite-woodley2020" data-cite="woodley2020">Woodley <em>et al.</em>, 2020</a>; <a class="citation" href="#cite-brown2015" data-cite="brown2015">Brown, 2015</a>)"##))
        #expect(page.contains(##"so does <a class="citation" href="#cite-brown2015" data-cite="brown2015">Brown (2015)</a>, unlike @octocat."##))
        #expect(page.contains(##"See <a class="citation" href="#cite-woodley2020" data-cite="woodley2020">the report</a>"##))
        // The reference list: cited works only, in author order, each with its id and key.
        let references = try #require(page.range(of: ##"<section class="references""##).map { String(page[$0.lowerBound...]) })
        let ids = references.components(separatedBy: "<li id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(ids == ["cite-brown2015", "cite-lave1991", "cite-woodley2020"])
        #expect(references.contains(##"<li id="cite-brown2015" data-cite="brown2015">Brown, N. (2015). <em>Epistemology</em>. Psychology Press.</li>"##))
        #expect(references.contains(##"<a href="https://doi.org/10.5281/zenodo.3934385">10.5281/zenodo.3934385</a>"##))
        // One warning: the unknown key, with a suggestion. `@octocat` is no key and no warning.
        let warnings = result.diagnostics.filter { $0.id.hasPrefix("citation") }
        #expect(warnings.map(\.description) == ["book/index.md:4:62: warning: no bibliography entry 'lave1990'; did you mean 'lave1991'? [citation-unknown]"])
    }

    @Test func jupyterBookConfigAndTheBibliographyDirective() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("_config.yml", "title: JB\nbibtex_bibfiles:\n  - works.bib\n")
        try book.write("_toc.yml", "format: jb-book\nroot: intro\nchapters:\n  - file: biblio\n")
        try book.write("works.bib", Self.bib)
        try book.write("extra/more.bib", "@misc{zeta2001, author = {Zeta, Ann}, title = {Last}, year = 2001}")
        try book.write("intro.md", "# Intro\n\nAs {cite:p}`brown2015` says.\n")
        try book.write("biblio.md", """
            # Bibliography

            ```{bibliography} extra/more.bib
            :all:
            ```

            ```{bibliography}
            :filter: cited
            ```
            """)
        let result = await book.build()
        let page = try Self.html(result, "biblio.html")
        let lists = page.components(separatedBy: "<ul class=\"bibliography\">").dropFirst()
        #expect(lists.count == 2)
        let keys = lists.map { $0.components(separatedBy: "data-cite=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) } }
        #expect(keys.first == ["brown2015", "lave1991", "woodley2020", "zeta2001"])
        #expect(keys.last == ["brown2015"])
        #expect(!page.contains("class=\"references\""))
        // The intro cites and gets its own list.
        #expect(try Self.html(result, "intro.html").contains(##"<li id="cite-brown2015" data-cite="brown2015">"##))
        #expect(result.diagnostics.filter { $0.id.hasPrefix("bib") || $0.id.hasPrefix("citation") }.isEmpty,
                "\(BuildInspection.describe(result.diagnostics))")
    }

    @Test func referencesBibBesideTheBookIsTheDefaultAndErrorsNameTheirLine() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("references.bib", Self.bib + "\n\n@article{broken, title = {No comma} year = 2000}\n")
        try book.write("index.md", "# Home\n\n{cite}`brown2015` and {cite}`broken`.\n")
        let result = await book.build()
        #expect(try Self.html(result, "index.html").contains("Brown (2015)</a>"))
        let problems = result.diagnostics.filter { $0.id.hasPrefix("bib") || $0.id.hasPrefix("citation") }.map(\.description)
        #expect(problems.contains { $0.hasPrefix("book/references.bib:7:") && $0.contains("error:") && $0.hasSuffix("[bibtex-syntax]") },
                "\(problems)")
        #expect(problems.contains("book/index.md:3:23: warning: no bibliography entry 'broken' [citation-unknown]"))
    }

    /// A `{bibliography}` that names a file makes the book's bibliography that file: the
    /// default `references.bib` is for books that name none.
    @Test func aDirectiveNamingAMissingFileIsAWarningAtTheDirective() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("references.bib", Self.bib)
        try book.write("index.md", "# Home\n\n```{bibliography} missing.bib\n```\n")
        let result = await book.build()
        let problems = result.diagnostics.filter { $0.id.hasPrefix("bib") }.map(\.description)
        #expect(problems == ["book/index.md:3:1: warning: bibliography file 'missing.bib' does not exist [bibliography-missing]",
                             "book/index.md:3:1: warning: {bibliography} has nothing to list: no bibliography entry was read [bibliography-empty]"])
    }

    /// The configuration's files are read while chapters are parsed (with more than one job);
    /// a `{bibliography}` naming another file makes all of them read again, in order: a macro
    /// the configuration's file defines is known in the directive's file, and with one job the
    /// site is the same.
    @Test func aDirectiveNamingAnotherFileReadsAfterTheConfiguredOnes() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Two files\n  bibliography:\n    - first.bib\n  toc:\n    - file: index.md\n")
        try book.write("first.bib", "@string{tp = {Test Press}}\n@book{one2020, author = {One, Ann}, title = {First}, publisher = tp, year = 2020}\n")
        try book.write("second.bib", "@book{two2021, author = {Two, Bea}, title = {Second}, publisher = tp, year = 2021}\n")
        try book.write("index.md", "# Home\n\nSee {cite:p}`one2020` and {cite:p}`two2021`.\n\n```{bibliography} second.bib\n```\n")
        var pages: [String] = []
        for jobs in [2, 1] {
            var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: book.outside("site-\(jobs)"),
                                       themeDirectory: TemporaryBook.themeDirectory)
            options.jobs = jobs
            let result = await Build.run(options)
            #expect(BuildInspection.problems(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")
            pages.append(try Self.html(result, "index.html"))
        }
        #expect(pages[0] == pages[1])
        // Both works are cited, and the second's publisher is the first file's macro.
        #expect(pages[0].contains("One, 2020"))
        #expect(pages[0].contains("Two, 2021"))
        #expect(pages[0].contains("Test Press"))
    }

    /// `{cite:ps}` and `{cite:ts}` read as mystmd 1.11 renders them (run on these entries:
    /// "Woodley et al., 2020" / "Woodley et al. (2020)", "Lave & Wenger, 1991" / "Lave & Wenger
    /// (1991)"; the parenthetical ones in a citeGroup): the same texts as `{cite:p}` and `{cite:t}`.
    /// sphinxcontrib-bibtex documents them with every author named; mystmd, which The Turing
    /// Way's `{cite:ps}` pages are checked against, does not.
    @Test func psAndTsReadAsMystmdRendersThem() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("references.bib", Self.bib)
        try book.write("index.md", "A {cite:ps}`woodley2020` B {cite:ts}`woodley2020` C {cite:ps}`lave1991` D {cite:ts}`lave1991`\n")
        let (loaded, _) = try book.load()
        let chapters = await ChapterParser(files: loaded.files).parse(loaded.chapters)
        let (bibliography, _) = BibliographyLoader.load(loaded, requests: [])
        let resolved = await BookResolver().resolve(loaded, chapters: chapters, bibliography: bibliography)
        var cites: [String] = []
        resolved.chapters[0].document.walk(block: { _ in }, inline: { inline in
            guard case .cite(let citation) = inline.kind else { return }
            cites += citation.items.map { "\(citation.kind.rawValue) \(($0.text ?? []).plainText)" }
        })
        #expect(cites == ["parenthetical Woodley et al., 2020", "narrative Woodley et al. (2020)",
                          "parenthetical Lave & Wenger, 1991", "narrative Lave & Wenger (1991)"])
        let json = MdastJSON(includePositions: false).encode(resolved.chapters[0].document).filter { !$0.isWhitespace }
        #expect(json.components(separatedBy: ##"{"type":"citeGroup","kind":"parenthetical""##).count - 1 == 2)
    }

    @Test func theResolvedASTShowsCitesAsMystmdDoes() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("references.bib", Self.bib)
        try book.write("index.md", "{cite:p}`woodley2020` and {cite:t}`lave1991`\n")
        let (loaded, _) = try book.load()
        let chapters = await ChapterParser(files: loaded.files).parse(loaded.chapters)
        let (bibliography, _) = BibliographyLoader.load(loaded, requests: [])
        let resolved = await BookResolver().resolve(loaded, chapters: chapters, bibliography: bibliography)
        let json = MdastJSON(includePositions: false).encode(resolved.chapters[0].document)
        let compact = json.filter { !$0.isWhitespace }
        #expect(compact.contains(##"{"type":"citeGroup","kind":"parenthetical","children":[{"type":"cite","kind":"parenthetical","label":"woodley2020","identifier":"woodley2020","children":[{"type":"text","value":"Woodley"},{"type":"emphasis","children":[{"type":"text","value":"etal."}]},{"type":"text","value":",2020"}]}]}"##))
        #expect(compact.contains(##"{"type":"cite","kind":"narrative","label":"lave1991","identifier":"lave1991","children":[{"type":"text","value":"Lave&Wenger(1991)"}]}"##))
    }

    /// A `.bib` outside the project root is not read, as no book file is.
    @Test func aBibliographyOutsideTheProjectRootIsNotRead() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try FileManager.default.createDirectory(at: book.directory.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try book.write("../secret.bib", "@misc{secret, title = {SECRET-TITLE}, year = 2020}")
        try book.write("myst.yml", "version: 1\nproject:\n  bibliography: ../secret.bib\n  toc:\n    - file: index.md\n")
        try book.write("index.md", "# Home\n\n{cite}`secret`\n")
        let result = await book.build()
        #expect(result.diagnostics.contains { $0.id == "read-outside-root" && $0.message.contains("secret.bib") })
        #expect(!(try Self.html(result, "index.html")).contains("SECRET-TITLE"))
    }
}
