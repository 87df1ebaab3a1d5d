import CallbookCore
import Foundation

/// Prints diagnostics once, sorted, in the format asked for: plain and GitHub lines on standard
/// error, JSON lines (data) on standard output. Summaries and notes go to standard error.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic], format: DiagnosticFormat = .plain) {
        let lines = diagnostics.sortedForDisplay().map(format.line)
        guard !lines.isEmpty else { return }
        let text = Data((lines.joined(separator: "\n") + "\n").utf8)
        (format == .json ? FileHandle.standardOutput : FileHandle.standardError).write(text)
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
