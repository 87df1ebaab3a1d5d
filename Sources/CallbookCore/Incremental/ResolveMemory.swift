import Foundation

/// What a resolve leaves for the next one of the same book (`callbook serve`): each chapter's
/// first pass and its bound result, so that an unchanged chapter is not resolved again when
/// no label, title or number of the book changed.
public struct ResolveMemory: Sendable {
    private var anchored: [String: BookResolver.Anchored] = [:]
    private var bound: [String: BookResolver.Bound] = [:]
    private var today: Date?
    private var citedInBook: Set<String> = []

    public init() {}

    /// A chapter's first pass and its tree, handed to its binding together.
    private struct Handed: Sendable {
        var chapter: BookResolver.Anchored
        var document: Document
    }

    /// Resolves `book` through the Resolve stage's passes, each chapter's pass reused from this
    /// memory when the chapter is the same parse (see `Chapter.parseID`); binding is reused only
    /// when every label, title and number of the book is as it was; the previews a reused
    /// chapter carries are taken afresh from its references. Returns the memory of this resolve
    /// for the next.
    /// - Parameters:
    ///   - remembering: whether to return the memory of this resolve (else it is empty, and
    ///     each pass's trees go as soon as the next pass has its own).
    ///   - recording: whether to return each chapter's record for the chapter cache.
    func resolve(_ book: Book, chapters: consuming [Chapter], today: Date, schedule: Schedule?,
                 bibliography: Bibliography, remembering: Bool,
                 recording: Bool = false) async -> (ResolvedBook, ResolveMemory, [ChapterRecord]?) {
        let directory = book.directory
        let files = book.files
        let previous = self
        // Each parsed tree goes as soon as its first pass has its own, unless a `ParseCache` keeps it.
        @Sendable func firstPass(_ chapter: consuming Chapter) -> BookResolver.Anchored {
            if let old = previous.anchored[chapter.path], old.chapter.parseID == chapter.parseID { return old }
            return BookResolver.anchor(consume chapter, bookDirectory: directory, files: files)
        }
        var anchored = await Parallel.map(taking: consume chapters, firstPass)
        FreedMemory.release()  // the parsed trees' memory, before binding makes new trees
        let keysByDOI = CitationBinder.keysByDOI(bibliography)
        let surveys = await BookResolver.surveys(anchored, bibliography: bibliography, keysByDOI: keysByDOI)
        let context = BookResolver.context(book, anchored: anchored, surveys: surveys, today: today, schedule: schedule,
                                           bibliography: bibliography, keysByDOI: keysByDOI)
        // Other chapters' references can only change if some label, title or number did.
        let sameTargets = previous.today == today && anchored.count == previous.anchored.count
            && previous.citedInBook == context.citedInBook
            && anchored.allSatisfy { chapter in
                guard let old = previous.anchored[chapter.chapter.path] else { return false }
                return old.chapter.parseID == chapter.chapter.parseID
                    || (old.targets == chapter.targets && old.title == chapter.title && old.navTitle == chapter.navTitle)
            }
        // Without a memory to keep, each first pass's tree is handed to its binding and goes once
        // the binding has its own.
        let documents = anchored.map(\.document)
        if !remembering {
            for index in anchored.indices { anchored[index].document = Document(children: []) }
        }
        @Sendable func binding(_ input: consuming Handed) -> BookResolver.Bound {
            let chapter = input.chapter
            if sameTargets, let old = previous.bound[chapter.chapter.path],
               old.chapter.chapter.parseID == chapter.chapter.parseID {
                // The targets' texts may have changed even where no label did.
                var reused = old
                reused.chapter.previews = ReferencePreview.collect(for: chapter.pagePath, references: old.chapter.references,
                                                                   previews: context.previews)
                return reused
            }
            let document = input.document
            input.document = Document(children: [])
            return BookResolver.bind(chapter, document: consume document, in: context)
        }
        let handed = zip(anchored, consume documents).map { Handed(chapter: $0, document: $1) }
        let bound = await Parallel.map(taking: consume handed, binding)
        let records = recording ? zip(anchored, zip(surveys, bound)).map { ChapterRecord(anchored: $0, survey: $1.0, bound: $1.1) } : nil
        var next = ResolveMemory()
        guard remembering else {
            return (BookResolver.assemble(book, anchored: anchored, context: context, bound: bound), next, records)
        }
        next.today = today
        next.citedInBook = context.citedInBook
        for (chapter, result) in zip(anchored, bound) {
            next.anchored[chapter.chapter.path] = chapter
            next.bound[chapter.chapter.path] = result
        }
        return (BookResolver.assemble(book, anchored: anchored, context: context, bound: bound), next, records)
    }
}
