import Foundation

/// `callbook check`: every stage of a build, writing no site; with `external`, also every link
/// to another site asked whether it still answers.
public struct CheckAction: Sendable {
    public var options: BuildOptions
    /// Also check external links (uses the network).
    public var external: Bool
    /// Seconds to wait for each external link.
    public var timeout: TimeInterval
    /// Where the book is, and where external link results are cached for a day.
    public var location: BookLocation

    public init(location: BookLocation, theme: URL, strict: Bool, external: Bool, timeout: TimeInterval, projectRoot: URL?) {
        // The build it checks is the one `build` would make, without an output.
        options = BuildOptions(bookDirectory: location.directory, displayRoot: location.displayRoot,
                               output: nil, themeDirectory: theme, strict: strict)
        options.projectRoot = projectRoot
        self.external = external
        self.timeout = timeout
        self.location = location
    }

    public func perform() async -> ActionReport {
        let result = await Build.run(options)
        var report = ActionReport(diagnostics: location.explaining(result.diagnostics))
        report.build = result
        var checked = 0
        if external, let resolved = result.resolved {
            let checker = ExternalLinkChecker(timeout: timeout, cacheFile: location.linkCache)
            let links = ExternalLinkChecker.links(in: resolved)
            checked = Set(links.map(\.url)).count
            report.diagnostics += await checker.check(links)
        }
        let errors = report.diagnostics.errorCount, warnings = report.diagnostics.warningCount
        let summary = counted(result.pageCount, "page") + " checked"
            + (external ? ", " + counted(checked, "external link") : "")
            + ": " + counted(warnings, "warning") + ", " + counted(errors, "error")
        report.failed = errors > 0 || (options.strict && warnings > 0) || result.fatal
        report.messages = [(report.failed ? "Check failed: " : "Check passed: ") + summary]
        return report
    }
}
