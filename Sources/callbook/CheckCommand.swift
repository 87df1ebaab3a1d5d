import ArgumentParser
import CallbookCore
import Foundation

/// `callbook check [BOOK] [--strict] [--external]`: everything the build checks, writing nothing.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a book (references, anchors, images, alt text, calls.yml) without writing anything.",
        discussion: "Exit status: 0 no problems; 1 errors (or warnings with --strict). --external also checks links to other sites, concurrently, with a timeout, at most 2 requests at a time per host, and a cache of results in .callbook-cache/links.json beside the book (a day long). It is never part of build."
    )

    @Argument(help: "The book folder.")
    var bookDirectory: String = "content"

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Flag(help: "Also check links to other sites (uses the network).")
    var external = false

    @Option(help: ArgumentHelp("Seconds to wait for each external link.", valueName: "seconds"))
    var timeout: Double = 10

    @OptionGroup var projectRoot: ProjectRootOption

    @OptionGroup var diagnosticsOption: DiagnosticsOption

    func run() async throws {
        let book = URL(fileURLWithPath: bookDirectory)
        var options = BuildOptions(bookDirectory: book, displayRoot: bookDirectory,
                                   output: book.deletingLastPathComponent().appendingPathComponent(".callbook-check-unused"),
                                   themeDirectory: try ThemeLocator.locate(), strict: strict)
        options.writeSite = false
        options.projectRoot = projectRoot.url
        let result = await Build.run(options)
        var diagnostics = result.diagnostics
        var checked = 0
        if external, let resolved = result.resolved {
            let cache = book.deletingLastPathComponent().appendingPathComponent(".callbook-cache/links.json")
            let checker = ExternalLinkChecker(timeout: timeout, cacheFile: cache)
            let links = ExternalLinkChecker.links(in: resolved)
            checked = Set(links.map(\.url)).count
            diagnostics += await checker.check(links)
        }
        DiagnosticPrinter.print(diagnostics, format: diagnosticsOption.format)
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        let summary = DiagnosticPrinter.count(result.pageCount, "page") + " checked"
            + (external ? ", " + DiagnosticPrinter.count(checked, "external link") : "")
            + ": " + DiagnosticPrinter.count(warnings, "warning") + ", " + DiagnosticPrinter.count(errors, "error")
        if errors > 0 || (strict && warnings > 0) || result.fatal {
            DiagnosticPrinter.printError("Check failed: \(summary)")
            throw ExitCode(1)
        }
        DiagnosticPrinter.printError("Check passed: \(summary)")
    }
}
