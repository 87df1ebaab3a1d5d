import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Swaps two folders in one step, so that readers (and a build killed at any moment) see
/// either the old site or the new one at the output's path, never none.
enum FolderExchange {
    /// What an exchange did: 0 when done, else the `errno` (`ENOTSUP` where the system has no
    /// exchange, or `EINVAL` where the file system refuses it).
    static func exchange(_ first: String, _ second: String) -> Int32 {
        #if os(Linux)
        // `renameat2(…, RENAME_EXCHANGE)` (Linux 3.15, glibc 2.28); Swift's Glibc module does
        // not export it, so it is looked up by name.
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        let renameExchange: UInt32 = 1 << 1
        guard let handle = dlopen(nil, RTLD_NOW) else { return ENOTSUP }
        defer { dlclose(handle) }
        guard let symbol = dlsym(handle, "renameat2") else { return ENOTSUP }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 ? 0 : errno
        #else
        return ENOTSUP
        #endif
    }

    /// True when `code` says the exchange is not available here (the two-rename fallback is used).
    static func isUnsupported(_ code: Int32) -> Bool {
        code == ENOTSUP || code == EINVAL || code == ENOSYS || code == EOPNOTSUPP
    }
}
