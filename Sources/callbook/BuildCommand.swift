import ArgumentParser
import CallbookCore
import Foundation

/// `callbook build [BOOK_DIR] [--output DIR] [--strict] [--force]`
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a book into a static HTML site.",
        discussion: """
            Reads myst.yml (mystmd), or _toc.yml with _config.yml (Jupyter Book), or, with neither, every .md file (index.md first). The site is built in a temporary folder, then swapped in whole. An output folder that callbook did not write (no .callbook-site file) is left alone unless --force is given; one holding only a README.md may be used.

            Exit status: 0 success; 1 errors, or warnings with --strict; 64 bad command line. Errors in chapters do not stop the rest of the site from being written; with --strict, any problem leaves the output untouched, as does a book that cannot be built at all.
            """
    )

    @Argument(help: "The book folder.")
    var bookDirectory: String = "content"

    @Option(name: .shortAndLong, help: "The output folder.")
    var output: String = "site"

    @Flag(help: "Fail the build (exit 1, output untouched) on any warning or error.")
    var strict = false

    @Flag(help: "Replace the output folder even if callbook did not write it (it has no .callbook-site file): everything in it is deleted.")
    var force = false

    @Flag(help: "Print how long each stage took.")
    var timings = false

    @Flag(help: "Render every page, ignoring the build cache (.callbook-cache/ beside the output).")
    var noCache = false

    @Option(help: ArgumentHelp("Fix \"now\" for the calendar (which sessions are upcoming), for reproducible builds.",
                               valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(help: ArgumentHelp("Where the site is published (e.g. https://org.github.io/handbook/): canonical links, sitemap.xml, absolute links in the calendar feeds. Default: $CALLBOOK_BASE_URL, then the book's configuration.",
                               valueName: "URL"))
    var baseURL: String?

    @OptionGroup var projectRoot: ProjectRootOption

    @OptionGroup var diagnosticsOption: DiagnosticsOption

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url '\(baseURL)' must start with https:// or http://")
        }
        if let today, BuildCommand.parseDay(today) == nil {
            throw ValidationError("--today '\(today)' is not a date of the form YYYY-MM-DD")
        }
    }

    /// Noon UTC of a `YYYY-MM-DD` day, so the day is the same in every zone a book uses.
    static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))
        guard let date, calendar.component(.day, from: date) == parts[2] else { return nil }
        return date
    }

    func run() async throws {
        let start = ContinuousClock.now
        // A reproducible DTSTAMP: SOURCE_DATE_EPOCH (reproducible-builds.org) when set.
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init)
        var options = BuildOptions(bookDirectory: URL(fileURLWithPath: bookDirectory), displayRoot: bookDirectory,
                                   output: URL(fileURLWithPath: output), themeDirectory: try ThemeLocator.locate(),
                                   strict: strict, today: today.flatMap(BuildCommand.parseDay) ?? Date(),
                                   stamp: epoch.map { Date(timeIntervalSince1970: $0) })
        options.baseURL = baseURL ?? ProcessInfo.processInfo.environment["CALLBOOK_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        options.force = force
        options.projectRoot = projectRoot.url
        options.cacheFile = noCache ? nil : BuildOptions.defaultCacheFile(beside: options.output)
        let result = await Build.run(options)
        DiagnosticPrinter.print(result.diagnostics, format: diagnosticsOption.format)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let reused = result.pageCount - result.renderedPages
        let summary = DiagnosticPrinter.count(result.pageCount, "page") + (reused > 0 ? " (\(reused) unchanged)" : "")
            + ", " + DiagnosticPrinter.count(result.diagnostics.warningCount, "warning")
            + ", " + DiagnosticPrinter.count(result.diagnostics.errorCount, "error") + " in \(milliseconds) ms"
        if timings {
            for (stage, duration) in result.stageTimes {
                DiagnosticPrinter.printError("  \(stage): \(duration.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))")
            }
        }
        if result.writeFailed {
            // The error above says what became of the output.
            DiagnosticPrinter.printError("Build failed (the site could not be written): \(summary)")
            Self.finish(status: 1)
        }
        if !result.wroteSite {
            let why = result.outputRefused ? "the output folder cannot be used"
                : result.fatal ? "the book could not be built" : "--strict and the book has problems"
            DiagnosticPrinter.printError("Build failed (\(why)): \(summary); '\(output)' was left unchanged.")
            Self.finish(status: 1)
        }
        if result.failed {
            DiagnosticPrinter.printError("Built \(output)/ with errors: \(summary)")
            Self.finish(status: 1)
        }
        DiagnosticPrinter.printError("Built \(output)/: \(summary)")
        Self.finish(status: 0)
    }

    /// Ends the process at once: the book's trees are large and freeing them one by one would
    /// only delay the exit (the operating system takes the memory back).
    static func finish(status: Int32) -> Never {
        Foundation.exit(status)
    }
}
