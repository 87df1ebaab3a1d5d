import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place a book's files are read (chapters, configuration, `calls.yml`, included
/// files) or looked at to be copied (images, linked files): each is resolved to its real path
/// and must lie inside the project root, or it is not read.
public struct BookFileReader: Hashable, Sendable {
    public let root: ProjectRoot

    public init(root: ProjectRoot) {
        self.root = root
    }

    /// The reader for a book folder with no `--root`: its root is found from the folder.
    public init(near bookDirectory: URL) {
        root = ProjectRoot(near: bookDirectory)
    }

    /// Why a file was not read.
    public enum Problem: Error, Hashable, Sendable {
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
        public func describe(_ display: String, root: ProjectRoot) -> String {
            switch self {
            case .missing: return "'\(display)' does not exist"
            case .outsideRoot(let real):
                let target = real == display ? "" : " (it resolves to '\(real)')"
                return "'\(display)' is outside the project root '\(root.path)'\(target); it was not read (--root DIR widens the root)"
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

    /// The real path of the file at `url` if it exists and lies inside the root.
    public func locate(_ url: URL) -> Result<String, Problem> {
        let path = url.standardizedFileURL.path
        guard let real = ProjectRoot.realPath(path) else {
            switch errno {
            case ENOENT, ENOTDIR: return .failure(.missing)
            default: return .failure(.unreadable(Self.reason(errno)))
            }
        }
        guard root.contains(real) else { return .failure(.outsideRoot(real)) }
        return .success(real)
    }

    /// True when `url` names a regular file inside the root (a `pic.*` pick, a link to copy).
    public func isFile(_ url: URL) -> Bool {
        guard case .success(let real) = locate(url) else { return false }
        var status = stat()
        return stat(real, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// The bytes of the file at `url`.
    public func data(at url: URL) -> Result<Data, Problem> {
        locate(url).flatMap(Self.readFile)
    }

    /// The text of the file at `url`: strict UTF-8, a leading byte-order mark dropped.
    public func text(at url: URL) -> Result<String, Problem> {
        data(at: url).flatMap { data in
            switch UTF8Check.decode(data) {
            case .success(let text): return .success(text)
            case .failure(let position): return .failure(.notUTF8(position))
            }
        }
    }

    /// Reads a located file; a folder or a refusal is a problem.
    private static func readFile(_ real: String) -> Result<Data, Problem> {
        let descriptor = open(real, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.unreadable(reason(errno))) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(reason(errno))) }
        if (status.st_mode & S_IFMT) == S_IFDIR { return .failure(.folder) }
        do {
            return .success(try handle.readToEnd() ?? Data())
        } catch {
            return .failure(.unreadable(error.localizedDescription))
        }
    }

    /// `strerror` in lower case: `permission denied`.
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
