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
    public var resolveMemory = ResolveMemory()
    /// The last generated files (search index, calendar…), reused when no page changed.
    public var generated: [SiteFile]?
    /// Each page's search sections, reused for pages whose key did not change.
    public var searchCache = SearchCache()

    public init() {}
}
