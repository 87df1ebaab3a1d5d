import Foundation

/// The Resolve stage, in three passes: each chapter (in parallel) gets its anchors, numbers,
/// title and assets and lists its targets; the targets are merged into one `BookIndex`;
/// then each chapter (in parallel) has its references bound through that index.
public struct BookResolver: Sendable {
    public init() {}

    /// What a resolve leaves for the next one (`callbook serve`): each chapter's first pass,
    /// and its bound result.
    public struct Memory: Sendable {
        var anchored: [String: Anchored] = [:]
        var bound: [String: (ResolvedChapter, [Diagnostic])] = [:]
        var today: Date?
        /// Every key cited in the book (a `{bibliography}` of cited works depends on all pages).
        var citedInBook: Set<String> = []
        public init() {}
    }

    /// One chapter after the first pass.
    struct Anchored: Sendable {
        var chapter: Chapter
        var pagePath: String
        var title: String
        var navTitle: String
        var document: Document
        var outline: [OutlineEntry]
        var targets: [Target]
        var assets: [Asset]
        var diagnostics: [Diagnostic]
    }

    /// - Parameter today: "now" for the calendar (`--today`), the build date by default.
    ///   - schedule: the calendar's schedule from an earlier build, reused if `calls.yml` is the same.
    ///   - memory: the last resolve of the same book (same configuration and files besides
    ///     chapter texts): unchanged chapters are not resolved again when no label, title or
    ///     number changed.
    ///   - bibliography: the book's BibTeX entries, for citations and `{bibliography}`.
    public func resolve(_ book: Book, chapters: [Chapter], today: Date = Date(), schedule: Schedule? = nil,
                        memory: Memory? = nil, bibliography: Bibliography = .empty) async -> ResolvedBook {
        let directory = book.directory
        let files = book.files
        let previous = memory ?? Memory()
        let anchored = await Self.parallel(chapters) { chapter -> Anchored in
            if let old = previous.anchored[chapter.path], old.chapter.parseID == chapter.parseID { return old }
            return Self.anchor(chapter, bookDirectory: directory, files: files)
        }
        let keysByDOI = CitationBinder.keysByDOI(bibliography)
        let surveys = await Self.parallel(anchored) { chapter in
            CitationBinder.survey(chapter.document, bibliography: bibliography, keysByDOI: keysByDOI)
        }
        let citedInBook = surveys.reduce(into: Set<String>()) { $0.formUnion($1.keys) }
        let needsBinding = Dictionary(zip(anchored.map { $0.chapter.path }, surveys.map { $0.needsBinding }),
                                      uniquingKeysWith: { first, _ in first })
        // Other chapters' references can only change if some label, title or number did.
        let sameTargets = memory != nil && previous.today == today && anchored.count == previous.anchored.count
            && previous.citedInBook == citedInBook
            && anchored.allSatisfy { chapter in
                guard let old = previous.anchored[chapter.chapter.path] else { return false }
                return old.chapter.parseID == chapter.chapter.parseID
                    || (old.targets == chapter.targets && old.title == chapter.title && old.navTitle == chapter.navTitle)
            }

        let index = BookIndex(anchored.map(\.targets))
        let pages = Dictionary(anchored.map { ($0.chapter.path, $0.pagePath) }, uniquingKeysWith: { first, _ in first })
        let titles = Dictionary(anchored.map { ($0.pagePath, [Inline(.text($0.title))]) }, uniquingKeysWith: { first, _ in first })
        var calendarDiagnostics: [Diagnostic] = []
        let calendar = book.calls.map { configuration -> ResolvedCalendar in
            let (calendar, diagnostics) = ResolvedCalendar.resolve(configuration, index: index, today: today, cached: schedule)
            calendarDiagnostics = diagnostics
            return calendar
        }

        let bound = await Self.parallel(anchored) { chapter -> (ResolvedChapter, [Diagnostic]) in
            if sameTargets, let old = previous.bound[chapter.chapter.path],
               old.0.chapter.parseID == chapter.chapter.parseID { return old }
            var resolver = ReferenceResolver(index: index, pages: pages, titles: titles, chapterPath: chapter.chapter.path,
                                             bookDirectory: directory, files: files)
            var document = resolver.resolve(chapter.document)
            var diagnostics = resolver.diagnostics
            if needsBinding[chapter.chapter.path] == true {
                var citations = CitationBinder(bibliography: bibliography, keysByDOI: keysByDOI, citedInBook: citedInBook)
                document = citations.bind(document)
                diagnostics += citations.diagnostics
            }
            if let calendar {
                document = calendar.fillListings(document, pagePath: chapter.pagePath, diagnostics: &diagnostics)
            } else {
                document.walk(block: { block in
                    if case .calls = block.kind {
                        diagnostics.append(.warning("calls-missing", "{calls} needs a calls.yml beside the book's configuration",
                                                    at: block.range))
                    }
                })
            }
            let resolved = ResolvedChapter(chapter: chapter.chapter, pagePath: chapter.pagePath, title: chapter.title,
                                           navTitle: chapter.navTitle, document: document, outline: chapter.outline,
                                           hasMath: Self.containsMath(document), references: resolver.references)
            return (resolved, diagnostics)
        }

        var assets: [String: Asset] = [:]
        let (configured, configuredDiagnostics) = bookAssets(book)
        for asset in anchored.flatMap(\.assets) + configured { assets[asset.sitePath] = asset }
        let diagnostics = configuredDiagnostics + anchored.flatMap(\.diagnostics) + index.diagnostics + calendarDiagnostics + bound.flatMap(\.1)
            + Self.scriptURLs(in: book.toc)
        var next = Memory()
        next.today = today
        next.citedInBook = citedInBook
        for (chapter, result) in zip(anchored, bound) {
            next.anchored[chapter.chapter.path] = chapter
            next.bound[chapter.chapter.path] = result
        }
        return ResolvedBook(book: book, chapters: bound.map(\.0), index: index,
                            assets: assets.values.sorted { $0.sitePath < $1.sitePath }, calendar: calendar, diagnostics: diagnostics,
                            memory: next)
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

    /// Runs `work` on every element in parallel, keeping the order.
    static func parallel<T: Sendable, R: Sendable>(_ items: [T], _ work: @escaping @Sendable (T) -> R) async -> [R] {
        await withTaskGroup(of: (Int, R).self) { group in
            for (position, item) in items.enumerated() {
                group.addTask { (position, work(item)) }
            }
            var results = [R?](repeating: nil, count: items.count)
            for await (position, result) in group { results[position] = result }
            return results.compactMap { $0 }
        }
    }

    /// The logo and favicon named by the configuration.
    /// (A file outside the project root is an error, and not copied.)
    private func bookAssets(_ book: Book) -> ([Asset], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let assets = [book.configuration.logo, book.configuration.favicon].compactMap { $0 }.compactMap { path -> Asset? in
            let normalized = BookPaths.normalize(path)
            let url = book.directory.appendingPathComponent(normalized)
            if case .failure(let problem) = book.files.locate(url), case .outsideRoot = problem {
                diagnostics.append(.error("read-outside-root", problem.describe(path, root: book.files.root),
                                          at: book.configuration.sources.first.map { SourceRange(file: $0, line: 1, column: 1) }))
            }
            guard book.files.isFile(url) else { return nil }
            return Asset(source: url.standardizedFileURL.path, sitePath: LinkRewriter.sitePath(forAsset: normalized))
        }
        return (assets, diagnostics)
    }

    static func anchor(_ chapter: Chapter, bookDirectory: URL, files: any BookFiles) -> Anchored {
        let pagePath = BookPaths.pagePath(forChapter: chapter.path)
        let front = chapter.frontMatter
        var firstHeading: [Inline]?
        chapter.document.walk(block: { block in
            if firstHeading == nil, case .heading(_, let children, _) = block.kind { firstHeading = children }
        })
        let fileName = String((chapter.path.split(separator: "/").last ?? "").dropLast(3))
        let title = front?.title ?? chapter.source.tocTitle ?? firstHeading?.plainText ?? fileName
        let navTitle = chapter.source.tocTitle ?? front?.shortTitle ?? title

        var anchors = ChapterAnchors(pagePath: pagePath)
        var document = anchors.assign(chapter.document, pageTitle: [Inline(.text(title))])
        var targets = anchors.targets
        if let label = front?.label {
            targets.insert(Target(identifier: Labels.normalize(label), label: label, kind: .page, pagePath: pagePath,
                                  htmlID: nil, title: [Inline(.text(title))], number: nil, implicit: false,
                                  range: SourceRange(file: chapter.source.displayPath, line: 1, column: 1)), at: 0)
        }
        var links = LinkRewriter(bookDirectory: bookDirectory, chapterPath: chapter.path, files: files)
        document = links.rewrite(document)
        return Anchored(chapter: chapter, pagePath: pagePath, title: title, navTitle: navTitle, document: document,
                        outline: anchors.outline, targets: targets, assets: links.assets, diagnostics: links.diagnostics)
    }

    static func containsMath(_ document: Document) -> Bool {
        var found = false
        document.walk(block: { if case .math = $0.kind { found = true } },
                      inline: { if case .inlineMath = $0.kind { found = true } })
        return found
    }
}
