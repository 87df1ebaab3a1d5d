import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the build cache file beside the output (`.callbook-cache/`), or removes one a build
/// without the cache made stale. A cache that cannot be saved only makes the next build a full
/// one, so failures are not errors.
public enum CacheFileWriter {
    /// Saves `bytes` as `file`, whose folder is made if needed and must be a real folder (a
    /// symbolic link there could send the write anywhere).
    public static func save(_ bytes: [UInt8], as file: URL) {
        stage(bytes, as: file)?.commit()
    }

    /// Writes `bytes` beside `file` under a name of this build's own, to be put in its place by
    /// `commit` (one rename) once the site it describes is in place, or removed by `discard`:
    /// the writing of a large cache file can then run beside other work. Leftovers of builds
    /// no longer running are removed first. nil when it cannot be written.
    static func stage(_ bytes: [UInt8], as file: URL) -> StagedCacheFile? {
        let folder = file.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard SiteWriter.isFolder(folder) else { return nil }
        let prefix = file.lastPathComponent + ".new-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where entry.hasPrefix(prefix) {
            if !StagingFolders.isRunning(entry.dropFirst(prefix.count)) { unlink(folder + "/" + entry) }
        }
        let staged = StagedCacheFile(file: file.path, temporary: folder + "/" + prefix + StagingFolders.processToken())
        do {
            try SiteWriter.writeFile(staged.temporary, bytes, exclusive: true)
        } catch {
            staged.discard()
            return nil
        }
        return staged
    }

    /// Removes `file` if it is there.
    public static func remove(_ file: URL) {
        try? FileManager.default.removeItem(at: file)
    }
}

/// A cache file written under a temporary name beside its place (`CacheFileWriter.stage`).
struct StagedCacheFile: Sendable {
    let file: String
    let temporary: String

    /// Puts the file in its place, in one step.
    func commit() {
        if rename(temporary, file) != 0 { discard() }
    }

    /// Removes the file if it was not put in place.
    func discard() {
        unlink(temporary)
    }
}
