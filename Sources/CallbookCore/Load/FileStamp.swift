import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says of a path at one moment: device, inode, type, size and the modification
/// and change times to the nanosecond, or that nothing is there. Two equal stamps of a path
/// mean it was not written, replaced or retargeted in between (an edit changes the change time
/// even when a tool puts the modification time back).
public struct FileStamp: Hashable, Sendable {
    /// The fields, in the order `text` writes them; empty when nothing is at the path.
    let fields: [Int64]

    /// Nothing at the path (or it cannot be looked at).
    public static let absent = FileStamp(fields: [])

    init(fields: [Int64]) {
        self.fields = fields
    }

    init(_ status: stat) {
        fields = [Int64(status.st_dev), Int64(bitPattern: UInt64(status.st_ino)), Int64(status.st_mode), Int64(status.st_size),
                  Int64(status.st_mtim.tv_sec), Int64(status.st_mtim.tv_nsec),
                  Int64(status.st_ctim.tv_sec), Int64(status.st_ctim.tv_nsec)]
    }

    /// The path's stamp now, symbolic links followed (a link pointed elsewhere shows another
    /// inode), or not followed with `followLinks: false`.
    public init(path: String, followLinks: Bool = true) {
        var status = stat()
        let found = followLinks ? stat(path, &status) : lstat(path, &status)
        self = found == 0 ? FileStamp(status) : .absent
    }

    /// The later of the modification and change times, in seconds since 1970 (0 when absent).
    var changed: Double {
        guard fields.count == 8 else { return 0 }
        return max(Double(fields[4]) + Double(fields[5]) / 1e9, Double(fields[6]) + Double(fields[7]) / 1e9)
    }

    /// True for a folder.
    var isFolder: Bool { fields.count == 8 && (mode_t(truncatingIfNeeded: fields[2]) & S_IFMT) == S_IFDIR }

    /// `-`, or the fields joined by `.`.
    var text: String { fields.isEmpty ? "-" : fields.map(String.init).joined(separator: ".") }
}
