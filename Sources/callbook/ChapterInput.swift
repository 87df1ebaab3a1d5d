import ArgumentParser
import CallbookCore
import Foundation

/// A chapter named on the command line: a file, or `-` for standard input.
struct ChapterInput: ParsableArguments {
    @Argument(help: "A Markdown file, or - to read standard input.", completion: .file(extensions: ["md"]))
    var file: String

    /// The chapter with the bytes of the file or of standard input. A file that cannot be read
    /// ends the command with an error naming it (status 1, as a book folder that does not exist).
    func read() -> NamedChapter {
        if file == "-" {
            return NamedChapter(name: file, data: FileHandle.standardInput.readDataToEndOfFile())
        }
        guard let contents = FileManager.default.contents(atPath: file) else {
            let problem = Diagnostic.error("input-unreadable", "cannot read the chapter: " + Self.problem(file).describe(file, rootPath: ""))
            CommandExit.finish(ActionReport(diagnostics: [problem], failed: true))
        }
        return NamedChapter(name: file, data: contents)
    }

    /// Why the file at `path` gave no bytes.
    static func problem(_ path: String) -> BookFileProblem {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .missing }
        if isFolder.boolValue { return .folder }
        let descriptor = open(path, O_RDONLY)
        guard descriptor < 0 else {
            close(descriptor)
            return .unreadable("it could not be read")
        }
        return .unreadable(String(cString: strerror(errno)))
    }
}
