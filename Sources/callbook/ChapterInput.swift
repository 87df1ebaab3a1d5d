import ArgumentParser
import CallbookCore
import Foundation

/// A chapter named on the command line: a file, or `-` for standard input.
struct ChapterInput: ParsableArguments {
    @Argument(help: "A Markdown file, or - to read standard input.")
    var file: String

    /// Reads and parses the chapter (the file itself is exempt from the project root, as the
    /// user named it; what it includes is not); prints diagnostics; fails on errors.
    func parse(projectRoot: URL? = nil) throws -> Chapter {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read '\(file)'")
            }
            data = contents
        }
        let display = file == "-" ? "<stdin>" : file
        guard let text = String(validating: data, as: UTF8.self) else {
            DiagnosticPrinter.printError("\(display):1:1: error: not valid UTF-8 text")
            throw ExitCode(1)
        }
        let url = file == "-" ? nil : URL(fileURLWithPath: file)
        let files = try url.map { try BookFileReader(root: ProjectRoot(bookDirectory: $0.deletingLastPathComponent(), explicit: projectRoot)) }
        let chapter = ChapterParser(files: files).parse(ChapterSource(path: (display as NSString).lastPathComponent,
                                                          displayPath: display, text: text,
                                                          url: url))
        DiagnosticPrinter.print(chapter.diagnostics)
        if chapter.diagnostics.errorCount > 0 { throw ExitCode(1) }
        return chapter
    }
}
