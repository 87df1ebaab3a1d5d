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

    /// Resolves `book` through the Resolve stage's passes, each chapter's pass reused from this
    /// memory when the chapter is the same parse (see `Chapter.parseID`); binding is reused only
    /// when every label, title and number of the book is as it was; the previews a reused
    /// chapter carries are taken afresh from its references. Returns the memory of this resolve
    /// for the next.
    /// - Parameter remembering: whether to return the memory of this resolve (else it is empty,
    ///   and each pass's trees go as soon as the next pass has its own).
    func resolve(_ book: Book, chapters: consuming [Chapter], today: Date, schedule: Schedule?,
                 bibliography: Bibliography, remembering: Bool) async -> (ResolvedBook, ResolveMemory) {
        let directory = book.directory
        let files = book.files
        let previous = self
        let anchored = await BookResolver.parallel(chapters) { chapter -> BookResolver.Anchored in
            if let old = previous.anchored[chapter.path], old.chapter.parseID == chapter.parseID { return old }
            return BookResolver.anchor(chapter, bookDirectory: directory, files: files)
        }
        _ = consume chapters  // the parsed trees go now, unless a `ParseCache` keeps them
        let context = await BookResolver.context(book, anchored: anchored, today: today, schedule: schedule,
                                                 bibliography: bibliography)
        // Other chapters' references can only change if some label, title or number did.
        let sameTargets = previous.today == today && anchored.count == previous.anchored.count
            && previous.citedInBook == context.citedInBook
            && anchored.allSatisfy { chapter in
                guard let old = previous.anchored[chapter.chapter.path] else { return false }
                return old.chapter.parseID == chapter.chapter.parseID
                    || (old.targets == chapter.targets && old.title == chapter.title && old.navTitle == chapter.navTitle)
            }
        let bound = await BookResolver.parallel(anchored) { chapter -> BookResolver.Bound in
            if sameTargets, let old = previous.bound[chapter.chapter.path],
               old.chapter.chapter.parseID == chapter.chapter.parseID {
                // The targets' texts may have changed even where no label did.
                var reused = old
                reused.chapter.previews = ReferencePreview.collect(for: chapter.pagePath, references: old.chapter.references,
                                                                   previews: context.previews)
                return reused
            }
            return BookResolver.bind(chapter, in: context)
        }
        var next = ResolveMemory()
        guard remembering else {
            return (BookResolver.assemble(book, anchored: anchored, context: context, bound: bound), next)
        }
        next.today = today
        next.citedInBook = context.citedInBook
        for (chapter, result) in zip(anchored, bound) {
            next.anchored[chapter.chapter.path] = chapter
            next.bound[chapter.chapter.path] = result
        }
        return (BookResolver.assemble(book, anchored: anchored, context: context, bound: bound), next)
    }
}
