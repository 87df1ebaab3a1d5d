import Foundation

/// The incremental cache around the stages, keys in and cached values out: from what the last
/// build left, it decides what each stage must do again (which chapters to parse, which to
/// resolve, which pages to render) and calls the stage for that only. The stages know nothing
/// of it.
struct IncrementalStages: Sendable {
    /// What the last build left; nil for a first build.
    let previous: BuildState?
    /// When set, only these chapter files (absolute paths) changed since `previous`, and no
    /// configuration: the book is not loaded again, only their texts are read.
    let changedChapters: Set<String>?

    /// The last build's book with the changed chapters read again, and its load diagnostics;
    /// nil when the book must be loaded afresh.
    func reloadedBook() -> (Book, [Diagnostic])? {
        guard let changedChapters, let book = previous?.book,
              let updated = BookLoader.reloading(changedChapters, in: book) else { return nil }
        return (updated, previous?.loadDiagnostics ?? [])
    }

    /// Every chapter of `book`: the last build's parse where its text and included files are
    /// unchanged, the others parsed now (in parallel), in the book's order.
    func parse(_ book: Book) async -> [Chapter] {
        let cache = previous?.parseCache ?? ParseCache()
        let reused = book.chapters.map { cache.chapter(for: $0, files: book.files) }
        let changed = zip(book.chapters, reused).compactMap { source, chapter in chapter == nil ? source : nil }
        var parsed = await ChapterParser(files: book.files).parse(changed).makeIterator()
        return reused.compactMap { $0 ?? parsed.next() }
    }

    /// The resolved book, the memory of this resolve and (when `recording`) each chapter's
    /// record. Chapters are resolved again only when they or what they show of other chapters
    /// changed (only when nothing but chapter texts changed); the calendar's schedule is reused
    /// when `calls.yml` is the same.
    func resolve(_ book: Book, chapters: consuming [Chapter], today: Date, bibliography: Bibliography,
                 remembering: Bool, recording: Bool) async -> (ResolvedBook, ResolveMemory, [ChapterRecord]?) {
        let memory = changedChapters == nil ? ResolveMemory() : previous?.resolveMemory ?? ResolveMemory()
        return await memory.resolve(book, chapters: consume chapters, today: today, schedule: previous?.schedule,
                                    bibliography: bibliography, remembering: remembering, recording: recording)
    }

    /// The page keys the output holds now: the last build's in memory, else the cache file's;
    /// none when `cache` is nil and nothing is in memory.
    func previousKeys(cache: BuildCache?, output: URL) -> [String: UInt64] {
        previous?.pageKeys ?? cache?.load(output: output) ?? [:]
    }

    /// Each chapter page's key (see `RenderKeys`), and the pages whose key is the one the output
    /// holds: these need not be rendered or written again.
    /// - Parameter standing: the keys of pages that stand in unchanged (`QuickRebuild`), not made again.
    func unchangedPages(_ book: ResolvedBook, theme: ThemeFiles, baseURL: String?, included: FileContents,
                        previousKeys: [String: UInt64], standing: [String: UInt64]) async -> (keys: [String: UInt64], unchanged: Set<String>) {
        let keys = await RenderKeys.keys(book, theme: theme, baseURL: SiteRenderer.base(book, baseURL), included: included,
                                         standing: standing)
        let unchanged = book.chapters.map(\.pagePath).filter { previousKeys[$0] != nil && previousKeys[$0] == keys[$0] }
        return (keys, Set(unchanged))
    }

    /// The search index's files for `book`, the sections of each page whose key in `keys` is
    /// unchanged taken from the last build's search cache (in memory, else `loaded` from `file`,
    /// else read from `file`), and the search cache of this build (empty unless `storing`).
    /// - Parameter decoded: stored pages decoded already (a quick rebuild's, beside its resolve),
    ///   and `words`, the last index's words (`SearchCache.bookWords()`) likewise.
    /// - Parameter handOn: offered each text chunk once it is complete (see `SearchIndex.files`).
    func searchIndex(_ book: ResolvedBook, keys: [String: UInt64], file: URL?, loaded: SearchCache?,
                     decoded: [String: SearchIndex.PageSections], words: SearchIndex.BookWords?,
                     storing: Bool, handOn: (@Sendable (SiteFile) -> Bool)? = nil) async -> (files: [SiteFile], cache: SearchCache) {
        let last = previous.map(\.searchCache) ?? loaded ?? file.map(SearchCache.load) ?? SearchCache()
        let reused = last.stored(for: keys)
        // The last words are read only when they may be patched: at most a quarter of the pages read.
        let patchable = reused.count * 4 >= book.chapters.count * 3
        let (files, stored, made) = await SiteRenderer.searchFiles(book, stored: reused, decoded: decoded,
                                                                   words: words ?? (patchable ? last.bookWords() : nil), storing: storing,
                                                                   handOn: handOn)
        guard storing else { return (files, SearchCache()) }
        let pages = zip(book.chapters, stored).map { chapter, sections in
            SearchCache.Page(path: chapter.pagePath, key: keys[chapter.pagePath] ?? 0, sections: sections)
        }
        return (files, SearchCache(pages: pages, madeWords: made))
    }

    /// Whether the last build's generated files (search index, calendar, feeds…) may stand in
    /// for this build's, if no page changes: only when nothing but chapter texts changed.
    var mayReuseGenerated: Bool { changedChapters != nil && previous?.generated != nil }

    /// The last build's generated files when they stand for this build's: nothing but chapter
    /// texts changed and no page did (`unchangedPages` is every page).
    func generated(unchangedPages: Int, of pageCount: Int) -> [SiteFile]? {
        changedChapters != nil && unchangedPages == pageCount ? previous?.generated : nil
    }
}
