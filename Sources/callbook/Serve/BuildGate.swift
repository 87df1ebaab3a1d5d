import Foundation
import Synchronization

/// Keeps a stop (Ctrl-C) from removing the working folder while a build writes into it: the
/// stop closes the gate, so no build starts after it, and waits for the one in progress.
/// (Saves faster than builds queue up, so builds may still be running when Ctrl-C comes.)
final class BuildGate: Sendable {
    private struct State {
        var building = false
        var closed = false
    }

    private let state = Mutex(State())

    /// Marks a build as started; false once the gate is closed (no build may start).
    func enter() -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.building = true
            return true
        }
    }

    func leave() {
        state.withLock { $0.building = false }
    }

    /// Closes the gate and blocks until the build in progress ends, or `timeout` passes;
    /// returns whether no build is running.
    func close(timeout: Duration) -> Bool {
        state.withLock { $0.closed = true }
        let deadline = ContinuousClock.now + timeout
        while state.withLock({ $0.building }) {
            guard ContinuousClock.now < deadline else { return false }
            usleep(10_000)
        }
        return true
    }
}
