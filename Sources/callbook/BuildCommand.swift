import ArgumentParser
import CallbookCore
import Foundation

/// `callbook build [BOOK_DIR] [--output DIR] [--strict] [--force]`
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a book into a static HTML site.",
        discussion: """
            Reads myst.yml (mystmd), or _toc.yml with _config.yml (Jupyter Book), or, with neither, every .md file (index.md first). The site is built in a temporary folder, then swapped in whole; when nothing it reads changed since the last build, nothing is written. An output folder that callbook did not write (no .callbook-site file) is left alone unless --force is given; one holding only a README.md may be used.

            Exit status: 0 success; 1 errors, or warnings with --strict; 64 bad command line. Errors in chapters do not stop the rest of the site from being written; with --strict, any problem leaves the output untouched, as does a book that cannot be built at all.
            """
    )

    @OptionGroup var book: BookArgument

    @Option(name: .shortAndLong, help: "The output folder. Default: site, or _build/html inside a book found in the current folder.",
            completion: .directory)
    var output: String?

    @Flag(help: "Fail the build (exit 1, output untouched) on any warning or error.")
    var strict = false

    @Flag(help: "Replace the output folder even if callbook did not write it (it has no .callbook-site file): everything in it is deleted.")
    var force = false

    @Flag(help: "Print how long each stage took, and the peak memory after it.")
    var timings = false

    @Flag(help: "Build and write everything, ignoring the build cache (.callbook-cache/ beside the output).")
    var noCache = false

    @OptionGroup var today: TodayOption

    @Option(help: ArgumentHelp("Where the site is published (e.g. https://org.github.io/handbook/): canonical links, sitemap.xml, absolute links in the calendar feeds. Default: $CALLBOOK_BASE_URL, then the book's configuration.",
                               valueName: "URL"))
    var baseURL: String?

    @OptionGroup var projectRoot: ProjectRootOption

    @OptionGroup var jobs: JobsOption

    @OptionGroup var diagnosticsOption: DiagnosticsOption

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url '\(baseURL)' must start with https:// or http://")
        }
    }

    func run() async throws {
        var action = BuildAction(location: book.location(output: output), theme: ThemeLocator.required(),
                                 strict: strict, force: force, timings: timings, useCache: !noCache,
                                 today: today.date, baseURL: baseURL,
                                 projectRoot: projectRoot.url, environment: ProcessInfo.processInfo.environment)
        action.options.jobs = jobs.count
        action.options.processExitsAfter = true
        CommandExit.finish(await action.perform(), format: diagnosticsOption.format)
    }
}
