import Foundation

/// The pipeline, stage by stage: Load → Parse → Resolve → Render → Write. What the last build
/// left is consulted through `IncrementalStages`, which calls each stage for what changed only.
public enum Build {
    /// - Parameters:
    ///   - previous: what the last build left, to reuse.
    ///   - changedChapters: when set, only these chapter files changed since `previous` (and no
    ///     configuration): the book is not loaded again, only their texts are read.
    public static func run(_ options: BuildOptions, previous: BuildState? = nil,
                           changedChapters: Set<String>? = nil) async -> BuildResult {
        await Parallel.$jobs.withValue(max(1, options.jobs)) {
            let result = await stages(options, previous: previous, changedChapters: changedChapters)
            // A site made in the spare the last build set aside may fail where a new folder
            // would not (something in the spare cannot be replaced): once more, without it.
            guard result.writeFailed, options.takesSpare, options.output != nil, !options.writeInPlace else { return result }
            var fresh = options
            fresh.takesSpare = false
            return await stages(fresh, previous: previous, changedChapters: changedChapters)
        }
    }

    /// Load → Parse → Resolve of the book in `directory`, nothing rendered or written: the book
    /// as `callbook ast --resolved` shows it, with the load's diagnostics. Throws what stops
    /// the load (`CallbookError`).
    public static func resolve(bookAt directory: URL, displayRoot: String, projectRoot: URL?) async throws
        -> (book: ResolvedBook, loadDiagnostics: [Diagnostic]) {
        let (book, loadDiagnostics) = try BookLoader(directory: directory, displayRoot: displayRoot, projectRoot: projectRoot).load()
        let chapters = await ChapterParser(files: book.files).parse(book.chapters)
        let (bibliography, _) = BibliographyLoader.load(book, requests: chapters.flatMap(\.bibliographyRequests))
        return (await BookResolver().resolve(book, chapters: chapters, bibliography: bibliography), loadDiagnostics)
    }

    /// A chapter this large has its page and the search index made one after the other.
    static let largeChapterBytes = 4 << 20

    private static func stages(_ options: BuildOptions, previous: BuildState?, changedChapters: Set<String>?) async -> BuildResult {
        var result = BuildResult()
        result.strict = options.strict
        let clock = ContinuousClock()
        let started = Date()
        /// Records `stage` as taking the time since `start`, with the peak memory so far.
        func record(_ stage: String, since start: ContinuousClock.Instant) {
            result.stageTimes.append((stage, clock.now - start, PeakMemory.bytes()))
        }
        func timed<T>(_ stage: String, _ body: () async throws -> T) async rethrows -> T {
            let start = clock.now
            defer { record(stage, since: start) }
            return try await body()
        }
        // Files of the output changed since the last build: their pages are not reused.
        var editedOutputs: Set<String> = []
        // When only some inputs changed: which (perhaps only chapters, for a quick rebuild).
        var changedInputs: BuildManifest.ChangedInputs?
        if previous == nil, let output = options.output, !options.writeInPlace, options.cacheFile != nil {
            let start = clock.now
            switch BuildManifest.check(options.manifestKey(output: output), file: BuildManifest.file(beside: output)) {
            case .upToDate(let replay):
                result.diagnostics = replay.diagnostics
                result.pageCount = replay.pageCount
                result.upToDate = true
                record("up-to-date check", since: start)
                return result
            case .changed(let edited, let inputsOnly):
                editedOutputs = edited
                changedInputs = inputsOnly
                record("up-to-date check", since: start)
            }
        }
        let stages = IncrementalStages(previous: previous, changedChapters: changedChapters)
        let cache = options.cacheFile.map(BuildCache.init)
        let searchCacheFile = options.cacheFile == nil ? nil : options.output.map(SearchCache.file(beside:))
        let chapterCacheFile = options.cacheFile == nil || options.keepsState ? nil : options.output.map(ChapterCache.file(beside:))
        // Only Markdown files changed: a quick rebuild may need no other chapter's text, so only
        // theirs are read (the others are read if the build turns out a full one).
        let editedChapters = changedInputs.map(\.paths).flatMap { paths in paths.allSatisfy { $0.hasSuffix(".md") } ? paths : nil }
        // Only some inputs changed: what the last build left is read beside the load, for a
        // quick rebuild if they are chapter files.
        async let lastBuild = { () -> QuickRebuild.LastBuild? in
            guard changedInputs != nil, let output = options.output, let cache, let searchCacheFile, let chapterCacheFile else { return nil }
            return QuickRebuild.LastBuild(keys: cache.load(output: output), search: SearchCache.load(searchCacheFile),
                                          chapters: ChapterCache.load(chapterCacheFile))
        }()
        let writer = options.output.map { SiteWriter(output: $0, takesSpare: options.takesSpare) }
        // What this build found of the output and of earlier builds, not of the book: the next
        // build, if nothing changes, does not report it again.
        var transient: [Diagnostic] = []
        // The new site's folder, when pages are written into it as they are rendered.
        var staged: StagedSite?
        // The chapter, search and bibliography caches, written under temporary names beside the
        // rest of the build and put in place once the site is; removed if it is not.
        var stagedCaches: [Task<StagedCacheFile?, Never>] = []
        // The new site's folder with the pages' folders, made beside parse and resolve (the
        // pages' paths follow from the chapters' once the book is loaded).
        var stagingStart: Task<Result<StagedSite, any Error>, Never>?
        do {
            if let output = options.output, let writer {
                do {
                    try OutputLocation.check(output, book: options.bookDirectory, displayRoot: options.displayRoot)
                    if !options.writeInPlace {
                        transient = try await timed("prepare output") { try writer.prepare(force: options.force) }
                        result.diagnostics += transient
                    }
                } catch {
                    result.outputRefused = true
                    throw error
                }
            }
            var loader = BookLoader(directory: options.bookDirectory, displayRoot: options.displayRoot, projectRoot: options.projectRoot)
            // What the last build read the configuration files into, taken over if they are the same.
            let configurationCacheFile = options.cacheFile == nil ? nil : options.output.map(ConfigurationCache.file(beside:))
            var (book, loadDiagnostics) = try await timed("load") { () throws -> (Book, [Diagnostic]) in
                if let reloaded = stages.reloadedBook() { return reloaded }
                loader.reusing = configurationCacheFile.flatMap(ConfigurationCache.load)
                return try loader.load(readingTextsOf: editedChapters)
            }
            if let configurationCacheFile, let parsed = book.parsedConfiguration, parsed != loader.reusing {
                stagedCaches.append(Task { CacheFileWriter.stage(ConfigurationCache.contents(parsed), as: configurationCacheFile) })
            }
            let loadDiagnosticsStart = result.diagnostics.count
            result.diagnostics += loadDiagnostics
            /// The book with every chapter's text, for a whole parse after all: the texts the load
            /// left out are read, or, if one cannot be, the book is loaded again (through the same
            /// reader, so that the manifest has everything the build looked at).
            func withEveryText(_ book: Book) throws -> Book {
                guard book.chapters.contains(where: { !$0.isRead }) else { return book }
                if let read = BookLoader.readingTexts(of: book) { return read }
                let (reloaded, diagnostics) = try loader.load(through: book.files)
                result.diagnostics.replaceSubrange(loadDiagnosticsStart..<loadDiagnosticsStart + loadDiagnostics.count, with: diagnostics)
                loadDiagnostics = diagnostics
                result.state.loadDiagnostics = diagnostics
                return reloaded
            }
            if options.keepsState { result.state.book = book }
            // Git runs beside parse and resolve; the pages need its dates only when they are drawn.
            let (projectRoot, bookDirectory) = (URL(fileURLWithPath: book.files.root.path), book.directory)
            async let lastCommits = GitHistory.lastCommits(root: projectRoot, directory: bookDirectory)
            result.state.loadDiagnostics = loadDiagnostics
            let pagePaths = book.chapters.map { BookPaths.pagePath(forChapter: $0.path) }
            if options.handsPagesOn, !options.writeInPlace, let writer {
                stagingStart = Task { Result { try writer.begin(pagePaths: pagePaths) } }
            }
            // The theme is read beside parse; a broken one stops the build before any chapter's
            // diagnostics are reported, as if it had been read first.
            let (themeDirectory, templatesOverride, themeSources) = (options.themeDirectory, book.templatesOverride, book.files)
            async let themeRead = Result { () throws -> (ThemeFiles, Theme) in
                let files = try ThemeLoader.load(directory: themeDirectory, overrides: templatesOverride, files: themeSources)
                return (files, try Theme(files))
            }

            // The files the configuration names (or `references.bib`) are read beside parse; if a
            // `{bibliography}` names another, all are read again after it, in order.
            // What BibTeX made of the same texts in the last build is taken from its cache; what
            // it makes of new texts is kept for the next (nil when there is nothing new to keep).
            let expectedBibliography = BibliographyLoader.plan(book, requests: [])
            let bookFiles = book.files
            let bibliographyCacheFile = options.cacheFile == nil ? nil : options.output.map(BibliographyCache.file(beside:))
            @Sendable func readBibliography(_ plan: [BibliographyLoader.PlannedFile])
                -> (bibliography: Bibliography, diagnostics: [Diagnostic], toKeep: BibliographyLoader.ParsedSources?) {
                let stored = bibliographyCacheFile.flatMap(BibliographyCache.load)
                let (bibliography, diagnostics, parsed) = BibliographyLoader.read(plan, files: bookFiles, reusing: stored)
                return (bibliography, diagnostics, parsed.flatMap { $0.hash == stored?.hash ? nil : $0 })
            }
            async let earlyBibliography = Parallel.jobs > 1 ? readBibliography(expectedBibliography) : nil
            // Only chapter files edited: the others stand in from the last build (`QuickRebuild`).
            var quick: QuickRebuild?
            let last = await lastBuild
            if let changedInputs, let last {
                quick = await timed("parse (edited chapters)") { await QuickRebuild.start(book, changed: changedInputs, last: last) }
            }
            // The search sections of the pages that stand in are decoded beside the resolve.
            let standing = quick?.standingKeys
            // Their sections only, when the last index's words are there to be patched (read too).
            let lastSearchCache = last?.search
            async let decodedSearch = SearchIndex.decode(standing.flatMap { lastSearchCache?.stored(for: $0) } ?? [:],
                                                         sectionsOnly: lastSearchCache?.words.isEmpty == false)
            async let lastWords = standing == nil ? nil : lastSearchCache?.bookWords()
            if quick == nil { book = try withEveryText(book) }
            var chapters = if let quick { quick.chapters(book) } else { await timed("parse") { await stages.parse(book) } }
            let largestChapter = book.chapters.map(\.text.utf8.count).max() ?? 0
            if !options.keepsState {
                // Nothing reads a chapter's text once it is parsed, unless the next build compares
                // it (a quick rebuild keeps the book's texts, to parse it whole if it must).
                if quick == nil { book = book.droppingChapterTexts() }
                for index in chapters.indices { chapters[index].source.text = "" }
            }
            FreedMemory.release()
            let themeStart = clock.now
            let (themeFiles, theme) = try await themeRead.get()
            record("theme (waited for)", since: themeStart)
            result.diagnostics += chapters.flatMap(\.diagnostics)
            let included = FileContents(chapters.flatMap(\.includes), files: book.files)
            if options.keepsState { result.state.parseCache = ParseCache(chapters, included: included) }

            let bibliographyStart = clock.now
            let bibliographyPlan = BibliographyLoader.plan(book, requests: chapters.flatMap(\.bibliographyRequests))
            let early = await earlyBibliography
            let (bibliography, bibliographyDiagnostics, parsedBibliography) = (bibliographyPlan == expectedBibliography ? early : nil)
                ?? readBibliography(bibliographyPlan)
            record("bibliography", since: bibliographyStart)
            if let parsedBibliography, let bibliographyCacheFile {
                stagedCaches.append(Task { CacheFileWriter.stage(BibliographyCache.contents(parsedBibliography), as: bibliographyCacheFile) })
            }
            result.diagnostics += bibliographyDiagnostics
            // Resolve takes the parsed chapters over: their trees go once its first pass has its own.
            let resolveStart = clock.now
            var resolution: (book: ResolvedBook, memory: ResolveMemory, chapterCache: ChapterCache?)?
            if let quick {
                resolution = await quick.resolve(book, chapters: chapters, today: options.today, bibliography: bibliography)
                    .map { ($0, ResolveMemory(), $1) }
                if resolution == nil {
                    // The keys cited in the book changed after all: a full build.
                    record("resolve (edited chapters)", since: resolveStart)
                    book = try withEveryText(book)
                    chapters = await timed("parse") { await stages.parse(book) }
                }
            }
            if resolution == nil {
                quick = nil
                let (resolved, memory, records) = await stages.resolve(book, chapters: consume chapters, today: options.today,
                                                                       bibliography: bibliography, remembering: options.keepsState,
                                                                       recording: chapterCacheFile != nil)
                resolution = (resolved, memory, records.map(ChapterCache.init(records:)))
            }
            guard let (resolvedAlone, resolveMemory, chapterCache) = resolution else { preconditionFailure("resolved above") }
            if cache != nil, let chapterCacheFile, let chapterCache {
                stagedCaches.append(Task { CacheFileWriter.stage(as: chapterCacheFile, chapterCache.write) })
            }
            FreedMemory.release()
            record("resolve", since: resolveStart)
            let datesStart = clock.now
            let commits = await lastCommits
            record("git dates", since: datesStart)
            let resolved = resolvedAlone.dated(commits)
            result.diagnostics += resolved.diagnostics
            result.resolved = resolved
            result.state.schedule = resolved.calendar?.schedule
            if options.keepsState { result.state.resolveMemory = resolveMemory }

            let previousKeys = options.output.map { output in
                (last?.keys ?? stages.previousKeys(cache: cache, output: output)).filter { !editedOutputs.contains($0.key) }
            } ?? [:]
            let renderer = SiteRenderer(theme: theme)
            // The search sections of unchanged pages come from the search cache; this build's
            // are kept for the next when there is a cache to keep them in.
            let storingSearch = options.keepsState || searchCacheFile != nil
            let lastSearch = last?.search
            let decoded = quick == nil ? [:] : await decodedSearch
            let decodedWords = quick == nil ? nil : await lastWords
            // The search index is made alongside the pages (with more than one job): its last step
            // runs on one core. Beside a chapter of megabytes, one after the other: the memory
            // each takes for such a chapter would otherwise add up.
            let searchAlongside = !stages.mayReuseGenerated && Parallel.jobs > 1 && largestChapter < Self.largeChapterBytes
            // Alongside the pages, the search text chunks go into the new site as they are made,
            // once it is staged (after them, the write stage writes them faster, in parallel).
            let earlyFiles = searchAlongside && options.handsPagesOn && !options.writeInPlace && writer != nil ? EarlySiteFiles() : nil
            let handChunksOn: (@Sendable (SiteFile) -> Bool)? = if let earlyFiles { { earlyFiles.take($0) } } else { nil }
            /// The index, with the stored sections of the pages whose key in `keys` is the one
            /// they were stored for.
            @Sendable func searchIndex(keys: [String: UInt64]) async -> (files: [SiteFile], cache: SearchCache) {
                await stages.searchIndex(resolved, keys: keys, file: searchCacheFile, loaded: lastSearch,
                                         decoded: decoded, words: decodedWords, storing: storingSearch, handOn: handChunksOn)
            }
            // No page of an earlier build to compare with (a first build, `--no-cache`): no page is
            // unchanged whatever the keys, so they are not waited for. They are hashed once the
            // pages are drawn, beside the index's last step, if there is a cache to keep them in.
            let nothingToReuse = quick == nil && previousKeys.isEmpty
            let keysKept = cache != nil || options.keepsState
            // In a quick rebuild the pages that stand in, and their keys, are known already; with
            // nothing to reuse no page is stored for any key: either way the index starts now,
            // beside the page keys and the rendering.
            let searchEarly: Task<(files: [SiteFile], cache: SearchCache), Never>? =
                if !searchAlongside { nil }
                else if let quick { Task { await searchIndex(keys: quick.standingKeys) } }
                else if nothingToReuse { Task { await searchIndex(keys: [:]) } }
                else { nil }
            if options.handsPagesOn, !options.writeInPlace, result.shouldWrite, let writer {
                do {
                    let started = await stagingStart?.value
                    stagingStart = nil
                    if resolved.chapters.map(\.pagePath) == pagePaths, let started {
                        staged = try started.get()
                    } else {
                        if case .success(let unused) = started { unused.abandon() }
                        staged = try writer.begin(pagePaths: resolved.chapters.map(\.pagePath))
                    }
                } catch {
                    result.writeFailed = true
                    throw error
                }
            }
            var handOn: (@Sendable (PageText) throws -> Void)?
            if let staged {
                handOn = { page in try staged.write(page) }
                earlyFiles?.start(staged)
            }
            /// Each page's key, and the pages whose key is the one they had in the last build.
            func unchangedPages() async -> (keys: [String: UInt64], unchanged: Set<String>) {
                await timed("page keys") {
                    await stages.unchangedPages(resolved, theme: themeFiles, baseURL: options.baseURL, included: included,
                                                previousKeys: previousKeys, standing: quick?.standingKeys ?? [:])
                }
            }
            var (pageKeys, unchanged) = nothingToReuse ? ([:], []) : await unchangedPages()
            // The unchanged pages (linked across) and the assets go into the new site beside the
            // rendering and the search index.
            let (stagedSite, reusedPages) = (staged, resolved.chapters.map(\.pagePath).filter(unchanged.contains))
            // The assets copied by the last build from sources that have not changed since.
            let assets = renderer.assets(of: resolved)
            let unchangedAssets = changedInputs?.unchanged(assets) ?? []
            async let unchangedPlaced = { () async -> Result<Bool, any Error> in
                guard let stagedSite, let writer else { return .success(false) }
                do {
                    try await writer.placeUnchanged(reused: reusedPages, assets: assets, unchangedAssets: unchangedAssets, in: stagedSite)
                    return .success(true)
                } catch {
                    return .failure(error)
                }
            }()
            let keysBeforeRender = pageKeys
            async let searchAhead = searchAlongside && searchEarly == nil ? searchIndex(keys: keysBeforeRender) : nil
            var searchCache: SearchCache?
            var site = try await timed("render") {
                do {
                    return try await renderer.renderPages(resolved, baseURL: options.baseURL, unchanged: unchanged, handOn: handOn)
                } catch let error as CallbookError where error.diagnostic.id == "write-failed" && staged != nil {
                    result.writeFailed = true
                    throw error
                }
            }
            if nothingToReuse && keysKept { pageKeys = await unchangedPages().keys }
            if options.writeInPlace, let writer, result.shouldWrite {
                // Serving: the edited pages go out before the search index and the rest are remade.
                try writer.writePagesInPlace(site.pages)
            }
            if let last = stages.generated(unchangedPages: site.reused.count, of: resolved.chapters.count) {
                site.generated = last  // nothing a reader sees changed
            } else {
                // Timed from here: the search index, made alongside the pages, may not be done yet.
                let searchStart = clock.now
                var search = if let searchEarly { await searchEarly.value }
                    else if searchAlongside, let ahead = await searchAhead { ahead } else { await searchIndex(keys: pageKeys) }
                // The sections stored for the next build under the keys the pages have now.
                search.cache = search.cache.keyed(pageKeys)
                record(searchAlongside ? "search index (waited for)" : "search index", since: searchStart)
                // Kept in memory only for the next build of `serve`; the file's contents are made
                // and written beside the rest.
                searchCache = options.keepsState ? search.cache : SearchCache()
                if cache != nil, let searchCacheFile {
                    let stored = search.cache
                    stagedCaches.append(Task { CacheFileWriter.stage(as: searchCacheFile, stored.write) })
                }
                site.generated = try await timed("generate") {
                    try await renderer.renderGenerated(resolved, stamp: options.stamp, baseURL: options.baseURL,
                                                       searchFiles: search.files)
                }
            }
            if options.keepsState {
                result.state.generated = site.generated
                result.state.searchCache = searchCache ?? previous?.searchCache ?? SearchCache()
            }
            if let note = renderer.absoluteLinkNote(resolved, baseURL: options.baseURL) { result.diagnostics.append(note) }
            result.site = site
            result.pageCount = resolved.chapters.count
            result.renderedPages = resolved.chapters.count - site.reused.count

            if result.shouldWrite, let output = options.output, let writer {
                if options.writeInPlace {
                    result.state.fileHashes = try await timed("write") { try writer.writeInPlace(site, previous: previous?.fileHashes ?? [:]) }
                } else {
                    let exchanged: SiteWriter.ExchangedSite
                    do {
                        let placed = try await unchangedPlaced.get()
                        exchanged = try await timed("write") { try await writer.writeLeavingPrevious(site, staged: staged, unchangedPlaced: placed,
                                                                                                 unchangedAssets: unchangedAssets) }
                        staged = nil  // in place, or removed by `write` when it failed
                    } catch {
                        result.writeFailed = true
                        throw error
                    }
                    // The previous site is set aside for the next build beside the saving of the
                    // caches, or removed if it cannot be (before the manifest stamps the output:
                    // removing it changes the stamps of the files linked from it).
                    async let removal = exchanged.setAside()
                    var warnings: [Diagnostic]?
                    if let cache {
                        let saveStart = clock.now
                        defer { record("save cache", since: saveStart) }
                        // The search, chapter and bibliography caches, written already, and the
                        // page keys are put in place beside the making of the manifest.
                        let (staged, removesChapters, keys) = (stagedCaches, chapterCache == nil, cache.contents(pageKeys, output: output))
                        stagedCaches = []
                        async let cachesInPlace: Void = {
                            for staging in staged { await staging.value?.commit() }
                            if removesChapters, let chapterCacheFile { CacheFileWriter.remove(chapterCacheFile) }
                            if let keys { CacheFileWriter.save(keys, as: cache.file) }
                        }()
                        warnings = await removal
                        let manifest = BuildManifest.made(options: options.manifestKey(output: output), book: book,
                                                          calendarZone: resolved.calendar?.schedule.configuration.zone.identifier,
                                                          pageCount: resolved.chapters.count, assets: site.assets,
                                                          diagnostics: result.diagnostics.filter { !transient.contains($0) },
                                                          started: started, carried: quick?.carried)?.bytes
                        await cachesInPlace
                        // The manifest last: it says that the caches beside it are this site's (a
                        // build stopped before it finds the inputs changed since the last manifest,
                        // and makes those chapters again).
                        BuildManifest.save(manifest, beside: output)
                    } else {
                        // Written without the cache: one left from an earlier build would be stale.
                        CacheFileWriter.remove(BuildCache.file(beside: output))
                        CacheFileWriter.remove(BuildManifest.file(beside: output))
                        CacheFileWriter.remove(SearchCache.file(beside: output))
                        CacheFileWriter.remove(ChapterCache.file(beside: output))
                        CacheFileWriter.remove(BibliographyCache.file(beside: output))
                        CacheFileWriter.remove(ConfigurationCache.file(beside: output))
                    }
                    let removed = if let warnings { warnings } else { await removal }
                    transient += removed
                    result.diagnostics += removed
                }
                result.state.pageKeys = pageKeys
                result.wroteSite = true
            } else {
                // Nothing written: the output still matches what the last build left.
                result.state.pageKeys = previousKeys
                result.state.fileHashes = previous?.fileHashes ?? [:]
            }
            // A site that will not be put in place (--strict found a problem after all), once
            // nothing is put into it any more.
            if staged != nil {
                _ = await unchangedPlaced
                staged?.abandon()
            }
            if options.processExitsAfter {
                MemoryLeftToExit.keep((book, resolvedAlone, last, decoded, quick, pageKeys, previousKeys, chapterCache, searchCache,
                                       renderer, theme, themeFiles, bibliography, included))
            }
        } catch let error as CallbookError {
            staged?.abandon()
            result.fatal = true
            result.diagnostics += error.notes + [error.diagnostic]
        } catch {
            staged?.abandon()
            result.fatal = true
            result.diagnostics.append(.error("internal", "\(error)"))
        }
        // Caches of a site that was not put in place, and a new site's folder never used.
        for staging in stagedCaches { await staging.value?.discard() }
        if let stagingStart, case .success(let unused) = await stagingStart.value { unused.abandon() }
        return result
    }
}
