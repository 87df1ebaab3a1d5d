import Foundation

/// Read-only access to a book's files, confined to its project root. Parse (an `include`, a
/// `pic.*` pick) and Resolve (images and linked files to copy) ask through this; Load's
/// `BookFileReader` answers, so only Load reads the disk.
public protocol BookFiles: Sendable {
    /// The project root, for messages.
    var rootPath: String { get }
    /// `url.standardizedFileURL.path`: `.` and `..` resolved as Foundation does.
    func standardPath(_ url: URL) -> String
    /// The real path of the file at `url` if it exists and lies inside the root.
    func locate(_ url: URL) -> Result<String, BookFileProblem>
    /// True when `url` names a regular file inside the root.
    func isFile(_ url: URL) -> Bool
    /// True when anything is at `url` (a file or folder, inside the root or not).
    func exists(_ url: URL) -> Bool
    /// The bytes of the file at `url`.
    func data(at url: URL) -> Result<Data, BookFileProblem>
    /// The text of the file at `url`: strict UTF-8, a leading byte-order mark dropped.
    func text(at url: URL) -> Result<String, BookFileProblem>
}

/// Why a book file was not read.
public enum BookFileProblem: Error, Hashable, Sendable {
    /// Nothing is there (or a symbolic link leads nowhere).
    case missing
    /// It exists, but its real path (given) is outside the root.
    case outsideRoot(String)
    case folder
    /// The system refused (`permission denied`, `too many levels of symbolic links`).
    case unreadable(String)
    /// The first invalid byte, for `text(at:)`.
    case notUTF8(SourcePosition)

    /// What is wrong with the file shown as `display`, for a diagnostic (a missing file is
    /// the caller's to describe).
    public func describe(_ display: String, rootPath: String) -> String {
        switch self {
        case .missing: return "'\(display)' does not exist"
        case .outsideRoot(let real):
            let target = real == display ? "" : " (it resolves to '\(real)')"
            return "'\(display)' is outside the project root '\(rootPath)'\(target); it was not read (--root DIR widens the root)"
        case .folder: return "'\(display)' is a folder, not a file"
        case .unreadable(let reason): return "'\(display)' cannot be read: \(reason)"
        case .notUTF8(let position): return "'\(display)' is not valid UTF-8 text (first bad byte at \(position))"
        }
    }

    /// The diagnostic id: `read-outside-root` for a file outside the root, else `id`.
    public func id(else id: String) -> String {
        if case .outsideRoot = self { return "read-outside-root" }
        return id
    }
}
