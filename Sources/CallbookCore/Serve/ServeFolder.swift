import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `callbook serve`'s working folder (the served site is built in it): made by `mkdtemp`, so
/// its name is new and unguessable, it is a real folder (a symbolic link planted in the
/// temporary folder is never followed) and only its owner may enter it (mode 0700).
public struct ServeFolder: Sendable {
    public let url: URL

    /// Makes `callbook-serve-XXXXXX` in `parent` (the temporary folder: `TMPDIR`, else `/tmp`).
    public init(in parent: URL = FileManager.default.temporaryDirectory) throws {
        var template = Array(parent.appendingPathComponent("callbook-serve-XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw CallbookError("serve-folder", "cannot make a working folder in '\(parent.path)': \(String(cString: strerror(errno)))")
        }
        url = URL(fileURLWithPath: template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }, isDirectory: true)
    }

    /// Removes the folder and everything in it.
    public func remove() throws {
        try FileManager.default.removeItem(at: url)
    }
}
