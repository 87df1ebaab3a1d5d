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
        let display = file == "-" ? "<stdin>" : file
        guard let text = try read() else {
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

    /// The file's text, or nil if it is not UTF-8. Its bytes are let go on return, so a long
    /// chapter is not held twice while it is parsed.
    private func read() throws -> String? {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read '\(file)'")
            }
            data = contents
        }
        return String(validating: data, as: UTF8.self)
    }
}
