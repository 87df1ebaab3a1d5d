import FlyingSocks
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server's socket pool with two limits FlyingFox does not have (its `timeout` only bounds
/// a handler's work, not the wait for a client):
/// - a connection that makes no progress (sends nothing, or reads nothing of what is sent to
///   it) for `idleTimeout` is closed, whatever state its request is in;
/// - at most `maxWaiting` connections may wait for their client at once; one more is closed at
///   once. Open connections are either waiting or being answered, so this caps them.
/// The listening socket waits for new connections without either limit. One sweep a second (or
/// sooner for short timeouts) ends the waits that are over their time: a timer per wait would
/// stay allocated until it fired, even for waits long over.
struct GuardedSocketPool<Inner: AsyncSocketPool>: AsyncSocketPool {
    let inner: Inner
    let idleTimeout: Duration
    let maxWaiting: Int
    private let waits = Waits()

    init(_ inner: Inner, idleTimeout: Duration, maxWaiting: Int) {
        self.inner = inner
        self.idleTimeout = idleTimeout
        self.maxWaiting = maxWaiting
    }

    func prepare() async throws { try await inner.prepare() }

    /// Runs the inner pool and the sweep, until either stops.
    func run() async throws {
        let interval = min(.seconds(1), idleTimeout / 4)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await inner.run() }
            group.addTask {
                while true {
                    try await Task.sleep(for: interval)
                    waits.endExpired(now: .now)
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        if Self.isListening(socket) {
            return try await inner.suspendSocket(socket, untilReadyFor: events)
        }
        let wait = Task { try await inner.suspendSocket(socket, untilReadyFor: events) }
        // `disconnected` is how FlyingFox hears that a client went away: it closes quietly.
        guard let id = waits.add(wait, deadline: .now + idleTimeout, limit: maxWaiting) else {
            wait.cancel()
            throw SocketError.disconnected
        }
        defer { waits.remove(id) }
        do {
            try await withTaskCancellationHandler { try await wait.value } onCancel: { wait.cancel() }
        } catch is CancellationError where !Task.isCancelled {
            // Ended by the sweep; unless what it waited for has come meanwhile (a busy machine
            // may run the sweep before the pool sees the socket ready), it was idle too long.
            guard Self.isReady(socket, for: events) else { throw SocketError.disconnected }
        }
    }

    /// Whether `socket` can be read or written (as `events` asks) without waiting, or is closed.
    static func isReady(_ socket: Socket, for events: Socket.Events) -> Bool {
        var flags: Int16 = 0
        if events.contains(.read) { flags |= Int16(POLLIN) }
        if events.contains(.write) { flags |= Int16(POLLOUT) }
        var descriptor = pollfd(fd: socket.file.rawValue, events: flags, revents: 0)
        #if canImport(Glibc)
        return Glibc.poll(&descriptor, 1, 0) > 0
        #else
        return Darwin.poll(&descriptor, 1, 0) > 0
        #endif
    }

    /// Whether `socket` is the one accepting connections.
    static func isListening(_ socket: Socket) -> Bool {
        var accepting: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(socket.file.rawValue, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) == 0 && accepting != 0
    }

    /// The connections waiting for their client, each with the time its wait must end by.
    final class Waits: Sendable {
        private struct Entry {
            let task: Task<Void, any Error>
            let deadline: ContinuousClock.Instant
        }

        private struct State {
            var next: UInt64 = 0
            var entries: [UInt64: Entry] = [:]
        }

        private let state = Mutex(State())

        /// Adds a wait, unless `limit` are waiting already (nil).
        func add(_ task: Task<Void, any Error>, deadline: ContinuousClock.Instant, limit: Int) -> UInt64? {
            state.withLock { state in
                guard state.entries.count < limit else { return nil }
                state.next += 1
                state.entries[state.next] = Entry(task: task, deadline: deadline)
                return state.next
            }
        }

        func remove(_ id: UInt64) {
            _ = state.withLock { $0.entries.removeValue(forKey: id) }
        }

        /// Cancels the waits past their deadline.
        func endExpired(now: ContinuousClock.Instant) {
            let expired = state.withLock { state in
                state.entries.filter { $0.value.deadline <= now }.map(\.value.task)
            }
            for task in expired { task.cancel() }
        }
    }
}
