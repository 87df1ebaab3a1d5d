import Foundation

/// The Resolve stage, in three passes: each chapter (in parallel) gets its anchors, numbers,
/// title and assets and lists its targets; the targets are merged into one `BookIndex`;
/// then each chapter (in parallel) has its references bound through that index.
public struct BookResolver: Sendable {
    public init() {}

    /// One chapter after the first pass.
    struct Anchored: Sendable {
        var chapter: Chapter
        var pagePath: String
        var title: String
        var navTitle: String
        var document: Document
        var outline: [OutlineEntry]
        var targets: [Target]
        /// Anchor → what a reference's popover shows of that target (see `TargetPreviews`).
        var previews: PagePreviews
        var assets: [Asset]
        var diagnostics: [Diagnostic]
    }

    /// One chapter after the last pass, with the diagnostics of its binding.
    /// A chapter bound, its diagnostics, and those of them that wait for a "did you mean".
    typealias Bound = (chapter: ResolvedChapter, diagnostics: [Diagnostic], pending: [DidYouMean.Pending])

    /// What binding a chapter needs from the whole book, made once between the passes.
    struct BookContext: Sendable {
        var bookDirectory: URL
        /// The book's files, for links to files and `{download}`.
        var files: any BookFiles
        var index: BookIndex
        /// Chapter path → site path of its page.
        var pages: [String: String]
        /// Site path → page title.
        var titles: [String: [Inline]]
        /// Site path → anchor → the preview of that target.
        var previews: [String: PagePreviews]
        var bibliography: Bibliography
        var keysByDOI: [String: String]
        /// Every key cited in the book (a `{bibliography}` of cited works depends on all pages).
        var citedInBook: Set<String>
        /// Chapter path → whether it has citations or bibliographies to bind.
        var needsBinding: [String: Bool]
        var calendar: ResolvedCalendar?
        var calendarDiagnostics: [Diagnostic]
        /// Those of `calendarDiagnostics` that wait for a "did you mean".
        var calendarPending: [DidYouMean.Pending]
    }

    /// - Parameters:
    ///   - today: "now" for the calendar (`--today`), the build date by default.
    ///   - schedule: the calendar's schedule from an earlier build, reused if `calls.yml` is the same.
    ///   - bibliography: the book's BibTeX entries, for citations and `{bibliography}`.
    public func resolve(_ book: Book, chapters: [Chapter], today: Date = Date(), schedule: Schedule? = nil,
                        bibliography: Bibliography = .empty) async -> ResolvedBook {
        let directory = book.directory
        let files = book.files
        let anchored = await Self.parallel(chapters) { Self.anchor($0, bookDirectory: directory, files: files) }
        let keysByDOI = CitationBinder.keysByDOI(bibliography)
        let surveys = await Self.surveys(anchored, bibliography: bibliography, keysByDOI: keysByDOI)
        let context = Self.context(book, anchored: anchored, surveys: surveys, today: today, schedule: schedule,
                                   bibliography: bibliography, keysByDOI: keysByDOI)
        let bound = await Self.parallel(anchored) { Self.bind($0, document: $0.document, in: context) }
        return Self.assemble(book, anchored: anchored, context: context, bound: bound)
    }

    /// What each chapter cites of the bibliography (see `CitationBinder.survey`).
    typealias Survey = (keys: Set<String>, needsBinding: Bool)

    /// Each chapter's survey of what it cites, in parallel.
    static func surveys(_ anchored: [Anchored], bibliography: Bibliography, keysByDOI: [String: String]) async -> [Survey] {
        await Self.parallel(anchored) { chapter in
            CitationBinder.survey(chapter.document, bibliography: bibliography, keysByDOI: keysByDOI)
        }
    }

    /// The second pass: the targets of every chapter merged into one index, and the rest of
    /// what binding needs from the whole book.
    /// - Parameters:
    ///   - surveys: each chapter's survey (`surveys`), in book order.
    ///   - keysByDOI: `CitationBinder.keysByDOI(bibliography)`.
    static func context(_ book: Book, anchored: [Anchored], surveys: [Survey], today: Date, schedule: Schedule?,
                        bibliography: Bibliography, keysByDOI: [String: String]) -> BookContext {
        let index = BookIndex(anchored.map(\.targets))
        var calendarDiagnostics: [Diagnostic] = []
        var calendarPending: [DidYouMean.Pending] = []
        let calendar = book.calls.map { configuration -> ResolvedCalendar in
            let (calendar, diagnostics, pending) = ResolvedCalendar.resolve(configuration, index: index, today: today, cached: schedule)
            calendarDiagnostics = diagnostics
            calendarPending = pending
            return calendar
        }
        return BookContext(
            bookDirectory: book.directory, files: book.files, index: index,
            pages: Dictionary(anchored.map { ($0.chapter.path, $0.pagePath) }, uniquingKeysWith: { first, _ in first }),
            titles: Dictionary(anchored.map { ($0.pagePath, [Inline(.text($0.title))]) }, uniquingKeysWith: { first, _ in first }),
            previews: Dictionary(anchored.map { ($0.pagePath, $0.previews) }, uniquingKeysWith: { first, _ in first }),
            bibliography: bibliography, keysByDOI: keysByDOI,
            citedInBook: surveys.reduce(into: Set<String>()) { $0.formUnion($1.keys) },
            needsBinding: Dictionary(zip(anchored.map { $0.chapter.path }, surveys.map { $0.needsBinding }),
                                     uniquingKeysWith: { first, _ in first }),
            calendar: calendar, calendarDiagnostics: calendarDiagnostics, calendarPending: calendarPending)
    }

    /// The last pass for one chapter: every reference, citation and `{calls}` listing bound.
    /// - Parameter anchored: the chapter's tree after the first pass (`chapter.document`, unless
    ///   the caller took it out so that it goes once this pass has its own).
    static func bind(_ chapter: Anchored, document anchored: consuming Document, in context: BookContext) -> Bound {
        var resolver = ReferenceResolver(index: context.index, pages: context.pages, titles: context.titles,
                                         chapterPath: chapter.chapter.path, bookDirectory: context.bookDirectory,
                                         files: context.files)
        var document = resolver.resolve(consume anchored)
        var diagnostics = resolver.diagnostics
        var pending = resolver.pendingSuggestions
        if context.needsBinding[chapter.chapter.path] == true {
            var citations = CitationBinder(bibliography: context.bibliography, keysByDOI: context.keysByDOI,
                                           citedInBook: context.citedInBook)
            document = citations.bind(consume document)
            pending += citations.pendingSuggestions.map { DidYouMean.Pending(diagnostic: diagnostics.count + $0.diagnostic, request: $0.request) }
            diagnostics += citations.diagnostics
        }
        // One walk for what the page holds: math (the page loads KaTeX) and `{calls}` listings.
        var hasMath = false
        var listings: [Block] = []
        document.walk(block: { block in
            switch block.kind {
            case .math: hasMath = true
            case .calls: listings.append(block)
            default: break
            }
        }, inline: { if case .inlineMath = $0.kind { hasMath = true } })
        if let calendar = context.calendar {
            diagnostics += calendar.checkListings(listings)
        } else {
            for block in listings {
                diagnostics.append(.warning("calls-missing", "{calls} needs a calls.yml beside the book's configuration",
                                            at: block.range))
            }
        }
        let resolved = ResolvedChapter(chapter: chapter.chapter, pagePath: chapter.pagePath, title: chapter.title,
                                       navTitle: chapter.navTitle, document: document, outline: chapter.outline,
                                       hasMath: hasMath, references: resolver.references,
                                       previews: ReferencePreview.collect(for: chapter.pagePath, references: resolver.references,
                                                                          previews: context.previews),
                                       lookups: resolver.lookups)
        return (resolved, diagnostics, pending)
    }

    /// The resolved book from the chapters of every pass, with the book's assets and diagnostics.
    static func assemble(_ book: Book, anchored: [Anchored], context: BookContext, bound: [Bound]) -> ResolvedBook {
        var assets: [String: Asset] = [:]
        let (configured, configuredDiagnostics) = bookAssets(book)
        for asset in anchored.flatMap(\.assets) + configured { assets[asset.sitePath] = asset }
        // "Did you mean" in book order, the calendar's first, once every chapter is bound.
        var didYouMean = DidYouMean(index: context.index, bibliography: context.bibliography)
        var diagnostics = configuredDiagnostics + anchored.flatMap(\.diagnostics) + context.index.diagnostics
            + didYouMean.complete(context.calendarDiagnostics, pending: context.calendarPending)
        for chapter in bound { diagnostics += didYouMean.complete(chapter.diagnostics, pending: chapter.pending) }
        diagnostics += Self.scriptURLs(in: book.toc)
        if let note = didYouMean.note { diagnostics.append(note) }
        return ResolvedBook(book: book, chapters: bound.map(\.chapter), index: context.index,
                            assets: assets.values.sorted { $0.sitePath < $1.sitePath }, calendar: context.calendar,
                            diagnostics: diagnostics)
    }

    /// A warning for each TOC `url:` entry that runs script.
    static func scriptURLs(in entries: [TOCEntry]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var pending = entries[...]
        while let entry = pending.popFirst() {
            if case .url(let url) = entry.target, ScriptURL.isScript(url) { found.append(ScriptURL.warning(url, "table of contents", at: entry.range)) }
            pending += entry.children
        }
        return found
    }

    /// Runs `work` on every element in parallel (see `Parallel`), keeping the order.
    static func parallel<T: Sendable, R: Sendable>(_ items: [T], _ work: @escaping @Sendable (T) -> R) async -> [R] {
        await Parallel.map(items, work)
    }

    /// The logo and favicon named by the configuration.
    /// (A file outside the project root is an error, and not copied.)
    private static func bookAssets(_ book: Book) -> ([Asset], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let assets = [book.configuration.logo, book.configuration.favicon].compactMap { $0 }.compactMap { path -> Asset? in
            let normalized = BookPaths.normalize(path)
            let url = BookPaths.file(normalized, in: book.directory)
            if case .failure(let problem) = book.files.locate(url), case .outsideRoot = problem {
                diagnostics.append(.error("read-outside-root", problem.describe(path, root: book.files.root),
                                          at: book.configuration.sources.first.map { SourceRange(file: $0, line: 1, column: 1) }))
            }
            guard book.files.isFile(url) else { return nil }
            return Asset(source: BookPaths.standardPath(url), sitePath: LinkRewriter.sitePath(forAsset: normalized))
        }
        return (assets, diagnostics)
    }

    static func anchor(_ chapter: consuming Chapter, bookDirectory: URL, files: any BookFiles) -> Anchored {
        // The parsed tree is held here alone (when the caller handed the chapter over), so it
        // goes once the anchors' pass has its own.
        let parsed = chapter.document
        chapter.document = Document(children: [])
        let pagePath = BookPaths.pagePath(forChapter: chapter.path)
        let front = chapter.frontMatter
        let firstHeading: [Inline]? = parsed.firstBlock(where: { if case .heading = $0.kind { true } else { false } }).flatMap {
            if case .heading(_, let children, _) = $0.kind { children } else { nil }
        }
        let path = chapter.path
        let fileName = String(path[(path.lastIndex(ofASCII: UInt8(ascii: "/")).map(path.index(after:)) ?? path.startIndex)...].dropLast(3))
        let title = front?.title ?? chapter.source.tocTitle ?? firstHeading?.plainText ?? fileName
        let navTitle = chapter.source.tocTitle ?? front?.shortTitle ?? title

        var anchors = ChapterAnchors(pagePath: pagePath,
                                     links: LinkRewriter(bookDirectory: bookDirectory, chapterPath: chapter.path, files: files))
        let document = anchors.assign(consume parsed, pageTitle: [Inline(.text(title))])
        var targets = anchors.targets
        if let label = front?.label {
            targets.insert(Target(identifier: Labels.normalize(label), label: label, kind: .page, pagePath: pagePath,
                                  htmlID: nil, title: [Inline(.text(title))], number: nil, implicit: false,
                                  range: SourceRange(file: chapter.source.displayPath, line: 1, column: 1)), at: 0)
        }
        let links = anchors.links!
        let previews = PagePreviews(TargetPreviews.collect(document, pagePath: pagePath, title: title, description: front?.description))
        return Anchored(chapter: chapter, pagePath: pagePath, title: title, navTitle: navTitle, document: document,
                        outline: anchors.outline, targets: targets, previews: previews, assets: links.assets,
                        diagnostics: links.diagnostics)
    }
}
