import Foundation
#if canImport(Glibc)
import Glibc
private let systemAccept = Glibc.accept
private let systemSend = Glibc.send
#elseif canImport(Darwin)
import Darwin
private let systemAccept = Darwin.accept
private let systemSend = Darwin.send
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for the link checker's tests, on its own threads.
///
/// It does not use Swift concurrency: the test runner's cooperative pool has as many threads as
/// the machine has cores (two in CI), and tests that wait for a process block them, so a server
/// run on that pool can go unanswered for longer than the checker's timeout.
final class StubLinkServer: @unchecked Sendable {
    /// What the server answers: a status and extra header lines, for a method and path.
    typealias Route = @Sendable (_ method: String, _ path: String) -> (status: Int, headers: [String])

    let port: UInt16
    private let listener: Int32
    private let route: Route
    private let lock = NSLock()
    private var stopped = false
    private var inFlight = 0
    private(set) var highestInFlight = 0
    private(set) var requests: [String] = []

    /// Listens on `port` (0: any free port) and answers every request through `route`.
    init(port: UInt16 = 0, route: @escaping Route) throws {
        #if canImport(Glibc)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let listener = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard listener >= 0 else { throw Maintainer.SocketFailure("socket") }
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = Maintainer.loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else {
            close(listener)
            throw Maintainer.SocketFailure("bind/listen")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        self.port = UInt16(bigEndian: address.sin_port)
        self.route = route
        let thread = Thread { [self] in acceptLoop() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { stop() }

    /// Stops accepting; connections already open are answered.
    func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if first {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    /// The path of each request, in the order they arrived.
    var paths: [String] { lock.withLock { requests } }

    /// The most requests the server was answering at one time.
    var highest: Int { lock.withLock { highestInFlight } }

    private func acceptLoop() {
        while true {
            let connection = systemAccept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in answer(connection) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Reads one request's head, answers it with an empty body, and closes.
    private func answer(_ connection: Int32) {
        defer { close(connection) }
        var interval = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !head.ends(with: [13, 10, 13, 10]) {
            let received = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard received > 0 else { return }
            head += buffer[0..<received]
            if head.count > 65536 { return }
        }
        let requestLine = String(decoding: head.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        guard requestLine.count >= 2 else { return }
        let method = String(requestLine[0]), path = String(requestLine[1])
        lock.withLock {
            requests.append(path)
            inFlight += 1
            highestInFlight = max(highestInFlight, inFlight)
        }
        let (status, headers) = route(method, path)
        lock.withLock { inFlight -= 1 }
        let response = (["HTTP/1.1 \(status) Stub", "Content-Length: 0", "Connection: close"] + headers)
            .joined(separator: "\r\n") + "\r\n\r\n"
        let bytes = Array(response.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { systemSend(connection, $0.baseAddress, $0.count, 0) }
            guard sent > 0 else { return }
            offset += sent
        }
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
