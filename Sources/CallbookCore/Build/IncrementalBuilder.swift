/// Builds a book again and again (`callbook serve`), each time reusing what the last build
/// left: chapters whose text did not change are not parsed again, pages whose key did not
/// change are not rendered again, and only files whose contents changed are written.
public actor IncrementalBuilder {
    public let options: BuildOptions
    private var state: BuildState?

    public init(options: BuildOptions) {
        var options = options
        options.writeInPlace = true
        options.keepsState = true
        self.options = options
    }

    /// Rebuilds. When every path in `changed` is a chapter file of the book, the book is not
    /// loaded again; anything else (configuration, new files, theme) reloads everything.
    public func build(changed: [String] = []) async -> BuildResult {
        let chapters = Set(state?.book?.chapters.compactMap { $0.url?.standardizedFileURL.path } ?? [])
        let onlyChapters = !changed.isEmpty && changed.allSatisfy { chapters.contains($0) }
        let result = await Build.run(options, previous: state, changedChapters: onlyChapters ? Set(changed) : nil)
        if !result.fatal { state = result.state }
        return result
    }
}
