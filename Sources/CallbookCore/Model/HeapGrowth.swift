#if canImport(Glibc)
import Glibc
#endif

/// How the allocator grows its heaps. glibc grows a thread's heap by the pages each allocation
/// needs, one `mprotect` call each time: about 2,200 in a clean build of The Turing Way. Asked
/// to keep 16 MB at the top (`M_TOP_PAD`), it grows them in large steps (13 calls); pages count
/// as resident only once written, so the peak memory stays about the same.
public enum HeapGrowth {
    /// Sets the padding; called once, first thing in the process.
    public static func configure() {
        #if canImport(Glibc)
        // `mallopt` is in `malloc.h`, which Swift's Glibc module does not declare.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        let topPad: Int32 = -2  // M_TOP_PAD
        _ = mallopt(topPad, 16 << 20)
        #endif
    }
}
