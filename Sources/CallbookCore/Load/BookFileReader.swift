import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place a book's files are read (chapters, configuration, `calls.yml`, included
/// files) or looked at to be copied (images, linked files): each is resolved to its real path
/// and must lie inside the project root, or it is not read. Folders' real paths are resolved
/// once per reader (a build reads hundreds of files from a few dozen folders).
public struct BookFileReader: BookFiles {
    public let root: ProjectRoot
    private let folders = FolderRealPaths()
    private let standardFolders = FolderStandardPaths()
    /// Every path this reader (and its copies) looked at, for the next build's up-to-date check.
    public let inputs = InputLog()

    public init(root: ProjectRoot) {
        self.root = root
    }

    /// The reader for a book folder with no `--root`: its root is found from the folder.
    public init(near bookDirectory: URL) {
        root = ProjectRoot(near: bookDirectory)
    }

    public var rootPath: String { root.path }

    /// `url.standardizedFileURL.path`. With a `..` in it, Foundation resolves the symbolic links
    /// of every folder on the way (an `lstat` per folder, each time; The Turing Way's figures
    /// are all `../../figures/…`, and a `pic.*` tries names that are not there): here a folder's
    /// standard path is found once per reader and a name in it that is there and no link is put
    /// after it; a name that is not there gets its dots taken out, as Foundation does when it
    /// cannot resolve a path. A link, and paths Foundation treats apart, take Foundation's way.
    public func standardPath(_ url: URL) -> String {
        let path = url.path
        guard !BookPaths.isStandard(path), let slash = path.lastIndex(ofASCII: UInt8(ascii: "/")), slash != path.startIndex,
              case let name = path[path.index(after: slash)...], !name.isEmpty, name != ".", name != "..",
              !path.hasPrefix("/private/"), !path.hasPrefix("/var/automount/") else { return BookPaths.standardPath(url) }
        let folder = standardFolders.resolve(String(path[..<slash]))
        let candidate = (folder == "/" ? "" : folder) + "/" + name
        var status = stat()
        let found: String
        if lstat(candidate, &status) == 0 {
            // A link as the last name: Foundation follows it.
            guard (status.st_mode & S_IFMT) != S_IFLNK else { return BookPaths.standardPath(url) }
            found = candidate
        } else {
            // Nothing there: Foundation follows no link and only takes the dots out.
            found = BookPaths.lexicalPath(path)
        }
        // Foundation drops these prefixes when what follows them exists.
        return found.hasPrefix("/private/") || found.hasPrefix("/var/automount/") ? BookPaths.standardPath(url) : found
    }

    /// The real path of the file at `url` if it exists and lies inside the root.
    public func locate(_ url: URL) -> Result<String, BookFileProblem> {
        locate(url, loggingInto: inputs)
    }

    /// `locate`, the path looked at logged into `log` rather than this reader's `inputs`.
    func locate(_ url: URL, loggingInto log: InputLog) -> Result<String, BookFileProblem> {
        let path = standardPath(url)
        log.look(at: path)
        let real: String
        // The folder's real path (cached), then the name in it: itself unless it is a link.
        let slash = path.lastIndex(ofASCII: UInt8(ascii: "/")).flatMap { $0 == path.startIndex ? nil : $0 }
        let folderPath = slash.map { folders.resolve(String(path[..<$0])) }
        if case .missing? = folderPath { return .failure(.missing) }
        if let slash, case .found(let folder)? = folderPath {
            let candidate = (folder == "/" ? "" : folder) + path[slash...]
            var status = stat()
            guard lstat(candidate, &status) == 0 else { return .failure(Self.problem(errno)) }
            if (status.st_mode & S_IFMT) == S_IFLNK {
                guard let resolved = ProjectRoot.realPath(candidate) else { return .failure(Self.problem(errno)) }
                real = resolved
            } else {
                real = candidate
            }
        } else {
            guard let resolved = ProjectRoot.realPath(path) else { return .failure(Self.problem(errno)) }
            real = resolved
        }
        guard root.contains(real) else { return .failure(.outsideRoot(real)) }
        return .success(real)
    }

    private static func problem(_ code: Int32) -> BookFileProblem {
        code == ENOENT || code == ENOTDIR ? .missing : .unreadable(reason(code))
    }

    /// True when `url` names a regular file inside the root (a `pic.*` pick, a link to copy).
    public func isFile(_ url: URL) -> Bool {
        guard case .success(let real) = locate(url) else { return false }
        var status = stat()
        return stat(real, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    public func exists(_ url: URL) -> Bool {
        if case .failure(.missing) = locate(url) { return false }
        return true
    }

    /// The bytes of the file at `url`.
    public func data(at url: URL) -> Result<Data, BookFileProblem> {
        locate(url).flatMap(Self.readFile)
    }

    /// The text of the file at `url`: strict UTF-8, a leading byte-order mark dropped.
    public func text(at url: URL) -> Result<String, BookFileProblem> {
        text(at: url, loggingInto: inputs)
    }

    /// `text(at:)`, the path looked at logged into `log` rather than this reader's `inputs`
    /// (a text read ahead, which may not be used: `ReadAhead`).
    func text(at url: URL, loggingInto log: InputLog) -> Result<String, BookFileProblem> {
        locate(url, loggingInto: log).flatMap(Self.readFile).flatMap { data in
            switch UTF8Check.decode(data) {
            case .success(let text): return .success(text)
            case .failure(let position): return .failure(.notUTF8(position))
            }
        }
    }

    /// Reads a located file; a folder or a refusal is a problem.
    private static func readFile(_ real: String) -> Result<Data, BookFileProblem> {
        let descriptor = open(real, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.unreadable(reason(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(reason(errno))) }
        if (status.st_mode & S_IFMT) == S_IFDIR { return .failure(.folder) }
        // Read straight into one buffer of the file's size (and one byte more, to see its end
        // in the same read), grown if the file grew meanwhile; the data takes it over.
        var capacity = max(Int(status.st_size), 0) + 1
        guard var buffer = malloc(capacity) else { return .failure(.unreadable(reason(ENOMEM))) }
        var length = 0
        while true {
            if length == capacity {
                capacity *= 2
                guard let grown = realloc(buffer, capacity) else {
                    free(buffer)
                    return .failure(.unreadable(reason(ENOMEM)))
                }
                buffer = grown
            }
            let count = read(descriptor, buffer + length, capacity - length)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                let problem = reason(errno)
                free(buffer)
                return .failure(.unreadable(problem))
            }
            length += count
        }
        return .success(Data(bytesNoCopy: buffer, count: length, deallocator: .free))
    }

    /// `strerror` in lower case: `permission denied`.
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

extension BookFileProblem {
    /// What is wrong with the file shown as `display`, naming the project root.
    public func describe(_ display: String, root: ProjectRoot) -> String {
        describe(display, rootPath: root.path)
    }
}

/// Standard paths (`URL.standardizedFileURL.path`) of the folders of the paths a reader has
/// standardized (`BookFileReader.standardPath`), shared by its copies.
final class FolderStandardPaths: Sendable {
    private let known = Mutex<[String: String]>([:])

    func resolve(_ folder: String) -> String {
        if let hit = known.withLock({ $0[folder] }) { return hit }
        let standard = BookPaths.standardPath(URL(filePath: folder, directoryHint: .isDirectory))
        known.withLock { $0[folder] = standard }
        return standard
    }
}

/// Real paths of the folders a reader has resolved, shared by its copies (a build's parallel
/// parses). A folder that is not there is kept as missing too (a book without its figures'
/// folder would look for it again for every figure), so one reader serves one build: a
/// rebuild makes a new one (`BookLoader.reloading`).
final class FolderRealPaths: Sendable {
    /// What a folder's path resolved to.
    enum Lookup: Sendable {
        case found(String)
        /// The folder, or a folder on its way, is not there (or is not a folder).
        case missing
        /// Another failure (no permission, a loop of links): the caller finds out which.
        case failed
    }

    private let known = Mutex<[String: Lookup]>([:])

    func resolve(_ folder: String) -> Lookup {
        if let hit = known.withLock({ $0[folder] }) { return hit }
        let lookup: Lookup
        if let real = ProjectRoot.realPath(folder) {
            lookup = .found(real)
        } else if errno == ENOENT || errno == ENOTDIR {
            lookup = .missing
        } else {
            return .failed
        }
        known.withLock { $0[folder] = lookup }
        return lookup
    }
}
