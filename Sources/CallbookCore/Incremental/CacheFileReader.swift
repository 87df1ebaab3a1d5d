#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a cache file's bytes straight into an array (one allocation, no `Data` to copy from:
/// the search and chapter caches are megabytes, read at every build that is not up to date).
enum CacheFileReader {
    /// The bytes of the regular file at `path`; nil when it cannot be read whole.
    static func bytes(atPath path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(status.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while initialized < size {
                let count = read(descriptor, buffer.baseAddress! + initialized, size - initialized)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { complete = false; return }
                initialized += count
            }
        }
        // (A file that grew while it was read is not the one that was stamped: read as damaged.)
        var extra: UInt8 = 0
        guard complete, read(descriptor, &extra, 1) == 0 else { return nil }
        return bytes
    }
}
