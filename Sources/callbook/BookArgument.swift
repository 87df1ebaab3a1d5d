import ArgumentParser
import CallbookCore
import Foundation

/// `[BOOK_DIR]`, shared by the commands that build a book (`build`, `check`, `serve`). Left
/// out: the current folder when it holds myst.yml or _toc.yml, else `content`.
struct BookArgument: ParsableArguments {
    @Argument(help: "The book folder. Default: the current folder if it holds myst.yml or _toc.yml, else content.",
              completion: .directory)
    var bookDirectory: String?

    /// Where the book is and where its output goes (`output`: `--output` as typed, if given).
    func location(output: String? = nil) -> BookLocation {
        BookLocation.resolve(book: bookDirectory, output: output,
                             in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}
