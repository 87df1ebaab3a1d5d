import Foundation

/// Where a command's book is and where its site and caches go, from the command line's BOOK
/// and `--output`, either of which may be left out.
///
/// - BOOK given: that folder; the site goes to `--output`, else `site`.
/// - No BOOK, and the current folder holds `myst.yml` or `_toc.yml`: the current folder is the
///   book, and its site goes to `_build/html` inside it (as Jupyter Book writes `_build/html`),
///   the build cache to `_build/.callbook-cache/`.
/// - No BOOK otherwise: `content`, into `site` (this repository's own handbook).
public struct BookLocation: Sendable, Equatable {
    /// The book folder.
    public var directory: URL
    /// The book folder as diagnostics show it (`content`, or `.` for the current folder, whose
    /// files are then shown by their own paths).
    public var displayRoot: String
    /// The book folder as a message names it: as typed, or the current folder's absolute path
    /// when the book was found there (`.` would say nothing).
    public var name: String { displayRoot == "." ? directory.path : displayRoot }
    /// The output folder.
    public var output: URL
    /// The output folder as messages show it (`site`, `_build/html`).
    public var outputName: String
    /// The cache of external link checks (`check --external`): `.callbook-cache/links.json`
    /// beside the book, or in `_build/` for a book found in the current folder.
    public var linkCache: URL
    /// True when no BOOK was given and the current folder is no book: `content` was taken.
    public var isFallback = false

    /// The default book folder, relative to the current folder.
    public static let defaultBook = "content"
    /// The default output folder, relative to the current folder.
    public static let defaultOutput = "site"
    /// Where a book found in the current folder is built: `_build/html`.
    public static let foundBookOutput = BookLoader.buildFolder + "/html"

    /// The location for `book` and `output` as typed (nil: not given), relative to `folder`
    /// (the current folder).
    public static func resolve(book: String?, output: String?, in folder: URL) -> BookLocation {
        let found = book == nil && BookFinder.isBook(folder)
        let bookName = book ?? (found ? "." : defaultBook)
        let outputName = output ?? (found ? foundBookOutput : defaultOutput)
        let directory = url(bookName, in: folder)
        let cacheHome = found ? directory.appendingPathComponent(BookLoader.buildFolder) : directory.deletingLastPathComponent()
        return BookLocation(directory: directory, displayRoot: bookName, output: url(outputName, in: folder),
                            outputName: outputName,
                            linkCache: cacheHome.appendingPathComponent(".callbook-cache/links.json"),
                            isFallback: book == nil && !found)
    }

    /// `diagnostics` with a note saying how the book folder was chosen when it was the
    /// fallback `content` and it does not exist (`book-missing`).
    func explaining(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard isFallback, diagnostics.contains(where: { $0.id == "book-missing" }) else { return diagnostics }
        return diagnostics + [.note("book-not-found",
                                    "no book folder was named and the current folder holds no myst.yml or _toc.yml, so '\(displayRoot)' was tried; run callbook in the book's folder, or name it (callbook build BOOK_DIR)")]
    }

    private static func url(_ path: String, in folder: URL) -> URL {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)).standardizedFileURL
    }
}
