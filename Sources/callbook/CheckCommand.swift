import ArgumentParser
import CallbookCore
import Foundation

/// `callbook check [BOOK] [--strict] [--external]`: everything the build checks, writing nothing.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a book (references, anchors, images, alt text, calls.yml) without writing anything.",
        discussion: "Exit status: 0 no problems; 1 errors (or warnings with --strict). --external also checks links to other sites, concurrently, with a timeout, at most 2 requests at a time per host, and a cache of results in .callbook-cache/links.json beside the book, or in _build/ for a book found in the current folder (a day long). It is never part of build."
    )

    @OptionGroup var book: BookArgument

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Flag(help: "Also check links to other sites (uses the network).")
    var external = false

    @Option(help: ArgumentHelp("Seconds to wait for each external link.", valueName: "seconds"))
    var timeout: Double = 10

    @OptionGroup var projectRoot: ProjectRootOption

    @OptionGroup var jobs: JobsOption

    @OptionGroup var diagnosticsOption: DiagnosticsOption

    func run() async throws {
        var action = CheckAction(location: book.location(), theme: ThemeLocator.required(), strict: strict,
                                 external: external, timeout: timeout, projectRoot: projectRoot.url)
        action.options.jobs = jobs.count
        CommandExit.finish(await action.perform(), format: diagnosticsOption.format)
    }
}
