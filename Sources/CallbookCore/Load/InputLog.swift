import Synchronization

/// Every file and folder a build looked at, with its stamp from when it was looked at (before
/// its bytes were read): a later build that finds every stamp the same knows that nothing it
/// would read has changed. A missing file is logged too, as absent: it appearing is a change.
/// Shared by the copies of a `BookFileReader` (parallel parses log into one).
public final class InputLog: Sendable {
    private let stamps = Mutex<[String: FileStamp]>([:])

    public init() {}

    /// Logs `path` with `stamp`; the first stamp of a path is kept.
    public func log(_ path: String, _ stamp: FileStamp) {
        stamps.withLock { stamps in
            if stamps[path] == nil { stamps[path] = stamp }
        }
    }

    /// Logs `path` with its stamp now, unless it is logged already.
    public func look(at path: String) {
        guard stamps.withLock({ $0[path] }) == nil else { return }
        log(path, FileStamp(path: path))
    }

    /// Logs what `other` logged (with the stamps it took), as `log` does each.
    func log(contentsOf other: InputLog) {
        for (path, stamp) in other.all { log(path, stamp) }
    }

    /// Every path logged, with its stamp.
    public var all: [String: FileStamp] { stamps.withLock { $0 } }
}
