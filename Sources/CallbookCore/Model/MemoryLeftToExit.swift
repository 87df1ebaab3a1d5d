import Foundation

/// Values a process that is about to exit holds on to, so that they are never freed: freeing a
/// book's chapters, records and search sections one object at a time took 3–4 ms at the end of
/// a chapter edit's build of The Turing Way, memory the exit gives back at once. Only for a
/// process that exits right after (`BuildOptions.processExitsAfter`): anything else would keep
/// growing.
enum MemoryLeftToExit {
    nonisolated(unsafe) private static var kept: [Any] = []
    private static let lock = NSLock()

    /// Holds `value` (one more reference to each of its objects) until the process ends.
    static func keep(_ value: Any) {
        lock.withLock { kept.append(value) }
    }
}
