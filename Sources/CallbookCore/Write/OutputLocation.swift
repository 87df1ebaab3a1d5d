import Foundation

/// Where a build may put its output: the output is replaced as a whole, so it may not be the
/// book folder, lie inside it (a rebuild would read its own output) or contain it (the swap
/// would delete the book). The book's `_build/` folder is the exception: it is never read as
/// chapters.
public enum OutputLocation {
    /// Throws when `output` is the book folder, inside it or contains it (symbolic links resolved).
    /// - Parameter displayRoot: the book folder as the user typed it, for the message.
    public static func check(_ output: URL, book: URL, displayRoot: String) throws {
        let bookPath = realPath(book)
        let outputPath = realPath(output)
        func isInside(_ path: String, _ folder: String) -> Bool {
            path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
        }
        if isInside(outputPath, bookPath), !isInside(outputPath, bookPath + "/" + BookLoader.buildFolder) {
            throw CallbookError("output-inside-book",
                                "the output folder '\(output.path)' is inside the book folder '\(displayRoot)'; choose an output outside it (e.g. --output site)")
        }
        if isInside(bookPath, outputPath) {
            throw CallbookError("output-contains-book",
                                "the output folder '\(output.path)' contains the book folder '\(displayRoot)'; building there would replace the book")
        }
    }

    /// The absolute path with symbolic links resolved, also for a path that does not exist
    /// yet (its nearest existing folder is resolved, the rest appended).
    static func realPath(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var resolved = existing.resolvingSymlinksInPath()
        for component in rest { resolved.appendPathComponent(component) }
        return resolved.standardizedFileURL.path
    }
}
