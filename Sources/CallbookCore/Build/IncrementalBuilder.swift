/// Builds a book again and again (`callbook serve`), each time reusing what the last build
/// left: chapters whose text did not change are not parsed again, pages whose key did not
/// change are not rendered again, and only files whose contents changed are written.
public actor IncrementalBuilder {
    public let options: BuildOptions
    private var state: BuildState?
    /// The last build's result, without its site and state, when it did not fail: what a build
    /// that finds the changed chapters as they were reports again.
    private var last: BuildResult?

    public init(options: BuildOptions) {
        var options = options
        options.writeInPlace = true
        options.keepsState = true
        self.options = options
    }

    /// Rebuilds. When every path in `changed` is a chapter file of the book, the book is not
    /// loaded again; anything else (configuration, new files, theme) reloads everything. When
    /// those chapters' texts are what the last build read (a save without a change), nothing is
    /// done: the last build's result is reported again, with nothing rendered.
    public func build(changed: [String] = []) async -> BuildResult {
        let chapters = Set(state?.book?.chapters.compactMap { $0.url?.standardizedFileURL.path } ?? [])
        let onlyChapters = !changed.isEmpty && changed.allSatisfy { chapters.contains($0) }
        if onlyChapters, let book = state?.book, var same = last {
            let start = ContinuousClock.now
            if Self.textsAreUnchanged(changed, in: book) {
                same.renderedPages = 0
                same.stageTimes = [("unchanged check", ContinuousClock.now - start, PeakMemory.bytes())]
                return same
            }
        }
        let result = await Build.run(options, previous: state, changedChapters: onlyChapters ? Set(changed) : nil)
        if !result.fatal {
            state = result.state
            var kept = result
            kept.site = nil
            kept.resolved = nil
            kept.state = BuildState()
            last = kept
        } else {
            // After a build that failed (a write among them), the next one is done in full.
            last = nil
        }
        return result
    }

    /// Whether each chapter file in `changed` (absolute paths) reads now as its text in `book`.
    static func textsAreUnchanged(_ changed: [String], in book: Book) -> Bool {
        let byPath = Dictionary(book.chapters.compactMap { chapter in chapter.url.map { ($0.standardizedFileURL.path, chapter) } },
                                uniquingKeysWith: { first, _ in first })
        return changed.allSatisfy { path in
            guard let chapter = byPath[path], let url = chapter.url,
                  case .success(let text) = book.files.text(at: url) else { return false }
            return text == chapter.text
        }
    }
}
