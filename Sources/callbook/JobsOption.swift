import ArgumentParser
import Foundation

/// `--jobs N`, shared by the commands that build a book: how many chapters or pages are worked
/// on at once. The output and the diagnostics are the same for any number.
struct JobsOption: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("Work on N chapters or pages at once. Default: the number of cores.",
                                                       valueName: "N"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
    }

    /// The number given, else the number of cores.
    var count: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }
}
