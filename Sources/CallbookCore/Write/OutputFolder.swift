import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder callbook writes a site into (the staging folder of a build, or the folder `serve`
/// writes in place). `place(_:)` is the one check every written path goes through.
struct OutputFolder: Sendable {
    /// The folder's absolute path, symbolic links resolved.
    let root: String
    /// The folders inside (relative paths) already found to be real folders, or made, by this
    /// value or its copies: each is looked at once, not once per file written below it.
    private let checked = CheckedFolders()

    init(root: String) {
        self.root = root
    }

    private final class CheckedFolders: Sendable {
        let paths = Mutex<Set<Substring>>([])
    }

    /// The absolute path of `relative` inside the folder, after checking that it stays inside:
    /// a site path is relative, has no `.`, `..` or empty component, and no folder on the way
    /// to it is a symbolic link or anything but a folder. Anything else is refused.
    func place(_ relative: String) throws -> String {
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.utf8.contains(0),
              components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw Self.refusal(relative, "it is not a plain relative path inside the site")
        }
        let parent = relative[..<(relative.lastIndex(of: "/") ?? relative.startIndex)]
        guard !parent.isEmpty, !checked.paths.withLock({ $0.contains(parent) }) else { return root + "/" + relative }
        var folder = root
        var found: [Substring] = []
        for (index, component) in components.dropLast().enumerated() {
            folder += "/" + component
            var status = stat()
            guard lstat(folder, &status) == 0 else {
                if errno == ENOENT { break }  // made later, by `makeFolder`, through this check
                throw Self.refusal(relative, String(cString: strerror(errno)))
            }
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw Self.refusal(relative, "'\(folder)' is a symbolic link or a file, not a folder")
            }
            found.append(relative[..<components[index].endIndex])
        }
        checked.paths.withLock { $0.formUnion(found) }
        return root + "/" + relative
    }

    /// Makes the folder `relative` (and those above it) inside the output; an existing one
    /// must be a real folder.
    func makeFolder(_ relative: String) throws {
        var path = ""
        for component in relative.split(separator: "/", omittingEmptySubsequences: false) {
            path += path.isEmpty ? String(component) : "/" + component
            if checked.paths.withLock({ $0.contains(path[...]) }) { continue }
            let absolute = try place(path)
            if mkdir(absolute, 0o755) != 0 {
                let failure = errno
                var status = stat()
                guard failure == EEXIST, lstat(absolute, &status) == 0 else {
                    throw CallbookError("write-failed", "cannot create the folder '\(absolute)': \(String(cString: strerror(failure)))")
                }
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw Self.refusal(path, "'\(absolute)' is a symbolic link or a file, not a folder")
                }
            }
            checked.paths.withLock { _ = $0.insert(path[...]) }
        }
    }

    static func refusal(_ relative: String, _ reason: String) -> CallbookError {
        CallbookError("write-outside-output", "refusing to write '\(relative)': \(reason); callbook writes only inside the output folder")
    }
}
