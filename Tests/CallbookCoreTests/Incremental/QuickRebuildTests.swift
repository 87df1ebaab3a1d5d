@testable import CallbookCore
import Foundation
import Testing

/// A `callbook build` after edits to chapter files alone (`QuickRebuild`): only the edited
/// chapters, and the pages that show their previews, are parsed, resolved and rendered; the
/// others stand in from the chapter cache. Every step is checked against a clean build of the
/// same book: the same files byte for byte and the same diagnostics in the same order. Edits
/// that change what other pages show (a title, a label, the works cited) must build the whole
/// book again.
@Suite("Quick rebuilds after chapter edits", .tags(.slow), .skippedWhenFast)
struct QuickRebuildTests {
    /// Four chapters that reference each other, cite a bibliography, and carry diagnostics of
    /// every stage: a missing image (Resolve's first pass), an unknown directive (Parse), an
    /// unknown label with a "did you mean" (binding).
    static func book() throws -> TemporaryBook {
        let book = try TemporaryBook()
        try book.write("myst.yml", """
            version: 1
            project:
              title: Quick Rebuild Handbook
              toc:
                - file: a.md
                - file: b.md
                - file: c.md
                - file: d.md

            """)
        try book.write("references.bib", """
            @book{knuth1984, author = {Donald Knuth}, title = {Literate Programming}, year = {1984}}
            @article{lamport1978, author = {Leslie Lamport}, title = {Time, Clocks}, year = {1978}}

            """)
        try book.write("a.md", """
            (ch-a)=
            # Alpha

            ![A missing picture](missing.png)

            (sec-a-detail)=
            ## Alpha details

            The first words under the details heading.

            """)
        try book.write("b.md", """
            # Beta

            Beta points at {ref}`sec-a-detail` and cites {cite:p}`knuth1984`.

            ```{bibliography}
            ```

            """)
        try book.write("c.md", """
            # Gamma

            Gamma mentions {ref}`sec-a-detial` by mistake.

            ```{nosuchdirective}
            body
            ```

            """)
        try book.write("d.md", """
            # Delta

            Delta shows part of Gamma:

            ```{include} c.md
            :start-line: 2
            :end-line: 3
            ```

            ```{include} parts/note.md
            ```

            """)
        try book.write("parts/note.md", "A note kept apart, version one.\n")
        return book
    }

    /// Builds into `site` with the cache and, cleanly, into a new folder; compares every byte
    /// and every diagnostic.
    struct Stepper {
        let book: TemporaryBook
        var site: URL { book.outside("site") }
        var count = 0
        /// Pages written as they are rendered, as the command line's builds do.
        var handsPagesOn = false

        init(book: TemporaryBook) {
            self.book = book
        }

        func options(_ output: URL, cache: Bool) -> BuildOptions {
            var options = BuildOptions(bookDirectory: book.directory, displayRoot: "book", output: output,
                                       themeDirectory: TemporaryBook.themeDirectory, today: Maintainer.today)
            if cache { options.cacheFile = BuildCache.file(beside: output) }
            options.handsPagesOn = handsPagesOn
            return options
        }

        /// - Parameters:
        ///   - quick: whether the build must be a quick one (else a full one); nil: either.
        ///   - rendered: the pages it must render, when known.
        @discardableResult
        mutating func step(_ name: String, quick: Bool?, rendered: Set<String>? = nil,
                           sourceLocation: SourceLocation = #_sourceLocation) async -> BuildResult {
            count += 1
            let result = await Build.run(options(site, cache: true))
            let stages = result.stageTimes.map(\.stage)
            let wasQuick = stages.contains("parse (edited chapters)") && !stages.contains("parse")
            if let quick {
                #expect(wasQuick == quick, "\(name): quick is \(wasQuick) (stages \(stages))", sourceLocation: sourceLocation)
            }
            #expect(result.wroteSite && !result.fatal, "\(name): not written", sourceLocation: sourceLocation)
            if let rendered, handsPagesOn {
                // Pages handed on are not kept: how many were drawn.
                #expect(result.renderedPages == rendered.count, "\(name): rendered \(result.renderedPages)", sourceLocation: sourceLocation)
            } else if let rendered {
                // The chapter pages rendered (not the `index.html` redirect, always made).
                let pages = Set((result.site?.pages ?? []).map(\.path)).subtracting(["index.html"])
                #expect(pages == rendered, "\(name): rendered \(pages.sorted())", sourceLocation: sourceLocation)
            }
            let clean = book.outside("clean-\(count)")
            defer { try? FileManager.default.removeItem(at: clean) }
            let cleanResult = await Build.run(options(clean, cache: false))
            let differences = Maintainer.differences(site, clean)
            #expect(differences.isEmpty, "\(name): differs from a clean build:\n\(differences.joined(separator: "\n"))",
                    sourceLocation: sourceLocation)
            #expect(result.diagnostics == cleanResult.diagnostics,
                    "\(name): diagnostics differ:\n\(result.diagnostics)\n\(cleanResult.diagnostics)", sourceLocation: sourceLocation)
            return result
        }
    }

    /// Writes `text` as editors that save atomically do: a new file renamed over the old one
    /// (the folder's stamp changes, its names do not).
    static func saveAtomically(_ book: TemporaryBook, _ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: book.directory.appendingPathComponent(path), options: .atomic)
    }

    static func edit(_ book: TemporaryBook, _ path: String, _ old: String, _ new: String) throws {
        let url = book.directory.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        try #require(text.contains(old), "\(path) has no '\(old)'")
        try book.write(path, text.replacingOccurrences(of: old, with: new))
    }

    @Test("each kind of chapter edit builds quickly or fully as it must, and always as a clean build")
    func editsBuildAsACleanBuild() async throws {
        let book = try Self.book()
        defer { book.remove() }
        var steps = Stepper(book: book)
        let first = await steps.step("first build", quick: false)
        // The book's diagnostics, one of each stage, are there to be carried over.
        #expect(Set(first.diagnostics.map(\.id)).isSuperset(of: ["image-missing", "reference-unresolved"]))
        #expect(first.diagnostics.contains { $0.message.contains("did you mean 'sec-a-detail'") })
        #expect(FileManager.default.fileExists(atPath: ChapterCache.file(beside: steps.site).path))

        try Self.edit(book, "b.md", "Beta points", "Beta, edited, points")
        await steps.step("a paragraph of b", quick: true, rendered: ["b.html"])
        // The search sections are kept under the keys the pages have now (the index of a quick
        // rebuild starts before the edited page's key is drawn): the next build can take b's.
        let pageKeys = BuildCache(file: BuildCache.file(beside: steps.site)).load(output: steps.site)
        let searchKeys = SearchCache.load(SearchCache.file(beside: steps.site)).pages.map { ($0.path, $0.key) }
        #expect(searchKeys.count == 4 && searchKeys.allSatisfy { pageKeys[$0.0] == $0.1 }, "\(searchKeys) \(pageKeys)")

        // Two lines above everything in a: every range in it moves, nothing another page shows.
        let a = try String(contentsOf: book.directory.appendingPathComponent("a.md"), encoding: .utf8)
        try Self.saveAtomically(book, "a.md", "\n\n" + a)
        let moved = await steps.step("lines added at the top of a, saved atomically", quick: true, rendered: ["a.html"])
        let image = try #require(moved.diagnostics.first { $0.id == "image-missing" })
        #expect(image.range?.start.line == 6)  // line 4 of the first version, two lines down

        // The preview of a's section changes: b, which references it, shows that preview.
        try Self.edit(book, "a.md", "The first words", "The new first words")
        let preview = await steps.step("the first paragraph under a's heading", quick: true, rendered: ["a.html", "b.html"])
        let beta = try String(contentsOf: steps.site.appendingPathComponent("b.html"), encoding: .utf8)
        #expect(beta.contains("The new first words"))
        #expect(preview.renderedPages == 2)

        try Self.edit(book, "c.md", "by mistake.", "by mistake, and {ref}`ch-aa` too.")
        let unknown = await steps.step("another unknown label in c", quick: true)
        #expect(unknown.diagnostics.contains { $0.message.contains("'ch-aa'") && $0.message.contains("did you mean 'ch-a'") })

        // c is included by d: both are made again.
        try Self.edit(book, "c.md", "Gamma mentions", "Gamma now mentions")
        await steps.step("c, included by d", quick: true, rendered: ["c.html", "d.html"])

        // A file that is no chapter, included by d.
        try Self.edit(book, "parts/note.md", "version one", "version two")
        await steps.step("a file d includes", quick: true, rendered: ["d.html"])

        try Self.edit(book, "d.md", "Delta shows", "Delta cites {cite:t}`knuth1984` and shows")
        await steps.step("a work cited already, cited again", quick: true, rendered: ["d.html"])

        try Self.edit(book, "d.md", "Delta cites", "Delta cites {cite:t}`lamport1978` and")
        await steps.step("a work cited for the first time (b's list grows)", quick: false)

        // A heading renamed: b's reference shows its text (b also shows a's previews).
        try Self.edit(book, "a.md", "## Alpha details", "## Alpha in detail")
        await steps.step("a heading that b's reference shows", quick: true, rendered: ["a.html", "b.html"])

        // c (and d, which includes that line of c) link to a heading and a label a does not
        // have yet. Neither references anything in a: only what they looked up ties them to it.
        try Self.edit(book, "c.md", "by mistake, and", "by mistake, [](#alpha-more), {ref}`later-label` and")
        let before = await steps.step("links to targets not there yet", quick: true, rendered: ["c.html", "d.html"])
        #expect(before.diagnostics.contains { $0.message == "no target 'later-label' for {ref}" })
        try Self.edit(book, "a.md", "The new first words", "The new first words.\n\n## Alpha more\n\nMore words")
        await steps.step("the heading they link to, added", quick: true, rendered: ["a.html", "b.html", "c.html", "d.html"])
        let gamma = try String(contentsOf: steps.site.appendingPathComponent("c.html"), encoding: .utf8)
        #expect(gamma.contains("href=\"a.html#alpha-more\""))
        try Self.edit(book, "a.md", "More words", "(later-label)=\nMore words")
        // b's page shows only the preview of sec-a-detail, the same now: its key, and page, stay.
        let labelled = await steps.step("the label they reference, added", quick: true, rendered: ["a.html", "c.html", "d.html"])
        #expect(!labelled.diagnostics.contains { $0.message.contains("'later-label'") })
        try Self.edit(book, "a.md", "## Alpha more\n", "")
        await steps.step("the heading they link to, removed", quick: true, rendered: ["a.html", "c.html", "d.html"])

        try Self.edit(book, "c.md", "# Gamma", "# Gamma, renamed")
        await steps.step("a page title, in every page's navigation", quick: false)

        // No page looked up the new label: only c, and d which includes c, are made again.
        try Self.edit(book, "c.md", "Gamma now", "(new-label)=\nGamma now")
        await steps.step("a new label", quick: true, rendered: ["c.html", "d.html"])

        // Files other than chapters and what they include: a full build.
        try book.write("missing.png", "not really a picture")
        await steps.step("the missing image appears", quick: false)

        // A damaged chapter cache is no shortcut.
        let cache = ChapterCache.file(beside: steps.site)
        let bytes = try Data(contentsOf: cache)
        try bytes.prefix(bytes.count / 2).write(to: cache)
        try Self.edit(book, "b.md", "Beta, edited", "Beta, edited twice,")
        await steps.step("after the chapter cache was cut in half", quick: false)
    }

    /// An asset whose source is unchanged is linked from the previous site unread, but only when
    /// the last build copied it from that same source: a figure outside the book
    /// (`../figures/x.png`) and one inside it at `_assets/_up/figures/x.png` go to the same place
    /// in the site, and the later chapter's wins. When b stops showing the inside one, neither
    /// file changed (the last build looked at both), yet the site must now hold the other's bytes.
    /// Both ways of writing: the pages handed on as they are rendered (the command line's), and
    /// the site written whole.
    @Test("assets: linked unread from the previous site only when copied from the same, unchanged source",
          arguments: [true, false])
    func assetsLinkedOnlyFromTheSameSource(handsPagesOn: Bool) async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Assets\n  toc:\n    - file: a.md\n    - file: b.md\n")
        try book.write("a.md", "# A\n\n![Outside](../figures/x.png)\n\n![Here](pic.png)\n")
        try book.write("b.md", "# B\n\n![Inside](_assets/_up/figures/x.png)\n")
        try book.write("../figures/x.png", "the picture outside the book")
        try book.write("_assets/_up/figures/x.png", "the picture inside the book")
        try book.write("pic.png", "a picture, version one")
        var steps = Stepper(book: book)
        steps.handsPagesOn = handsPagesOn
        await steps.step("first build", quick: false)
        let manifest = try #require(BuildManifest(text: String(contentsOf: BuildManifest.file(beside: steps.site), encoding: .utf8)))
        #expect(manifest.assets["_assets/_up/figures/x.png"] == book.directory.appendingPathComponent("_assets/_up/figures/x.png").path)
        #expect(manifest.assets["pic.png"] == book.directory.appendingPathComponent("pic.png").path)
        #expect(manifest.assets["_static/style.css"] != nil)
        func site(_ path: String) throws -> String { try String(contentsOf: steps.site.appendingPathComponent(path), encoding: .utf8) }
        #expect(try site("_assets/_up/figures/x.png") == "the picture inside the book")

        try Self.edit(book, "a.md", "# A", "# A\n\nA new first line.")
        await steps.step("a paragraph of a", quick: true, rendered: ["a.html"])
        #expect(try site("_assets/_up/figures/x.png") == "the picture inside the book")

        try Self.edit(book, "b.md", "![Inside](_assets/_up/figures/x.png)", "No picture any more.")
        await steps.step("b's picture removed: a's, outside the book, goes to the same place", quick: true, rendered: ["b.html"])
        #expect(try site("_assets/_up/figures/x.png") == "the picture outside the book")

        try Self.edit(book, "b.md", "No picture any more.", "![Inside](_assets/_up/figures/x.png)")
        await steps.step("b's picture back", quick: true, rendered: ["b.html"])
        #expect(try site("_assets/_up/figures/x.png") == "the picture inside the book")

        try book.write("pic.png", "a picture, version two")
        await steps.step("a picture edited", quick: false)
        #expect(try site("pic.png") == "a picture, version two")
    }

    /// A page shows the previews of the targets its references land on, not of every target of
    /// the page they are on: a heading added at the end of a (whose previews gain one) leaves b,
    /// which shows a's section preview only, out of the rebuild. Asked of `QuickRebuild.start`
    /// directly (b would not be rendered either way: its key is the same).
    @Test("a new preview on a page: only the pages showing a changed preview are made again")
    func onlyPagesShowingAChangedPreview() async throws {
        let book = try Self.book()
        defer { book.remove() }
        var steps = Stepper(book: book)
        await steps.step("first build", quick: false)
        try Self.edit(book, "a.md", "under the details heading.", "under the details heading.\n\n## Alpha appendix\n\nAppendix words.")
        let options = steps.options(steps.site, cache: true)
        guard case .changed(_, let inputs?) = BuildManifest.check(options.manifestKey(output: steps.site),
                                                                  file: BuildManifest.file(beside: steps.site)) else {
            Issue.record("the manifest does not see a.md alone changed")
            return
        }
        let (loaded, _) = try BookLoader(directory: book.directory, displayRoot: "book").load()
        let last = QuickRebuild.LastBuild(keys: BuildCache(file: BuildCache.file(beside: steps.site)).load(output: steps.site),
                                          search: SearchCache.load(SearchCache.file(beside: steps.site)),
                                          chapters: ChapterCache.load(ChapterCache.file(beside: steps.site)))
        let quick = try #require(await QuickRebuild.start(loaded, changed: inputs, last: last))
        #expect(quick.rebuilt.keys.sorted() == [0], "made again: \(quick.rebuilt.keys.sorted())")
        await steps.step("a heading added at the end of a", quick: true, rendered: ["a.html"])

        // The preview b shows changes: b is made again, and drawn.
        try Self.edit(book, "a.md", "The first words", "The changed first words")
        await steps.step("the preview b shows", quick: true, rendered: ["a.html", "b.html"])
    }

    /// The calendar binds the labels `calls.yml` names: a change to one of those builds the
    /// whole book (the calendar, its listings and feeds may change); other targets of the same
    /// chapter do not.
    @Test("a label calls.yml names, changed: a full build; another target of its chapter: a quick one")
    func labelsTheCalendarNames() async throws {
        let book = try Self.book()
        defer { book.remove() }
        try book.write("calls.yml", """
            timezone: Europe/London
            series:
              - id: cafe
                title: Alpha Cafe
                page: ch-a
                start: 2026-01-07 15:00
                duration: 1h
                repeat: FREQ=WEEKLY;BYDAY=WE

            """)
        var steps = Stepper(book: book)
        let first = await steps.step("first build", quick: false)
        #expect(!first.diagnostics.contains { $0.id == "calls-page-unknown" })
        try Self.edit(book, "a.md", "The first words", "The first words.\n\n## Alpha aside\n\nAside words")
        await steps.step("a heading added beside the label calls.yml names", quick: true, rendered: ["a.html", "b.html"])
        try Self.edit(book, "a.md", "(ch-a)=\n", "")
        let removed = await steps.step("the label calls.yml names, removed", quick: false)
        #expect(removed.diagnostics.contains { $0.id == "calls-page-unknown" })
        try Self.edit(book, "a.md", "# Alpha", "(ch-a)=\n# Alpha")
        await steps.step("the label calls.yml names, back", quick: false)
    }

    /// After an edit to chapter files alone, the load reads only theirs; a chapter the TOC
    /// names that is missing or not UTF-8 (which the load would have reported) makes the build
    /// a full one after all, read whole, with the load's own diagnostics.
    @Test("chapters the load does not read: a missing or unreadable one makes a full build, as a clean build")
    func unreadChaptersThatCannotBeRead() async throws {
        let book = try Self.book()
        defer { book.remove() }
        try Self.edit(book, "myst.yml", "- file: c.md\n    - file: d.md", "- file: gone.md\n    - file: latin1.md")
        try book.write("latin1.md", bytes: Data([0x23, 0x20, 0x43, 0x61, 0x66, 0xE9, 0x0A]))  // "# Caf\xE9" in Latin-1
        var steps = Stepper(book: book)
        let first = await steps.step("first build", quick: false)
        #expect(Set(first.diagnostics.map(\.id)).isSuperset(of: ["toc-missing-file", "chapter-not-utf8"]))

        try Self.edit(book, "b.md", "Beta points", "Beta, edited, points")
        let edited = await steps.step("b edited beside a missing and a Latin-1 chapter", quick: false)
        #expect(edited.diagnostics.filter { $0.id == "toc-missing-file" || $0.id == "chapter-not-utf8" }.count == 2)

        // The missing chapter appears (a new file: the folder changed, a full build reads it).
        try book.write("gone.md", "# Back\n\nHere again.\n")
        await steps.step("the missing chapter written", quick: false)
        try book.write("latin1.md", "# Café\n")
        await steps.step("the Latin-1 chapter saved as UTF-8", quick: false)
        try Self.edit(book, "a.md", "The first words", "The very first words")
        await steps.step("a edited, every chapter readable", quick: true, rendered: ["a.html", "b.html"])
    }

    @Test("The Turing Way: edits to a chapter build quickly, as a clean build", .enabled(if: SharedData.isAvailable))
    func turingWayEdits() async throws {
        let corpus = try SharedData.path("corpus/turing-way")
        let book = try TemporaryBook(bookFolder: "turing-way/website")
        defer { book.remove() }
        let copy = book.root.appendingPathComponent("turing-way")
        try FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: corpus, to: copy)
        var steps = Stepper(book: book)
        let first = await steps.step("first build", quick: false)
        #expect(first.pageCount > 400)

        let chapter = "collaboration/collaboration.md"
        let text = try String(contentsOf: book.directory.appendingPathComponent(chapter), encoding: .utf8)
        try book.write(chapter, text + "\nA paragraph added at the end, with a {ref}`no-such-label-here`.\n")
        await steps.step("a paragraph appended", quick: true, rendered: ["collaboration/collaboration.html"])

        try Self.saveAtomically(book, chapter, "\n\n" + text)
        await steps.step("lines added at the top, saved atomically", quick: true, rendered: ["collaboration/collaboration.html"])

        // The first paragraph under a section that other chapters reference: they show its preview.
        let section = "reproducible-research/binderhub.md"
        let lines = try String(contentsOf: book.directory.appendingPathComponent(section), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let heading = try #require(lines.firstIndex { $0.hasPrefix("## ") })
        let edited = lines[...heading] + ["", "Words inserted first under the heading."] + lines[(heading + 1)...]
        try book.write(section, edited.joined(separator: "\n"))
        let preview = await steps.step("the first paragraph under a referenced section", quick: true)
        #expect(preview.renderedPages > 1)
    }

    @Test("random edits to our handbook build as a clean build, quickly or fully")
    func randomEditsOfTheHandbook() async throws {
        let book = try TemporaryBook(bookFolder: "content")
        defer { book.remove() }
        try FileManager.default.removeItem(at: book.directory)
        try FileManager.default.copyItem(at: SharedData.packageRoot.appendingPathComponent("content"), to: book.directory)
        let chapters = try FileManager.default.subpathsOfDirectory(atPath: book.directory.path).filter { $0.hasSuffix(".md") }.sorted()
        func text(_ path: String) throws -> String {
            try String(contentsOf: book.directory.appendingPathComponent(path), encoding: .utf8)
        }
        let labels = try chapters.flatMap { path in
            try text(path).split(separator: "\n").compactMap { line -> String? in
                line.hasPrefix("(") && line.hasSuffix(")=") ? String(line.dropFirst().dropLast(2)) : nil
            }
        }
        try #require(labels.count >= 5, "the handbook's labels: \(labels)")
        var steps = Stepper(book: book)
        await steps.step("first build", quick: false)
        var random = SeededGenerator(state: 20261201)
        var (quick, full) = (0, 0)
        for step in 1...40 {
            let path = chapters.randomElement(using: &random)!
            var lines = try text(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let at = Int.random(in: 0...lines.count, using: &random)
            let label = labels.randomElement(using: &random)!
            let edit: String
            var described: String?
            switch Int.random(in: 0..<10, using: &random) {
            case 0: edit = "Words added in step \(step)."
            case 1: edit = "\n## A heading of step \(step)\n"
            case 2: edit = "See {ref}`\(label)` in step \(step)."
            case 3: edit = "\n(label-step-\(step))=\n## Labelled in step \(step)\n"
            case 4: edit = "A reference to {ref}`\(label)x`, which is no label."
            case 5: edit = "\n(\(label))=\nA second \(label).\n"
            case 6: edit = "![Figure of step \(step)](missing-\(step).png)"
            case 7: edit = "```{note}\nA note of step \(step), see {numref}`\(label)`.\n```"
            case 8:
                // A new page title: every page's navigation shows it.
                if let title = lines.firstIndex(where: { $0.hasPrefix("# ") }) { lines[title] = "# Retitled in step \(step)" }
                edit = ""
                described = "page title changed"
            default:
                if !lines.isEmpty { lines.remove(at: min(at, lines.count - 1)) }
                edit = ""
            }
            if !edit.isEmpty { lines.insert(edit, at: min(at, lines.count)) }
            try book.write(path, lines.joined(separator: "\n"))
            let stages = await steps.step("step \(step): \(path) line \(at): \(described ?? (edit.isEmpty ? "a line removed" : edit))",
                                          quick: nil).stageTimes.map(\.stage)
            if stages.contains("parse") { full += 1 } else { quick += 1 }
        }
        // Both ways were taken, many times.
        #expect(quick >= 10 && full >= 3, "quick \(quick), full \(full)")
    }

    @Test("a build stopped after its caches but before its manifest: the next one is a full build")
    func aBuildStoppedBeforeItsManifest() async throws {
        let book = try Self.book()
        defer { book.remove() }
        var steps = Stepper(book: book)
        await steps.step("first build", quick: false)
        let manifest = BuildManifest.file(beside: steps.site)
        let before = try Data(contentsOf: manifest)
        // A title other pages show: a full build, whose caches are saved, then its manifest.
        try Self.edit(book, "b.md", "# Beta", "# Beta, renamed")
        await steps.step("b's title", quick: false)
        // As if the build had stopped just before the manifest: the last one is still there, and
        // the output is not the one it describes, so nothing of that build is trusted.
        try before.write(to: manifest)
        let next = await steps.step("the next build, with the manifest of the build before", quick: false)
        #expect(next.renderedPages == 4)
    }

    @Test("chapter records read back as they were written; a damaged file reads as none, never crashes")
    func recordsRoundTrip() async throws {
        let book = try Self.book()
        defer { book.remove() }
        let steps = Stepper(book: book)
        let result = await Build.run(steps.options(steps.site, cache: true))
        #expect(result.wroteSite)
        let bytes = try [UInt8](Data(contentsOf: ChapterCache.file(beside: steps.site)))
        let cache = try #require(ChapterCache.read(bytes))
        #expect(cache.records.map(\.path) == ["a.md", "b.md", "c.md", "d.md"])
        #expect(Array(cache.contents()) == bytes)
        let alpha = cache.records[0]
        #expect(alpha.title == "Alpha" && alpha.pagePath == "a.html")
        #expect(alpha.targets.contains { $0.label == "sec-a-detail" && $0.title.plainText == "Alpha details" })
        #expect(alpha.anchorDiagnostics.map(\.id) == ["image-missing"])
        #expect(cache.records[1].citedKeys == ["knuth1984"] && cache.records[1].shownPreviews == ["a.html#sec-a-detail"])
        #expect(cache.records[2].pending.count == 1 && cache.records[2].parseDiagnostics.count == 1)
        #expect(cache.records[3].includes.count == 2)
        // Previews are read from the file's bytes when asked for: one by its anchor, all at once.
        let detail = TargetPreview(kind: .section, title: "Alpha details", text: "The first words under the details heading.")
        #expect(alpha.previews["sec-a-detail"] == detail)
        #expect(alpha.previews["no-such-anchor"] == nil)
        #expect(alpha.previews.all["sec-a-detail"] == detail)
        #expect(alpha.previews[TargetPreviews.page]?.title == "Alpha")
        for record in cache.records {
            let all = record.previews.all
            #expect(!all.isEmpty, "\(record.path)")
            for (anchor, preview) in all { #expect(record.previews[anchor] == preview, "\(record.path)#\(anchor)") }
        }
        // A preview's kind that is none is damage, found when the file is read.
        let kind = Array("\u{7}section".utf8)
        let at = try #require((0...(bytes.count - kind.count)).first { Array(bytes[$0..<$0 + kind.count]) == kind })
        var unknownKind = bytes
        unknownKind[at + kind.count - 1] = UInt8(ascii: "x")
        #expect(ChapterCache.read(unknownKind) == nil)
        CacheFileDamage.expectRefused(bytes, header: ChapterCache.header.count, damages: 300) { ChapterCache.read($0) != nil }
    }

    @Test("records are read in parallel runs and come back in book order, with one job or two; a record longer than it reads is damage")
    func recordsReadInParallel() async throws {
        let book = try Self.book()
        defer { book.remove() }
        let steps = Stepper(book: book)
        #expect(await Build.run(steps.options(steps.site, cache: true)).wroteSite)
        let four = try #require(ChapterCache.load(ChapterCache.file(beside: steps.site))).records
        // 50 records: four runs of 16 and one of 2, each record told from the others by its path.
        var records: [ChapterRecord] = []
        for index in 0..<50 {
            var record = four[index % 4]
            record.path = "chapter-\(index).md"
            records.append(record)
        }
        let bytes = ChapterCache(records: records).contents()
        for jobs in [1, 2] {
            let read = Parallel.$jobs.withValue(jobs) { ChapterCache.read(bytes) }
            #expect(read?.records == records, "\(jobs) jobs")
            #expect(read.map { Array($0.contents()) } == bytes)
        }
        // The first record's length one more, and a byte after it: it reads, but not to its end.
        let single = ChapterCache(records: [four[0]]).contents()
        // (header, identity, count) then the record's length and bytes.
        let (prefix, record) = single.withUnsafeBufferPointer { buffer -> (Int, [UInt8]) in
            var reader = CacheBytesReader(UnsafeBufferPointer(rebasing: buffer[ChapterCache.header.count...]))
            _ = reader.text()
            _ = reader.number()
            let start = ChapterCache.header.count + reader.position
            return (start, Array(reader.run() ?? UnsafeBufferPointer(rebasing: buffer[0..<0])))
        }
        var length = CacheBytesWriter()
        length.number(record.count + 1)
        let longer = Array(single[..<prefix]) + length.bytes + record + [0]
        #expect(ChapterCache.read(Array(single)) != nil)
        #expect(ChapterCache.read(longer) == nil)
    }
}
