import CallbookCore
import Foundation
import Testing

/// `Build.run` with `BuildOptions.cacheFile` (what `callbook build` does): a page is rendered
/// again only when something it shows changed, and the output is always byte for byte the
/// output of a clean build of the same book.
@Suite("Incremental builds with the disk cache", .tags(.slow), .skippedWhenFast)
struct IncrementalBuildCacheTests {
    /// Builds into `site` with the cache and, cleanly, into a new folder; compares every byte.
    struct Stepper {
        let book: MaintainerBook
        var site: URL { book.outside("site") }
        var count = 0

        init(_ book: MaintainerBook) { self.book = book }

        /// - Parameter upToDate: whether nothing changed since the last step, so that the build
        ///   finds so from its manifest and writes nothing.
        mutating func step(_ name: String, today: Date = Maintainer.today, baseURL: String? = nil, expectClean: Bool = true,
                           upToDate: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) async -> BuildResult {
            count += 1
            let result = await Build.run(book.options(output: site, cache: true, today: today, baseURL: baseURL))
            #expect(result.upToDate == upToDate, "\(name): up to date is \(result.upToDate)", sourceLocation: sourceLocation)
            #expect((upToDate ? !result.wroteSite : result.wroteSite) && !result.fatal,
                    "\(name): the incremental build did not write the site:\n\(BuildInspection.describe(result.diagnostics))",
                    sourceLocation: sourceLocation)
            if expectClean {
                #expect(BuildInspection.problems(result.diagnostics).isEmpty, "\(name): unexpected diagnostics:\n\(BuildInspection.describe(result.diagnostics))",
                        sourceLocation: sourceLocation)
            }
            #expect(result.renderedPages == result.renderedPaths.count, "\(name): renderedPages disagrees with the pages rendered",
                    sourceLocation: sourceLocation)
            await compareWithCleanBuild(name, today: today, baseURL: baseURL, sourceLocation: sourceLocation)
            return result
        }

        func compareWithCleanBuild(_ name: String, today: Date = Maintainer.today, baseURL: String? = nil,
                                   sourceLocation: SourceLocation = #_sourceLocation) async {
            let clean = book.outside("clean-\(count)")
            defer { try? FileManager.default.removeItem(at: clean) }
            let cleanResult = await Build.run(book.options(output: clean, cache: false, today: today, baseURL: baseURL))
            #expect(cleanResult.wroteSite, "\(name): the clean build failed", sourceLocation: sourceLocation)
            let differences = Maintainer.differences(site, clean)
            #expect(differences.isEmpty, "\(name): the incremental output differs from a clean build:\n\(differences.joined(separator: "\n"))",
                    sourceLocation: sourceLocation)
        }
    }

    @Test("every kind of edit re-renders exactly the pages that show it, and the output equals a clean build")
    func editsReRenderWhatDependsOnThem() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        var steps = Stepper(book)
        let all = MaintainerBook.pages

        let first = await steps.step("first build")
        #expect(first.renderedPaths == all)
        #expect(first.renderedPages == 6)
        #expect(FileManager.default.fileExists(atPath: BuildCache.file(beside: steps.site).path), "the cache was not saved")

        let unchanged = await steps.step("nothing changed", upToDate: true)
        #expect(unchanged.renderedPages == 0)
        #expect(unchanged.pageCount == 6)
        #expect(unchanged.diagnostics == first.diagnostics)

        try book.edit("one/gamma.md", "Gamma body text, version one.", "Gamma body text, version two, somewhat longer.")
        let body = await steps.step("body text of gamma")
        #expect(body.renderedPages == 1)
        #expect(body.renderedPaths == ["one/gamma.html"])
        let gamma = try String(contentsOf: steps.site.appendingPathComponent("one/gamma.html"), encoding: .utf8)
        #expect(gamma.contains("version two, somewhat longer"))

        // A page title shows in the sidebar, breadcrumbs and pager of other pages.
        try book.edit("two/delta.md", "# Delta\n", "# Delta, renamed\n")
        let title = await steps.step("title of delta")
        let showingTitle = all.filter {
            ((try? String(contentsOf: steps.site.appendingPathComponent($0), encoding: .utf8)) ?? "").contains("Delta, renamed")
        }
        #expect(showingTitle.count >= 2)
        #expect(title.renderedPaths.isSuperset(of: showingTitle))

        // A part title of the TOC shows in every sidebar.
        try book.edit("myst.yml", "title: Part Two", "title: The Second Part")
        let part = await steps.step("part title in myst.yml")
        #expect(part.renderedPaths == all)

        // The label beta references disappears: beta's reference is now unresolved.
        try book.edit("one/gamma.md", "(sec-gamma-list)=", "(sec-gamma-items)=")
        let renamed = await steps.step("label referenced by beta renamed", expectClean: false)
        #expect(renamed.renderedPaths == ["one/beta.html", "one/gamma.html"])
        #expect(BuildInspection.problems(renamed.diagnostics).map(\.id) == ["reference-unresolved"], "\(BuildInspection.describe(renamed.diagnostics))")
        try book.edit("one/gamma.md", "(sec-gamma-items)=", "(sec-gamma-list)=")
        let restored = await steps.step("label restored")
        #expect(restored.renderedPaths == ["one/beta.html", "one/gamma.html"])

        // A labelled section moves to another chapter: delta's reference now leads elsewhere.
        let section = "(sec-alpha-detail)=\n## Alpha details\n\nDetails of alpha.\n"
        try book.edit("one/alpha.md", section, "")
        try book.write("one/beta.md", try book.read("one/beta.md") + "\n" + section)
        let moved = await steps.step("labelled section moved from alpha to beta")
        #expect(moved.renderedPaths == ["one/alpha.html", "one/beta.html", "two/delta.html"])

        try book.edit("snippets/snippet.md", "version one", "version two")
        let included = await steps.step("included file")
        #expect(included.renderedPaths == ["two/delta.html"])

        try book.edit("calls.yml", "duration: 1h", "duration: 90m")
        let calls = await steps.step("calls.yml")
        #expect(calls.renderedPaths == ["two/epsilon.html"])

        // What a listing shows beside the times: the series' title and place.
        try book.edit("calls.yml", "title: Weekly call", "title: Weekly call, renamed")
        try book.edit("calls.yml", "location: Online", "location: The online room")
        let titled = await steps.step("calls.yml: a series' title and location")
        #expect(titled.renderedPaths == ["two/epsilon.html"])
        let epsilon = try String(contentsOf: steps.site.appendingPathComponent("two/epsilon.html"), encoding: .utf8)
        #expect(epsilon.contains("Weekly call, renamed") && epsilon.contains("The online room"))

        // `notice: true` puts the call notice on every page.
        try book.write("calls.yml", try book.read("calls.yml") + "notice: true\n")
        let notice = await steps.step("calls.yml: the notice turned on")
        #expect(notice.renderedPaths == MaintainerBook.pages)

        let later = await steps.step("--today two weeks later", today: Maintainer.day("2026-12-11"))
        #expect(later.renderedPaths == ["two/epsilon.html"])

        // A book template override changes every page.
        let defaultPage = try String(contentsOf: TemporaryBook.themeDirectory.appendingPathComponent("page.mustache"), encoding: .utf8)
        try book.write("_templates/page.mustache", defaultPage + "\n<!-- override one -->\n")
        let themed = await steps.step("_templates/page.mustache added", today: Maintainer.day("2026-12-11"))
        #expect(themed.renderedPaths == all)
        try book.write("_templates/page.mustache", defaultPage + "\n<!-- override two -->\n")
        let rethemed = await steps.step("_templates/page.mustache edited", today: Maintainer.day("2026-12-11"))
        #expect(rethemed.renderedPaths == all)
        try FileManager.default.removeItem(at: book.directory.appendingPathComponent("_templates"))
        let unthemed = await steps.step("_templates removed", today: Maintainer.day("2026-12-11"))
        #expect(unthemed.renderedPaths == all)

        // Where the site is published shows in every page's canonical link.
        let published = await steps.step("--base-url set", today: Maintainer.day("2026-12-11"), baseURL: "https://example.org/handbook/")
        #expect(published.renderedPaths == all)
        let same = await steps.step("--base-url unchanged", today: Maintainer.day("2026-12-11"), baseURL: "https://example.org/handbook/",
                                    upToDate: true)
        #expect(same.renderedPaths.isEmpty)
    }

    @Test("a new process (no state in memory) reuses pages through the cache file alone")
    func cacheFileAloneIsEnough() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        var steps = Stepper(book)
        _ = await steps.step("first build")
        let cache = BuildCache(file: BuildCache.file(beside: steps.site))
        #expect(Set(cache.load(output: steps.site).keys) == MaintainerBook.pages)
        // Kept for that output alone; a file cut short anywhere is no cache at all.
        #expect(cache.load(output: book.outside("elsewhere")).isEmpty)
        let bytes = try Data(contentsOf: cache.file)
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)) {
            try bytes.prefix(length).write(to: cache.file)
            #expect(cache.load(output: steps.site).isEmpty, "cut at \(length)")
        }
        try bytes.write(to: cache.file)
        // A page deleted from the output is rendered again even though its key is unchanged.
        try FileManager.default.removeItem(at: steps.site.appendingPathComponent("one/beta.html"))
        let repaired = await steps.step("beta.html deleted from the output")
        #expect(repaired.renderedPaths == ["one/beta.html"])
    }

    @Test("the text a reference shows from another chapter's section heading is a dependency")
    func sectionHeadingTextShownByAReference() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        var steps = Stepper(book)
        _ = await steps.step("first build")
        // delta shows {ref}`sec-alpha-detail` with the heading's text; the label stays.
        try book.edit("one/alpha.md", "## Alpha details", "## Alpha particulars")
        let result = await steps.step("heading text of a referenced section")
        #expect(result.renderedPaths == ["one/alpha.html", "two/delta.html"])
    }

    @Test("a figure number shown by {numref} in another chapter is a dependency")
    func figureNumberShownByNumref() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        var steps = Stepper(book)
        _ = await steps.step("first build")
        // A figure before fig-map makes it Figure 2; gamma's {numref} must say so.
        try book.edit("one/alpha.md", "Alpha introduces the map.\n", """
            Alpha introduces the map.

            :::{figure} ../figures/map.svg
            :name: fig-overview
            :alt: An overview.

            An overview.
            :::

            """)
        let result = await steps.step("figure renumbered")
        #expect(result.renderedPaths == ["one/alpha.html", "one/gamma.html"])
    }

    @Test("a `pic.*` figure that finds another format after a new file appears is re-rendered")
    func wildcardFigurePicksTheNewFile() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        try book.write("figures/pic.png", bytes: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        try book.edit("one/gamma.md", "Gamma body text, version one.\n", """
            Gamma body text, version one.

            ```{figure} ../figures/pic.*
            :alt: A picture.

            A picture.
            ```

            """)
        var steps = Stepper(book)
        let first = await steps.step("first build")
        #expect(BuildInspection.page(first, "one/gamma.html")?.contains("pic.png") == true)
        // pic.svg comes first among the formats `.*` tries: the page now shows it.
        try book.write("figures/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        do {
            let result = await steps.step("figures/pic.svg added")
            #expect(result.renderedPaths == ["one/gamma.html"])
        }
    }

    @Test("an image outside the book that was missing and then appears is re-rendered (its URL becomes _assets/…)")
    func missingImageThatAppears() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        // `../../outside/pic.svg` from one/gamma.md is `<root>/outside/pic.svg`, outside the book.
        try book.edit("one/gamma.md", "Gamma body text, version one.\n", """
            Gamma body text, version one.

            ![A picture](../../outside/pic.svg)

            """)
        var steps = Stepper(book)
        let first = await steps.step("first build (image missing)", expectClean: false)
        #expect(BuildInspection.problems(first.diagnostics).map(\.id) == ["image-missing"], "\(BuildInspection.describe(first.diagnostics))")
        try book.write("../outside/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        do {
            let result = await steps.step("image added")
            #expect(result.renderedPaths == ["one/gamma.html"])
        }
    }

    @Test("a build without the cache into the same output does not leave a stale cache behind")
    func buildWithoutCacheInvalidatesIt() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        var steps = Stepper(book)
        _ = await steps.step("first build (cache saved)")
        // `callbook build --no-cache` (cacheFile nil) writes the site but leaves the cache file.
        try book.edit("one/gamma.md", "version one", "version two")
        let uncached = await Build.run(book.options(output: steps.site, cache: false))
        #expect(uncached.wroteSite)
        // Back to the text the cache file describes: the cached key matches again, but the
        // page in the output is the --no-cache one.
        try book.edit("one/gamma.md", "version two", "version one")
        do {
            let result = await steps.step("cached build after a --no-cache build")
            #expect(result.renderedPaths.contains("one/gamma.html"))
        }
    }

    @Test("callbook build keeps .callbook-cache/<output>.keys beside the output and says how many pages were unchanged")
    func commandLineUsesTheCache() throws {
        guard let binary = Maintainer.requireBinary("(callbook build with the cache)") else { return }
        let book = try MaintainerBook()
        defer { book.remove() }
        let arguments = ["build", "book", "--output", "out", "--today", "2026-11-27"]
        let first = try Maintainer.run(binary, arguments, in: book.root)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: book.root.appendingPathComponent(".callbook-cache/out.keys").path))
        try book.edit("one/gamma.md", "version one", "version two")
        let second = try Maintainer.run(binary, arguments, in: book.root)
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stderr.contains("6 pages (5 unchanged)"), "stderr: \(second.stderr)")
        let outputBefore = Maintainer.files(book.root.appendingPathComponent("out"))
        let again = try Maintainer.run(binary, arguments, in: book.root)
        #expect(again.status == 0 && again.stderr.contains("6 pages (all unchanged, nothing written)"), "stderr: \(again.stderr)")
        #expect(Maintainer.files(book.root.appendingPathComponent("out")) == outputBefore)
        let noCache = try Maintainer.run(binary, arguments + ["--no-cache"], in: book.root)
        #expect(noCache.stderr.contains("6 pages,"), "--no-cache reused pages: \(noCache.stderr)")
        // The same stale-cache problem as through Build.run, from the command line.
        try book.edit("one/gamma.md", "version two", "version three")
        _ = try Maintainer.run(binary, arguments + ["--no-cache"], in: book.root)
        try book.edit("one/gamma.md", "version three", "version two")
        _ = try Maintainer.run(binary, arguments, in: book.root)
        let gamma = try String(contentsOf: book.root.appendingPathComponent("out/one/gamma.html"), encoding: .utf8)
        do {
            #expect(gamma.contains("version two"), "out/one/gamma.html shows stale text")
        }
    }

    @Test("a --strict build that fails leaves the cache file and the output untouched")
    func strictFailureDoesNotPoisonTheCache() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let site = book.outside("site")
        let cacheFile = BuildCache.file(beside: site)
        let first = await Build.run(book.options(output: site, cache: true, strict: true))
        #expect(first.wroteSite && BuildInspection.problems(first.diagnostics).isEmpty, "\(BuildInspection.describe(first.diagnostics))")
        let cacheBefore = try Data(contentsOf: cacheFile)
        let outputBefore = Maintainer.files(site)

        // gamma changes validly; beta gets a warning: the strict build fails as a whole.
        try book.edit("one/gamma.md", "version one", "version two")
        try book.edit("one/beta.md", "{ref}`ch-alpha`", "{ref}`ch-alhpa`")
        let failed = await Build.run(book.options(output: site, cache: true, strict: true))
        #expect(!failed.wroteSite && failed.failed)
        #expect(failed.diagnostics.warningCount == 1, "\(BuildInspection.describe(failed.diagnostics))")
        #expect(try Data(contentsOf: cacheFile) == cacheBefore, "the failed build changed the cache file")
        #expect(Maintainer.files(site) == outputBefore, "the failed build changed the output")

        // Fixing beta only: gamma's new text must still be rendered (its key was never saved).
        try book.edit("one/beta.md", "{ref}`ch-alhpa`", "{ref}`ch-alpha`")
        let fixed = await Build.run(book.options(output: site, cache: true, strict: true))
        #expect(fixed.wroteSite && BuildInspection.problems(fixed.diagnostics).isEmpty, "\(BuildInspection.describe(fixed.diagnostics))")
        #expect(fixed.renderedPaths == ["one/gamma.html"])
        let clean = book.outside("clean")
        _ = await Build.run(book.options(output: clean, cache: false))
        let differences = Maintainer.differences(site, clean)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test("a fatal build (YAML syntax error in myst.yml) leaves the cache file and the output untouched")
    func fatalFailureDoesNotPoisonTheCache() async throws {
        let book = try MaintainerBook()
        defer { book.remove() }
        let site = book.outside("site")
        let cacheFile = BuildCache.file(beside: site)
        let first = await Build.run(book.options(output: site, cache: true))
        #expect(first.wroteSite)
        let cacheBefore = try Data(contentsOf: cacheFile)
        let outputBefore = Maintainer.files(site)

        try book.edit("one/gamma.md", "version one", "version two")
        try book.edit("myst.yml", "title: Maintainer Test Handbook", "title: [Maintainer Test Handbook")
        let failed = await Build.run(book.options(output: site, cache: true))
        #expect(failed.fatal && !failed.wroteSite, "\(BuildInspection.describe(failed.diagnostics))")
        #expect(failed.diagnostics.contains { $0.severity == .error && ($0.range?.file.hasSuffix("myst.yml") ?? false) },
                "\(BuildInspection.describe(failed.diagnostics))")
        #expect(try Data(contentsOf: cacheFile) == cacheBefore, "the failed build changed the cache file")
        #expect(Maintainer.files(site) == outputBefore, "the failed build changed the output")

        try book.edit("myst.yml", "title: [Maintainer Test Handbook", "title: Maintainer Test Handbook")
        let fixed = await Build.run(book.options(output: site, cache: true))
        #expect(fixed.wroteSite && BuildInspection.problems(fixed.diagnostics).isEmpty, "\(BuildInspection.describe(fixed.diagnostics))")
        #expect(fixed.renderedPaths == ["one/gamma.html"])
        let clean = book.outside("clean")
        _ = await Build.run(book.options(output: clean, cache: false))
        let differences = Maintainer.differences(site, clean)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }
}
