import Foundation

/// A command-line rebuild after some chapter files (or files they include) were edited and
/// nothing else changed: only those chapters are parsed, resolved and rendered again; every other chapter stands in from
/// its record (`ChapterCache`) and its page, page key and search sections from the last build.
///
/// It holds only while what every page shows of the edited chapters is unchanged: the same
/// page, titles and `.bib` files asked for, and the same keys cited in the whole book. Where
/// an edited chapter's targets changed (a heading or label added, removed or renamed), the
/// pages whose references looked up one of those labels or anchors are made again too, unless
/// `calls.yml` names one (then the calendar may change); where the previews of its targets
/// changed, the pages that show them (those with references landing on those targets).
/// Anything more, and the build is a full one: `start` or `resolve` gives nil.
struct QuickRebuild: Sendable {
    /// Every chapter's record from the last build, in book order.
    let cache: ChapterCache
    var records: [ChapterRecord] { cache.records }
    /// The chapters made again (edited, or showing an edited chapter's previews) after the
    /// first pass of Resolve, by index in the book.
    let rebuilt: [Int: BookResolver.Anchored]
    /// The page keys of the chapters that stand in, as the output holds them.
    let standingKeys: [String: UInt64]
    /// The last build's inputs, carried over into this build's manifest.
    let carried: BuildManifest.ChangedInputs

    /// What the last build left beside the output: its page keys, search cache and chapter cache.
    struct LastBuild: Sendable {
        var keys: [String: UInt64]
        var search: SearchCache
        var chapters: ChapterCache?
    }

    /// The rebuild of `book` when only `changed` inputs changed since the build that left
    /// `last`; nil when one is not possible.
    static func start(_ book: Book, changed: BuildManifest.ChangedInputs, last: LastBuild) async -> QuickRebuild? {
        let (previousKeys, search) = (last.keys, last.search)
        guard let cache = last.chapters, case let records = cache.records, records.count == book.chapters.count,
              zip(records, book.chapters).allSatisfy({ $0.path == $1.path }) else { return nil }
        var sourcePaths: [String] = []
        for chapter in book.chapters {
            guard let url = chapter.url else { return nil }
            sourcePaths.append(BookPaths.standardPath(url))
        }
        // Only chapter files and files they include changed.
        guard changed.paths.isSubset(of: Set(sourcePaths).union(records.lazy.flatMap(\.includes))) else { return nil }
        let stored = search.stored(for: previousKeys)
        var toMake = Set(records.indices.filter { index in
            changed.paths.contains(sourcePaths[index]) || records[index].includes.contains(where: changed.paths.contains)
                || stored[records[index].pagePath]?.isEmpty != false
        })
        var rebuilt = await anchor(toMake, of: book)
        var changedLookups = TargetLookups()
        for index in toMake {
            guard let new = rebuilt[index] else { return nil }
            let old = records[index]
            guard ChapterRecord.sharedBytes(of: new) == old.sharedBytes else { return nil }
            changedLookups.formUnion(TargetChanges.lookups(changedFrom: old.targets, to: new.targets))
            // The pages showing a preview of its targets that changed, appeared or went.
            let (oldPreviews, newPreviews) = (old.previews.all, new.previews.all)
            let changedPreviews = Set(Set(oldPreviews.keys).union(newPreviews.keys)
                .filter { oldPreviews[$0] != newPreviews[$0] }.map { TargetLookups.anchor($0, on: old.pagePath) })
            if !changedPreviews.isEmpty {
                toMake.formUnion(records.indices.filter { !changedPreviews.isDisjoint(with: records[$0].shownPreviews) })
            }
        }
        if !changedLookups.isEmpty {
            // A label `calls.yml` names: the calendar, its listings and feeds may change.
            if let calls = book.calls, !ResolvedCalendar.labels(calls).isDisjoint(with: changedLookups.labels) { return nil }
            // The pages that looked up a changed label or anchor are bound again.
            toMake.formUnion(records.indices.filter { records[$0].lookups.meets(changedLookups) })
        }
        let showing = toMake.subtracting(rebuilt.keys)
        rebuilt.merge(await anchor(showing, of: book)) { new, _ in new }
        guard rebuilt.count == toMake.count else { return nil }
        // (A page without a key or stored sections is made again above: every stand-in has both.)
        var standingKeys: [String: UInt64] = [:]
        for (index, record) in records.enumerated() where rebuilt[index] == nil {
            guard let key = previousKeys[record.pagePath] else { return nil }
            standingKeys[record.pagePath] = key
        }
        return QuickRebuild(cache: cache, rebuilt: rebuilt, standingKeys: standingKeys, carried: changed)
    }

    /// The chapters at `indices` parsed and through the first pass of Resolve (those whose
    /// texts the load left out read first); those missing when one cannot be read.
    private static func anchor(_ indices: Set<Int>, of book: Book) async -> [Int: BookResolver.Anchored] {
        var order: [Int] = []
        var sources: [ChapterSource] = []
        for index in indices.sorted() {
            guard let source = book.chapters[index].read(through: book.files) else { continue }
            order.append(index)
            sources.append(source)
        }
        let (directory, files) = (book.directory, book.files)
        let parsed = await ChapterParser(files: files).parse(sources)
        let anchored = await Parallel.map(taking: parsed) { BookResolver.anchor($0, bookDirectory: directory, files: files) }
        return Dictionary(uniqueKeysWithValues: zip(order, anchored))
    }

    /// The Parse stage's chapters: those made again as parsed (their trees are held by
    /// `rebuilt`), the others as their records tell.
    func chapters(_ book: Book) -> [Chapter] {
        book.chapters.enumerated().map { index, source in rebuilt[index]?.chapter ?? records[index].chapter(source: source) }
    }

    /// The resolved book, the chapters made again bound and the others standing in, and the
    /// chapter cache for the next build; nil when the keys cited in the book changed (the
    /// reference lists of other pages would change).
    func resolve(_ book: Book, chapters: [Chapter], today: Date, bibliography: Bibliography) async
        -> (ResolvedBook, ChapterCache)? {
        let anchored = chapters.indices.map { rebuilt[$0] ?? records[$0].anchored(chapters[$0]) }
        let keysByDOI = CitationBinder.keysByDOI(bibliography)
        let order = rebuilt.keys.sorted()
        let made = await BookResolver.surveys(order.map { anchored[$0] }, bibliography: bibliography, keysByDOI: keysByDOI)
        var surveys = records.map { BookResolver.Survey(keys: Set($0.citedKeys), needsBinding: $0.needsBinding) }
        let citedBefore = surveys.reduce(into: Set<String>()) { $0.formUnion($1.keys) }
        for (index, survey) in zip(order, made) { surveys[index] = survey }
        guard surveys.reduce(into: Set<String>(), { $0.formUnion($1.keys) }) == citedBefore else { return nil }
        let context = BookResolver.context(book, anchored: anchored, surveys: surveys, today: today, schedule: nil,
                                           bibliography: bibliography, keysByDOI: keysByDOI)
        let bound = await Parallel.map(order) { BookResolver.bind(anchored[$0], document: anchored[$0].document, in: context) }
        var all = chapters.indices.map { records[$0].bound(chapters[$0]) }
        var next = cache
        for (index, result) in zip(order, bound) {
            all[index] = result
            next.replace(index, with: ChapterRecord(anchored: anchored[index], survey: surveys[index], bound: result))
        }
        return (BookResolver.assemble(book, anchored: anchored, context: context, bound: all), next)
    }
}
