#if canImport(Glibc)
import Glibc
#endif

/// Gives the memory a stage or pass freed back to the system before the next one runs. glibc keeps
/// freed blocks in per-thread arenas, where a later stage running on another thread cannot
/// reuse them: without this, a 10 MB chapter's resident peak was about 50 MB above the
/// memory actually in use.
public enum FreedMemory {
    #if canImport(Glibc)
    /// glibc's `malloc_trim`, which Swift's Glibc module does not declare (`malloc.h`).
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif

    public static func release() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
