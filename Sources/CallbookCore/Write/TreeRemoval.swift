import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes a folder and everything in it with calls relative to each folder's descriptor
/// (`unlinkat`): no path is looked up again from the root for each file, and no file is
/// `stat`ed when its folder entry tells its type. Symbolic links are removed, never followed.
/// The folders right inside the top one are removed by all jobs at once.
enum TreeRemoval {
    /// Whether the folder at `path` (not a symbolic link) and everything in it are gone. On
    /// false, part of it may be left (say, a folder without write permission), for a slower
    /// remover that repairs what it can.
    static func remove(_ path: String) -> Bool {
        let top = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard top >= 0 else { return errno == ENOENT }
        guard let (folders, others) = entries(of: top) else { close(top); return false }
        var removed = others.allSatisfy { unlinkat(top, $0, 0) == 0 || errno == ENOENT }
        removed = Parallel.mapNow(folders.count) { removeFolder(folders[$0], in: top) }.allSatisfy { $0 } && removed
        close(top)
        return removed && (rmdir(path) == 0 || errno == ENOENT)
    }

    /// Removes the folder `name` inside the folder open as `parent`, and what it holds.
    static func removeFolder(_ name: [CChar], in parent: Int32) -> Bool {
        let folder = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { return errno == ENOENT }
        guard let (folders, others) = entries(of: folder) else { close(folder); return false }
        var removed = others.allSatisfy { unlinkat(folder, $0, 0) == 0 || errno == ENOENT }
        for inner in folders where !removeFolder(inner, in: folder) { removed = false }
        close(folder)
        return removed && (unlinkat(parent, name, AT_REMOVEDIR) == 0 || errno == ENOENT)
    }

    /// The names in the open folder `descriptor`: its folders, and everything else. nil when it
    /// cannot be read. (The descriptor stays open: the listing reads a duplicate.)
    static func entries(of descriptor: Int32) -> (folders: [[CChar]], others: [[CChar]])? {
        let copy = dup(descriptor)
        guard copy >= 0, let listing = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return nil
        }
        defer { closedir(listing) }
        var folders: [[CChar]] = [], others: [[CChar]] = []
        while let entry = readdir(listing) {
            // The name's bytes as they are (with its terminating zero): not every name is UTF-8.
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                Array(bytes.prefix { $0 != 0 }.map { CChar(bitPattern: $0) }) + [0]
            }
            guard name != [0x2E, 0], name != [0x2E, 0x2E, 0] else { continue }
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var status = stat()
                guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                type = status.st_mode & S_IFMT == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
            }
            if type == UInt8(DT_DIR) { folders.append(name) } else { others.append(name) }
        }
        return (folders, others)
    }
}
