import CallbookCore
import Foundation

/// The one way a command ends (a command line that is not understood ends through the
/// argument parser, with status 64): what it has to say is printed, then the process exits at
/// once, as freeing a large book's trees one by one would only delay the exit.
enum CommandExit {
    /// Prints the report (diagnostics in `format`, then the data on standard output and the
    /// messages on standard error) and exits: 1 if it failed, else 0.
    static func finish(_ report: ActionReport, format: DiagnosticFormat = .plain) -> Never {
        DiagnosticPrinter.print(report.diagnostics, format: format)
        if let output = report.output {
            FileHandle.standardOutput.write(Data(output.utf8))
        }
        for message in report.messages {
            DiagnosticPrinter.printError(message)
        }
        withExtendedLifetime(report) { exit(report.failed ? 1 : 0) }
    }

    /// Exits with `status` (0 success, 1 failure, 64 a command line not understood).
    static func exit(_ status: Int32) -> Never {
        Foundation.exit(status)
    }

    /// Prints `line` on standard error and exits with status 1.
    static func fail(_ line: String) -> Never {
        DiagnosticPrinter.printError(line)
        exit(1)
    }
}
