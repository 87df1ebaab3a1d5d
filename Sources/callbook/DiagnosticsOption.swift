import ArgumentParser
import CallbookCore
import Foundation

extension DiagnosticFormat: ExpressibleByArgument {}

/// `--diagnostics plain|github|json`, shared by the commands that report on a book. Without
/// it: `github` when `GITHUB_ACTIONS=true` (annotations on a pull request's lines), else `plain`.
struct DiagnosticsOption: ParsableArguments {
    @Option(help: ArgumentHelp("How problems are printed: plain (file:line:col: severity: message [id]), github (workflow commands: annotations in pull requests; the default inside GitHub Actions) or json (one object per line, on standard output).",
                               valueName: "format"))
    var diagnostics: DiagnosticFormat?

    var format: DiagnosticFormat {
        diagnostics ?? DiagnosticFormat.automatic(environment: ProcessInfo.processInfo.environment)
    }
}
