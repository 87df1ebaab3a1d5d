import CallbookCore
import Foundation

/// Prints diagnostics to standard error, one `path:line:col: severity: message` line each.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics.sortedForDisplay() {
            printError(diagnostic.description)
        }
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
