/// What a build did: its diagnostics, what it wrote, and how long each stage took.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var pageCount = 0
    /// True when the new site replaced the output folder.
    public var wroteSite = false
    /// True when nothing the build reads had changed since the last build wrote the output
    /// (see `BuildManifest`): nothing was done or written, and `diagnostics` are the last build's.
    public var upToDate = false
    /// The rendered site (also when it was not written), for inspection and tests.
    public var site: RenderedSite?
    /// The resolved book, for checks that look at it (external links).
    public var resolved: ResolvedBook?
    /// How many chapter pages were rendered (the others were unchanged since the last build).
    public var renderedPages = 0
    /// What the next build may reuse.
    public var state = BuildState()
    /// Stage name, duration and the process's peak resident memory when it ended, in pipeline order.
    public var stageTimes: [(stage: String, duration: Duration, peakBytes: Int)] = []
    public var strict = false
    /// True when the book could not be built at all (unreadable configuration, empty book,
    /// bad output folder, broken theme, a write that failed).
    public var fatal = false
    /// True when the output folder may not be used (inside the book, containing it, not a
    /// folder, or a folder callbook did not write): nothing was done.
    public var outputRefused = false
    /// True when the site was made but could not be written (the diagnostic says what became
    /// of the output).
    public var writeFailed = false

    /// Exit status 1: any error, or any warning under `--strict`.
    public var failed: Bool {
        fatal || diagnostics.errorCount > 0 || (strict && diagnostics.warningCount > 0)
    }

    /// Whether the new site replaces the output: not after a fatal error, and not when
    /// `--strict` finds any problem; errors in chapters alone still publish the rest, so that
    /// one broken chapter does not hide the others (the exit status still says 1).
    public var shouldWrite: Bool {
        !fatal && !(strict && (diagnostics.errorCount + diagnostics.warningCount) > 0)
    }
}
