import Foundation

/// Finds a book folder: one holding `myst.yml` (mystmd) or `_toc.yml` (Jupyter Book).
public enum BookFinder {
    /// The files that mark a folder as a book's.
    public static let markers = ["myst.yml", "_toc.yml"]

    /// Whether `folder` holds `myst.yml` or `_toc.yml`.
    public static func isBook(_ folder: URL) -> Bool {
        markers.contains { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }

    /// The book a chapter file belongs to: the nearest folder above it holding `myst.yml` or
    /// `_toc.yml`, else the file's own folder.
    public static func root(containing file: URL) -> URL {
        var folder = file.deletingLastPathComponent()
        while folder.path != "/" {
            if isBook(folder) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        return file.deletingLastPathComponent()
    }
}
