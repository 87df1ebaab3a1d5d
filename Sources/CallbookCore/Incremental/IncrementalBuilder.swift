/// Builds a book again and again (`callbook serve`), each time reusing what the last build
/// left: chapters whose text did not change are not parsed again, pages whose key did not
/// change are not rendered again, and only files whose contents changed are written.
public actor IncrementalBuilder {
    public let options: BuildOptions
    private var state: BuildState?

    public init(options: BuildOptions) {
        var options = options
        options.writeInPlace = true
        self.options = options
    }

    /// Rebuilds; `changed` (paths that changed) is informational: every input is checked.
    public func build(changed: [String] = []) async -> BuildResult {
        let result = await Build.run(options, previous: state)
        if !result.fatal { state = result.state }
        return result
    }
}
