import Foundation

/// The bytes of some book files as they are now, read through the book's `BookFileReader`:
/// what the files a chapter includes held when it was built, to tell later whether they changed.
public struct FileContents: Sendable {
    /// Absolute path → contents; absent when the file could not be read.
    private var contents: [String: Data] = [:]

    public init() {}

    /// Reads each of `paths` (absolute) now.
    public init(_ paths: some Sequence<String>, files: BookFileReader) {
        for path in paths where contents[path] == nil {
            contents[path] = try? files.data(at: URL(fileURLWithPath: path)).get()
        }
    }

    /// The contents of `path` when it was read; nil when it could not be read or was not asked for.
    public subscript(path: String) -> Data? { contents[path] }
}
