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

    /// `work` applied to every number of `0..<count` without leaving the calling thread's
    /// synchronous code (loading the book is not async): the numbers are shared out among at
    /// most `jobs` threads, the calling one among them. Results in the numbers' order.
    public static func mapNow<R: Sendable>(_ count: Int, _ work: @Sendable (Int) -> R) -> [R] {
        let jobs = min(max(1, Self.jobs), count)
        guard jobs > 1 else { return (0..<count).map(work) }
        return [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            let results = UncheckedResults(base: buffer.baseAddress!)
            withoutActuallyEscaping(work) { work in
                DispatchQueue.concurrentPerform(iterations: jobs) { stripe in
                    for number in stride(from: stripe, to: count, by: jobs) { results.put(work(number), at: number) }
                }
            }
            initialized = count
        }
    }

    /// The results' memory, each slot written by exactly one thread.
    private struct UncheckedResults<R>: @unchecked Sendable {
        let base: UnsafeMutablePointer<R>
        func put(_ result: R, at number: Int) { (base + number).initialize(to: result) }
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
