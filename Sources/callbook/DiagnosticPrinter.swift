import CallbookCore
import Foundation

/// Prints diagnostics once, sorted, in the format asked for: plain and GitHub lines on standard
/// error, JSON lines (data) on standard output. Summaries and notes go to standard error.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic], format: DiagnosticFormat = .plain) {
        let stream = format == .json ? FileHandle.standardOutput : FileHandle.standardError
        // Written 64 KB at a time: tens of thousands of diagnostics are not all held as text.
        var text = Data()
        for diagnostic in diagnostics.sortedForDisplay() {
            text.append(contentsOf: format.line(diagnostic).utf8)
            text.append(0x0A)
            if text.count >= 1 << 16 {
                stream.write(text)
                text.removeAll(keepingCapacity: true)
            }
        }
        if !text.isEmpty { stream.write(text) }
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
