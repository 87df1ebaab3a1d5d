import Foundation

/// Writes the build cache file beside the output (`.callbook-cache/`), or removes one a build
/// without the cache made stale. A cache that cannot be saved only makes the next build a full
/// one, so failures are not errors.
public enum CacheFileWriter {
    /// Saves `data` as `file`, whose folder is made if needed and must be a real folder (a
    /// symbolic link there could send the write anywhere).
    public static func save(_ data: Data, as file: URL) {
        let folder = file.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard SiteWriter.isFolder(folder) else { return }
        try? data.write(to: file, options: .atomic)
    }

    /// Removes `file` if it is there.
    public static func remove(_ file: URL) {
        try? FileManager.default.removeItem(at: file)
    }
}
