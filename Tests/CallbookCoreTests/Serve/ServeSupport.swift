import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Raw-socket helpers for the `serve` suites beyond what `Maintainer.Connection` offers.
extension Maintainer.Connection {
    /// Sends bytes; a connection the server has closed is an error, never a SIGPIPE that would
    /// end the test process (these tests close connections on purpose).
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            #else
            let sent = bytes[offset...].withUnsafeBytes { Darwin.send(descriptor, $0.baseAddress, $0.count, 0) }
            #endif
            guard sent > 0 else { throw Maintainer.SocketFailure("send") }
            offset += sent
        }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends a short text message as a browser does (masked, one frame).
    func sendWebSocketText(_ text: String) throws {
        let payload = Array(text.utf8)
        precondition(payload.count < 126, "short messages only")
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        let masked = payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try send([0x81, 0x80 | UInt8(payload.count)] + mask + masked)
    }

    /// A WebSocket handshake for `/_callbook/live` with the given `Host` and, when not nil,
    /// `Origin`; returns the server's answer headers.
    func handshake(port: UInt16, host: String, origin: String?) throws -> String? {
        try send("GET /_callbook/live HTTP/1.1\r\nHost: \(host)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     + (origin.map { "Origin: \($0)\r\n" } ?? "")
                     + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        return receiveHeaders()
    }
}

extension Maintainer {
    /// Waits until the server has closed (end of stream, or a reset) `count` of `connections`,
    /// or `deadline` passes; returns which are closed. Bytes the server sends are read and
    /// dropped. Blocking: call it through `blocking`.
    static func closedByServer(_ connections: [Connection], count: Int, before deadline: Date) -> Set<Int> {
        var closed = Set<Int>()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while closed.count < count {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { break }
            let open = connections.indices.filter { !closed.contains($0) }
            var waiting = open.map { pollfd(fd: connections[$0].descriptor, events: Int16(POLLIN), revents: 0) }
            #if canImport(Glibc)
            let ready = Glibc.poll(&waiting, nfds_t(waiting.count), Int32(min(left * 1000, 60_000)))
            #else
            let ready = Darwin.poll(&waiting, nfds_t(waiting.count), Int32(min(left * 1000, 60_000)))
            #endif
            if ready < 0, errno != EINTR { break }
            for (slot, index) in open.enumerated() where waiting[slot].revents != 0 {
                let read = buffer.withUnsafeMutableBytes { recv(connections[index].descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
                if read == 0 || (read < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) { closed.insert(index) }
            }
        }
        return closed
    }

    /// The status of a `GET /` sent with exactly these `Host` header lines (none when empty).
    static func status(port: UInt16, hostLines: [String]) async -> Int? {
        await blocking {
            guard let connection = try? Connection(port: port) else { return nil }
            let hosts = hostLines.map { "Host: \($0)\r\n" }.joined()
            guard (try? connection.send("GET / HTTP/1.1\r\n\(hosts)Connection: close\r\n\r\n")) != nil else { return nil }
            let text = String(decoding: connection.receiveAll(), as: UTF8.self)
            let parts = text.split(separator: " ", maxSplits: 2)
            return parts.count >= 2 ? Int(parts[1]) : nil
        }
    }
}
