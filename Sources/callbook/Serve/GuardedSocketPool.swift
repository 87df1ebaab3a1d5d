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
/// The listening socket waits for new connections without either limit.
struct GuardedSocketPool<Inner: AsyncSocketPool>: AsyncSocketPool {
    let inner: Inner
    let idleTimeout: Duration
    let maxWaiting: Int
    private let waiting = Count()

    init(_ inner: Inner, idleTimeout: Duration, maxWaiting: Int) {
        self.inner = inner
        self.idleTimeout = idleTimeout
        self.maxWaiting = maxWaiting
    }

    func prepare() async throws { try await inner.prepare() }

    func run() async throws { try await inner.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        if Self.isListening(socket) {
            return try await inner.suspendSocket(socket, untilReadyFor: events)
        }
        // `disconnected` is how FlyingFox hears that a client went away: it closes quietly.
        guard waiting.enter(limit: maxWaiting) else { throw SocketError.disconnected }
        defer { waiting.leave() }
        let ready = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await inner.suspendSocket(socket, untilReadyFor: events)
                return true
            }
            group.addTask {
                try await Task.sleep(for: idleTimeout)
                return false
            }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
        guard ready else { throw SocketError.disconnected }
    }

    /// Whether `socket` is the one accepting connections.
    static func isListening(_ socket: Socket) -> Bool {
        var accepting: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(socket.file.rawValue, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) == 0 && accepting != 0
    }

    /// How many connections are waiting for their client.
    final class Count: Sendable {
        private let value = Mutex(0)

        /// Counts one more, unless `limit` are counted already.
        func enter(limit: Int) -> Bool {
            value.withLock { count in
                guard count < limit else { return false }
                count += 1
                return true
            }
        }

        func leave() {
            value.withLock { $0 -= 1 }
        }
    }
}
