import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
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
        stage(as: file) { emit in emit(bytes[...]) }
    }

    /// `stage` for a file made piece by piece (`write` hands each to the function it is given),
    /// gathered a quarter of a megabyte at a time: a file of megabytes, most of it pieces read
    /// from the last build's file, is not first copied whole into new memory.
    static func stage(as file: URL, _ write: ((ArraySlice<UInt8>) -> Void) -> Void) -> StagedCacheFile? {
        let folder = file.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard SiteWriter.isFolder(folder) else { return nil }
        let prefix = file.lastPathComponent + ".new-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where entry.hasPrefix(prefix) {
            if !StagingFolders.isRunning(entry.dropFirst(prefix.count)) { unlink(folder + "/" + entry) }
        }
        let staged = StagedCacheFile(file: file.path, temporary: folder + "/" + prefix + StagingFolders.processToken())
        let descriptor = open(staged.temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.gathered)
        var written = true
        func flush(_ bytes: UnsafeBufferPointer<UInt8>) {
            var offset = 0
            while written, offset < bytes.count {
                let count = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { written = false } else { offset += count }
            }
        }
        write { piece in
            if buffer.count + piece.count > Self.gathered {
                buffer.withUnsafeBufferPointer(flush)
                buffer.removeAll(keepingCapacity: true)
            }
            if piece.count >= Self.gathered { piece.withUnsafeBufferPointer(flush) } else { buffer += piece }
        }
        buffer.withUnsafeBufferPointer(flush)
        guard written else {
            staged.discard()
            return nil
        }
        return staged
    }

    /// How many bytes `stage(as:_:)` gathers before it writes them.
    static let gathered = 256 << 10

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
