import ArgumentParser
import Foundation

/// `--root DIR`, shared by the commands that read a book: the only way to let the book read
/// files outside its project root (the nearest folder holding `.git`, else the book folder's
/// parent).
struct ProjectRootOption: ParsableArguments {
    @Option(help: ArgumentHelp("Read book files (chapters, includes, images) anywhere inside DIR. Default: the nearest folder holding .git at or above the book folder, else the book folder's parent.",
                               valueName: "DIR"),
            completion: .directory)
    var root: String?

    /// The folder given, if any.
    var url: URL? { root.map { URL(fileURLWithPath: $0) } }
}
