import Foundation

/// How a build runs work in parallel: every stage maps its chapters or pages through
/// `Parallel.map`, at most `jobs` at a time (`--jobs N`; all cores by default). With one job
/// nothing runs beside anything else. Results keep the order of the input, so the output is the
/// same for any number of jobs.
public enum Parallel {
    /// The number of jobs of the build running in this task (set by `Build.run` for its stages).
    @TaskLocal public static var jobs = ProcessInfo.processInfo.activeProcessorCount

    /// `work` applied to every item, at most `jobs` at a time, in the items' order.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ work: @escaping @Sendable (T) throws -> R) async rethrows -> [R] {
        let jobs = max(1, Self.jobs)
        guard jobs > 1, items.count > 1 else { return try items.map(work) }
        return try await withThrowingTaskGroup(of: (Int, R).self) { group in
            var next = 0
            func start() {
                guard next < items.count else { return }
                let position = next
                next += 1
                group.addTask { (position, try work(items[position])) }
            }
            for _ in 0..<min(jobs, items.count) { start() }
            var results = [R?](repeating: nil, count: items.count)
            while let (position, result) = try await group.next() {
                results[position] = result
                start()
            }
            return results.map { $0! }
        }
    }

    /// `work` applied to every item as `map(_:_:)` does, but each item is handed over: the array
    /// gives it up as its work starts, so an item (a chapter's tree) goes as soon as its work
    /// no longer holds it, not when the whole map ends.
    public static func map<T: Sendable, R: Sendable>(taking items: consuming [T],
                                                     _ work: @escaping @Sendable (consuming T) throws -> R) async rethrows -> [R] {
        let count = items.count
        let slots = HandOver(consume items)
        return try await map(Array(0..<count)) { position in try work(slots.take(position)) }
    }
}

/// Items each taken once, from any task: a taken slot no longer holds its item.
private final class HandOver<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(_ items: consuming [T]) {
        slots = items.map(Optional.some)
    }

    func take(_ position: Int) -> T {
        lock.withLock {
            defer { slots[position] = nil }
            return slots[position]!
        }
    }
}
