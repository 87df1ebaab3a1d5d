import Foundation

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    public var bookDirectory: URL
    /// How the book folder is printed in diagnostics (as the user typed it).
    public var displayRoot: String
    public var output: URL
    /// The default theme's folder.
    public var themeDirectory: URL
    /// Treat warnings as failures.
    public var strict: Bool
    /// "Now" for the calendar: which sessions are upcoming (`--today`).
    public var today: Date
    /// The `DTSTAMP` of the feeds: `SOURCE_DATE_EPOCH` when set, else the start of `today` (UTC).
    public var stamp: Date
    /// Where the site is published (`--base-url`), for canonical links, the sitemap and feeds;
    /// the book's configuration is used when nil.
    public var baseURL: String?
    /// False for `callbook check`: run every stage but write nothing.
    public var writeSite = true
    /// Write changed files into the output as it stands instead of swapping a new folder in
    /// (`callbook serve`, where the output is its own).
    public var writeInPlace = false
    /// The content-hash cache kept between builds (`.callbook-cache/` beside the output):
    /// pages whose inputs did not change are not rendered or written again.
    public var cacheFile: URL?
    /// Replace the output folder even when callbook did not write it (`--force`).
    public var force = false
    /// The folder every file read for the book must lie in (`--root`); nil: found from the book
    /// folder (see `ProjectRoot`).
    public var projectRoot: URL?

    public init(bookDirectory: URL, displayRoot: String? = nil, output: URL, themeDirectory: URL, strict: Bool = false,
                today: Date = Date(), stamp: Date? = nil) {
        self.bookDirectory = bookDirectory
        self.displayRoot = displayRoot ?? bookDirectory.path
        self.output = output
        self.themeDirectory = themeDirectory
        self.strict = strict
        self.today = today
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        self.stamp = stamp ?? utc.startOfDay(for: today)
    }
}

/// What a build did: its diagnostics, what it wrote, and how long each stage took.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var pageCount = 0
    /// True when the new site replaced the output folder.
    public var wroteSite = false
    /// The rendered site (also when it was not written), for inspection and tests.
    public var site: RenderedSite?
    /// The resolved book, for checks that look at it (external links).
    public var resolved: ResolvedBook?
    /// How many chapter pages were rendered (the others were unchanged since the last build).
    public var renderedPages = 0
    /// What the next build may reuse.
    public var state = BuildState()
    /// Stage name and duration, in pipeline order.
    public var stageTimes: [(stage: String, duration: Duration)] = []
    public var strict = false
    /// True when the book could not be built at all (unreadable configuration, empty book,
    /// bad output folder, broken theme, a write that failed).
    public var fatal = false
    /// True when the output folder may not be used (inside the book, containing it, not a
    /// folder, or a folder callbook did not write): nothing was done.
    public var outputRefused = false
    /// True when the site was made but could not be written (the diagnostic says what became
    /// of the output).
    public var writeFailed = false

    /// Exit status 1: any error, or any warning under `--strict`.
    public var failed: Bool {
        fatal || diagnostics.errorCount > 0 || (strict && diagnostics.warningCount > 0)
    }

    /// Whether the new site replaces the output: not after a fatal error, and not when
    /// `--strict` finds any problem; errors in chapters alone still publish the rest, so that
    /// one broken chapter does not hide the others (the exit status still says 1).
    public var shouldWrite: Bool {
        !fatal && !(strict && (diagnostics.errorCount + diagnostics.warningCount) > 0)
    }
}

/// What one build leaves for the next: the loaded book and parsed chapters (in memory only)
/// and page keys.
public struct BuildState: Sendable {
    /// The book as loaded, with its load diagnostics, for a rebuild where only chapter texts changed.
    public var book: Book?
    public var loadDiagnostics: [Diagnostic] = []
    public var parseCache = ParseCache()
    public var pageKeys: [String: UInt64] = [:]
    /// Hashes of the files written in place, to write only what changed.
    public var fileHashes: [String: UInt64] = [:]
    /// The calendar's expanded schedule.
    public var schedule: Schedule?
    /// The last resolve, reusable when only chapter texts changed.
    public var resolveMemory: BookResolver.Memory?
    /// The last generated files (search index, calendar…), reused when no page changed.
    public var generated: [SiteFile]?

    public init() {}
}

/// The pipeline, stage by stage: Load → Parse → Resolve → Render → Write.
public enum Build {
    /// - Parameters:
    ///   - previous: what the last build left, to reuse.
    ///   - changedChapters: when set, only these chapter files changed since `previous` (and no
    ///     configuration): the book is not loaded again, only their texts are read.
    public static func run(_ options: BuildOptions, previous: BuildState? = nil,
                           changedChapters: Set<String>? = nil) async -> BuildResult {
        var result = BuildResult()
        result.strict = options.strict
        let clock = ContinuousClock()
        func timed<T>(_ stage: String, _ body: () async throws -> T) async rethrows -> T {
            let start = clock.now
            defer { result.stageTimes.append((stage, clock.now - start)) }
            return try await body()
        }
        do {
            if options.writeSite {
                do {
                    try checkOutputLocation(options)
                    if !options.writeInPlace { result.diagnostics += try SiteWriter(output: options.output).prepare(force: options.force) }
                } catch {
                    result.outputRefused = true
                    throw error
                }
            }
            let (book, loadDiagnostics) = try await timed("load") { () throws -> (Book, [Diagnostic]) in
                if let changedChapters, let previousBook = previous?.book,
                   let updated = BookLoader.reloading(changedChapters, in: previousBook) {
                    return (updated, previous?.loadDiagnostics ?? [])
                }
                return try BookLoader(directory: options.bookDirectory, displayRoot: options.displayRoot,
                                      projectRoot: options.projectRoot).load()
            }
            result.diagnostics += loadDiagnostics
            result.state.book = book
            result.state.loadDiagnostics = loadDiagnostics
            let theme = try Theme(directory: options.themeDirectory, overrides: book.templatesOverride, bookFiles: book.files)

            let chapters = await timed("parse") { await ChapterParser(files: book.files).parse(book.chapters, cache: previous?.parseCache ?? ParseCache()) }
            result.diagnostics += chapters.flatMap(\.diagnostics)

            let (bibliography, bibliographyDiagnostics) = BibliographyLoader.load(book, requests: chapters.flatMap(\.bibliographyRequests))
            result.diagnostics += bibliographyDiagnostics
            let resolved = await timed("resolve") { await BookResolver().resolve(book, chapters: chapters, today: options.today,
                                                                                  schedule: previous?.schedule,
                                                                                  memory: changedChapters == nil ? nil : previous?.resolveMemory,
                                                                                  bibliography: bibliography) }
            result.diagnostics += resolved.diagnostics
            result.resolved = resolved
            result.state.schedule = resolved.calendar?.schedule
            result.state.resolveMemory = resolved.memory

            let cache = options.cacheFile.map(BuildCache.init)
            let previousKeys = options.writeSite ? (previous?.pageKeys ?? cache?.load(output: options.output) ?? [:]) : [:]
            let renderer = SiteRenderer(theme: theme)
            // The search index is made alongside the pages: its last step runs on one core.
            let pagesUnchanged = changedChapters != nil && previous?.generated != nil
            async let searchFiles: [SiteFile]? = pagesUnchanged ? nil : SiteRenderer.searchFiles(resolved)
            var site = try await timed("render") {
                try await renderer.renderPages(resolved, baseURL: options.baseURL, previousKeys: previousKeys)
            }
            if options.writeInPlace && options.writeSite && result.shouldWrite {
                // Serving: the edited pages go out before the search index and the rest are remade.
                try SiteWriter(output: options.output).writePagesInPlace(site.pages)
            }
            if changedChapters != nil, site.reused.count == resolved.chapters.count, let last = previous?.generated {
                site.generated = last  // nothing a reader sees changed
            } else {
                let search = await searchFiles
                site.generated = try await timed("generate") {
                    try await renderer.renderGenerated(resolved, stamp: options.stamp, baseURL: options.baseURL,
                                                       searchFiles: search)
                }
            }
            result.state.generated = site.generated
            result.site = site
            result.pageCount = resolved.chapters.count
            result.renderedPages = resolved.chapters.count - site.reused.count
            result.state.parseCache = ParseCache(chapters, files: book.files)

            if result.shouldWrite && options.writeSite {
                let writer = SiteWriter(output: options.output)
                if options.writeInPlace {
                    result.state.fileHashes = try await timed("write") { try writer.writeInPlace(site, previous: previous?.fileHashes ?? [:]) }
                } else {
                    do {
                        result.diagnostics += try await timed("write") { try await writer.write(site) }
                    } catch {
                        result.writeFailed = true
                        throw error
                    }
                    if let cache {
                        cache.save(site.pageKeys, output: options.output)
                    } else {
                        // Written without the cache: one left from an earlier build would be stale.
                        try? FileManager.default.removeItem(at: BuildCache.file(beside: options.output))
                    }
                }
                result.state.pageKeys = site.pageKeys
                result.wroteSite = true
            } else {
                // Nothing written: the output still matches what the last build left.
                result.state.pageKeys = previousKeys
                result.state.fileHashes = previous?.fileHashes ?? [:]
            }
        } catch let error as CallbookError {
            result.fatal = true
            result.diagnostics += error.notes + [error.diagnostic]
        } catch {
            result.fatal = true
            result.diagnostics.append(.error("internal", "\(error)"))
        }
        return result
    }

    /// The output is replaced as a whole, so it may not be the book folder, lie inside it (a
    /// rebuild would read its own output) or contain it (the swap would delete the book).
    static func checkOutputLocation(_ options: BuildOptions) throws {
        let book = realPath(options.bookDirectory)
        let output = realPath(options.output)
        func isInside(_ path: String, _ folder: String) -> Bool {
            path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
        }
        if isInside(output, book) {
            throw CallbookError("output-inside-book",
                                "the output folder '\(options.output.path)' is inside the book folder '\(options.displayRoot)'; choose an output outside it (e.g. --output site)")
        }
        if isInside(book, output) {
            throw CallbookError("output-contains-book",
                                "the output folder '\(options.output.path)' contains the book folder '\(options.displayRoot)'; building there would replace the book")
        }
    }

    /// The absolute path with symbolic links resolved, also for a path that does not exist
    /// yet (its nearest existing folder is resolved, the rest appended).
    static func realPath(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var resolved = existing.resolvingSymlinksInPath()
        for component in rest { resolved.appendPathComponent(component) }
        return resolved.standardizedFileURL.path
    }
}
