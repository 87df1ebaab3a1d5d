import ArgumentParser
import CallbookCore
import Foundation

/// A chapter named on the command line: a file, or `-` for standard input.
struct ChapterInput: ParsableArguments {
    @Argument(help: "A Markdown file, or - to read standard input.", completion: .file(extensions: ["md"]))
    var file: String

    /// The chapter with the bytes of the file or of standard input. A file that cannot be read
    /// ends the command with status 1: the command line was understood.
    func read() -> NamedChapter {
        if file == "-" {
            return NamedChapter(name: file, data: FileHandle.standardInput.readDataToEndOfFile())
        }
        guard let contents = FileManager.default.contents(atPath: file) else {
            CommandExit.finish(ActionReport(diagnostics: [.error("chapter-unreadable", "cannot read '\(file)'")], failed: true))
        }
        return NamedChapter(name: file, data: contents)
    }
}
