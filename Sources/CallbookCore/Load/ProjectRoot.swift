import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder every file read for a book must lie in (after symbolic links are resolved):
/// the nearest folder holding `.git` (a folder, or the file of a worktree), the book folder
/// itself or one above it; else the book folder's parent, so that a book's `../figures` is
/// still found (but never `/`: a book folder right below it is its own root). Only the command line (`--root DIR`) sets another one: never the book's own
/// configuration, which a stranger's pull request could edit.
public struct ProjectRoot: Hashable, Sendable, CustomStringConvertible {
    /// The root's real path (symbolic links resolved), without a trailing `/` (except `/` itself).
    public let path: String

    /// The root for the book in `bookDirectory`; `explicit` (`--root DIR`) replaces the search,
    /// and must hold the book folder.
    public init(bookDirectory: URL, explicit: URL? = nil) throws {
        let book = Self.realPath(bookDirectory.path) ?? bookDirectory.standardizedFileURL.path
        if let explicit {
            guard let real = Self.realPath(explicit.path), Self.isFolder(real) else {
                throw CallbookError("root-missing", "the project root '\(explicit.path)' (--root) is not a folder")
            }
            guard Self.path(book, isInside: real) else {
                throw CallbookError("root-outside-book",
                                    "the project root '\(explicit.path)' (--root) does not hold the book folder '\(bookDirectory.path)'")
            }
            path = real
            return
        }
        path = Self.search(from: book)
    }

    /// The root found from a book folder, for callers with no `--root` to honour (a chapter
    /// named on the command line, tests).
    public init(near bookDirectory: URL) {
        path = Self.search(from: Self.realPath(bookDirectory.path) ?? bookDirectory.standardizedFileURL.path)
    }

    /// True when `realPath` (already resolved) is the root or lies below it.
    public func contains(_ realPath: String) -> Bool {
        Self.path(realPath, isInside: path)
    }

    public var description: String { path }

    private static func search(from book: String) -> String {
        var folder = book
        while true {
            var status = stat()
            if lstat(folder == "/" ? "/.git" : folder + "/.git", &status) == 0 { return folder }
            guard folder != "/" else { break }
            folder = parent(of: folder)
        }
        let above = parent(of: book)
        return above == "/" ? book : above
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func path(_ path: String, isInside root: String) -> Bool {
        root == "/" || path == root || (path.hasPrefix(root) && path.utf8.dropFirst(root.utf8.count).first == UInt8(ascii: "/"))
    }

    /// `realpath(3)`: the absolute path with every symbolic link, `.` and `..` resolved; nil
    /// when it does not exist (or cannot be reached).
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
