import Foundation

/// `callbook build`: the book built into its output folder, with a summary saying what became
/// of it.
public struct BuildAction: Sendable {
    public var options: BuildOptions
    /// Add the time of each stage to the report (`--timings`).
    public var timings: Bool
    /// Where the book and its output are, as messages show them.
    public var location: BookLocation

    /// - Parameters:
    ///   - useCache: keep the content-hash cache beside the output (false: `--no-cache`).
    ///   - baseURL: `--base-url`; nil: `$CALLBOOK_BASE_URL`, then the book's configuration.
    ///   - environment: the process environment (`SOURCE_DATE_EPOCH` pins the feeds' `DTSTAMP`).
    public init(location: BookLocation, theme: URL, strict: Bool, force: Bool, timings: Bool, useCache: Bool,
                today: Date, baseURL: String?, projectRoot: URL?, environment: [String: String]) {
        // A reproducible DTSTAMP: SOURCE_DATE_EPOCH (reproducible-builds.org) when set.
        let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init)
        options = BuildOptions(bookDirectory: location.directory, displayRoot: location.displayRoot,
                               output: location.output, themeDirectory: theme, strict: strict, today: today,
                               stamp: epoch.map { Date(timeIntervalSince1970: $0) })
        options.baseURL = baseURL ?? environment["CALLBOOK_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        options.force = force
        options.projectRoot = projectRoot
        options.cacheFile = useCache ? BuildCache.file(beside: location.output) : nil
        options.handsPagesOn = true
        self.timings = timings
        self.location = location
    }

    public func perform() async -> ActionReport {
        let start = ContinuousClock.now
        let result = await Build.run(options)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let reused = result.pageCount - result.renderedPages
        let unchanged = result.upToDate ? " (all unchanged, nothing written)" : reused > 0 ? " (\(reused) unchanged)" : ""
        let summary = counted(result.pageCount, "page") + unchanged
            + ", " + counted(result.diagnostics.warningCount, "warning")
            + ", " + counted(result.diagnostics.errorCount, "error") + " in \(milliseconds) ms"
        var report = ActionReport(diagnostics: location.explaining(result.diagnostics), failed: true)
        report.build = result
        if timings {
            report.messages = result.stageTimes.map {
                "  \($0.stage): \($0.duration.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))"
                    + " (peak memory \($0.peakBytes / 1_048_576) MB)"
            }
        }
        if result.writeFailed {
            // The error above says what became of the output.
            report.messages.append("Build failed (the site could not be written): \(summary)")
        } else if !result.wroteSite && !result.upToDate {
            let why = result.outputRefused ? "the output folder cannot be used"
                : result.fatal ? "the book could not be built" : "--strict and the book has problems"
            report.messages.append("Build failed (\(why)): \(summary); '\(location.outputName)' was left unchanged.")
        } else if result.failed {
            report.messages.append("Built \(location.outputName)/ with errors: \(summary)")
        } else {
            report.messages.append("Built \(location.outputName)/: \(summary)")
            report.failed = false
        }
        return report
    }
}
