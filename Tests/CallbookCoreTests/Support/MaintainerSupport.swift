import CallbookCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
private let systemSend = Glibc.send
#elseif canImport(Darwin)
import Darwin
private let systemSend = Darwin.send
#endif

/// Helpers for the maintainer-workflow suites (incremental builds, `check`, `init`, `serve`).
enum Maintainer {
    /// Noon UTC of a `YYYY-MM-DD` day (as `--today` reads it).
    static func day(_ text: String) -> Date {
        let parts = text.split(separator: "-").map { Int($0)! }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))!
    }

    static let today = day("2026-11-27")

    // MARK: The CLI binary

    /// `.build/debug/callbook`.
    static var binary: URL { SharedData.packageRoot.appendingPathComponent(".build/debug/callbook") }

    /// The binary, or nil (the test should return) when it is not built. With
    /// `CALLBOOK_REQUIRE_TOOLS=1` a missing binary is a failure instead of a skip.
    static func requireBinary(_ comment: String = "") -> URL? {
        if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        let message = "\(binary.path) is not built (run `swift build`): skipping\(comment.isEmpty ? "" : " " + comment)"
        if ProcessInfo.processInfo.environment["CALLBOOK_REQUIRE_TOOLS"] == "1" {
            Issue.record("CALLBOOK_REQUIRE_TOOLS=1 but \(message)")
        } else {
            print("note: \(message)")
        }
        return nil
    }

    /// The environment for child processes: no proxies (the tests talk to 127.0.0.1), and no
    /// `GITHUB_ACTIONS`, so a test that does not name a diagnostics format sees the plain one
    /// also when it runs in GitHub Actions.
    static var childEnvironment: [String: String] { childEnvironment(from: ProcessInfo.processInfo.environment) }

    /// `childEnvironment` made from `parent`, the environment of this process.
    static func childEnvironment(from parent: [String: String]) -> [String: String] {
        var environment = parent
        for key in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "GITHUB_ACTIONS"] {
            environment[key] = nil
        }
        environment["no_proxy"] = "127.0.0.1,localhost"
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        return environment
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary to completion in `environment` (`childEnvironment` unless given); output
    /// goes through files (no pipe can fill up).
    static func run(_ binary: URL, _ arguments: [String], in directory: URL,
                    environment: [String: String] = childEnvironment) throws -> Run {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("callbook-maintainer-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: logs) }
        let out = logs.appendingPathComponent("out"), err = logs.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// `run` on a background thread, so a child that talks to a server in this process
    /// never waits on a blocked cooperative thread.
    static func runInBackground(_ binary: URL, _ arguments: [String], in directory: URL) async throws -> Run {
        try await blocking { Result { try run(binary, arguments, in: directory) } }.get()
    }

    // MARK: Comparing folders

    /// Every regular file below `folder` (hidden ones too): relative path → bytes. Symbolic
    /// links are listed with their target so they never compare equal to a file.
    static func files(_ folder: URL) -> [String: Data] {
        let base = folder.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]) else {
            return [:]
        }
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            let relative = String(path.dropFirst(prefix.count))
            if values?.isSymbolicLink == true {
                result[relative] = Data(("symlink → " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?")).utf8)
            } else if values?.isRegularFile == true {
                result[relative] = FileManager.default.contents(atPath: path) ?? Data()
            }
        }
        return result
    }

    /// How two folders differ, one line per file; empty when they are byte for byte the same.
    static func differences(_ actual: URL, _ expected: URL) -> [String] {
        let a = files(actual), b = files(expected)
        var lines: [String] = []
        for path in Set(a.keys).union(b.keys).sorted() {
            switch (a[path], b[path]) {
            case (nil, _): lines.append("missing (only in the clean build): \(path)")
            case (_, nil): lines.append("extra (not in the clean build): \(path)")
            case (let x?, let y?) where x != y:
                lines.append("differs: \(path)\n" + firstDifference(x, y))
            default: break
            }
        }
        return lines
    }

    private static func firstDifference(_ x: Data, _ y: Data) -> String {
        let a = [UInt8](x), b = [UInt8](y)
        var index = 0
        while index < min(a.count, b.count), a[index] == b[index] { index += 1 }
        func around(_ bytes: [UInt8]) -> String {
            let start = max(0, index - 60), end = min(bytes.count, index + 60)
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        return "    at byte \(index): incremental «\(around(a))»\n    clean build «\(around(b))»"
    }

    /// Sets the modification time of every file below `folder` to 2001-01-01.
    static func ageFiles(_ folder: URL) {
        let old = Date(timeIntervalSinceReferenceDate: 0)
        for path in files(folder).keys {
            try? FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder.appendingPathComponent(path).path)
        }
    }

    /// The files below `folder` modified after 2001-01-01 (see `ageFiles`).
    static func touchedFiles(_ folder: URL) -> Set<String> {
        var touched: Set<String> = []
        for path in files(folder).keys {
            let date = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)[.modificationDate]) as? Date
            if let date, date > Date(timeIntervalSinceReferenceDate: 1) { touched.insert(path) }
        }
        return touched
    }

    // MARK: Sockets

    /// A TCP port that was free a moment ago on 127.0.0.1.
    static func freePort() throws -> UInt16 {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw SocketFailure("socket") }
        defer { close(descriptor) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw SocketFailure("bind") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw SocketFailure("getsockname") }
        return UInt16(bigEndian: address.sin_port)
    }

    struct SocketFailure: Error, CustomStringConvertible {
        var description: String
        init(_ what: String) { description = "\(what) failed: \(String(cString: strerror(errno)))" }
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A blocking TCP connection to 127.0.0.1 with a receive timeout.
    final class Connection: Sendable {
        let descriptor: Int32

        init(port: UInt16, timeout: TimeInterval = 3) throws {
            // The descriptor is stored only once connected: an initializer that throws after
            // storing it runs `deinit`, which closed it a second time, and by then the number
            // could be another thread's file (a test writing a book then saw EBADF).
            #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard descriptor >= 0 else { throw SocketFailure("socket") }
            var interval = timeval()
            interval.tv_sec = .init(timeout)
            interval.tv_usec = .init((timeout - floor(timeout)) * 1_000_000)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
            var address = Maintainer.loopback(port: port)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                let failure = SocketFailure("connect")
                close(descriptor)
                throw failure
            }
            self.descriptor = descriptor
        }

        deinit { close(descriptor) }

        func transmit(_ text: String) throws {
            try transmit(Array(text.utf8))
        }

        func transmit(_ bytes: [UInt8]) throws {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { systemSend(descriptor, $0.baseAddress, $0.count, 0) }
                guard sent > 0 else { throw SocketFailure("send") }
                offset += sent
            }
        }

        /// Up to `count` bytes (fewer at the end of the stream); empty on end or timeout.
        func receive(upTo count: Int = 65536) -> [UInt8] {
            var buffer = [UInt8](repeating: 0, count: count)
            let received = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, count, 0) }
            return received > 0 ? Array(buffer[0..<received]) : []
        }

        /// Exactly `count` bytes, or nil on end or timeout.
        func receive(exactly count: Int) -> [UInt8]? {
            var bytes: [UInt8] = []
            while bytes.count < count {
                let chunk = receive(upTo: count - bytes.count)
                if chunk.isEmpty { return nil }
                bytes += chunk
            }
            return bytes
        }

        /// Everything until the peer closes (or the timeout).
        func receiveAll() -> [UInt8] {
            var bytes: [UInt8] = []
            while true {
                let chunk = receive()
                if chunk.isEmpty { return bytes }
                bytes += chunk
            }
        }

        /// Opens a WebSocket on `path` (the server's `101` headers are returned).
        func upgradeToWebSocket(path: String, port: UInt16) throws -> String? {
            try transmit("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            return receiveHeaders()
        }

        /// The next text message of a WebSocket (other frames skipped), or nil on close or timeout.
        func receiveWebSocketText() -> String? {
            while true {
                guard let head = receive(exactly: 2) else { return nil }
                let opcode = head[0] & 0x0F
                var length = Int(head[1] & 0x7F)
                if length == 126 {
                    guard let extended = receive(exactly: 2) else { return nil }
                    length = extended.reduce(0) { $0 << 8 | Int($1) }
                } else if length == 127 {
                    guard let extended = receive(exactly: 8) else { return nil }
                    length = extended.reduce(0) { $0 << 8 | Int($1) }
                }
                let mask = head[1] & 0x80 != 0 ? receive(exactly: 4) : nil
                guard var payload = length == 0 ? [] : receive(exactly: length) else { return nil }
                if let mask { for index in payload.indices { payload[index] ^= mask[index % 4] } }
                switch opcode {
                case 0x1: return String(decoding: payload, as: UTF8.self)
                case 0x8: return nil
                default: continue
                }
            }
        }

        /// Bytes up to and including the blank line ending HTTP headers.
        func receiveHeaders() -> String? {
            var bytes: [UInt8] = []
            while !(bytes.count >= 4 && Array(bytes.suffix(4)) == [13, 10, 13, 10]) {
                guard let byte = receive(exactly: 1) else { return nil }
                bytes += byte
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    struct HTTPAnswer {
        var status: Int
        var headers: String
        var body: String
    }

    /// A raw `GET` of `target` exactly as written (no client-side normalisation of `..` or
    /// percent escapes, which URLSession would do), on a background thread.
    static func get(port: UInt16, _ target: String) async -> HTTPAnswer? {
        await blocking {
            guard let connection = try? Connection(port: port) else { return nil }
            guard (try? connection.transmit("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")) != nil else { return nil }
            let text = String(decoding: connection.receiveAll(), as: UTF8.self)
            guard let split = text.range(of: "\r\n\r\n") else { return nil }
            let head = String(text[..<split.lowerBound])
            let parts = head.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
            return HTTPAnswer(status: status, headers: head, body: String(text[split.upperBound...]))
        }
    }

    /// Runs blocking work off the cooperative thread pool.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// Polls `condition` every 100 ms until it holds or `seconds` pass; returns whether it held.
    static func poll(seconds: Double, _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return await condition()
    }
}

/// A book of six chapters for the incremental-build suites: a TOC with two parts, references
/// between chapters (to pages, a section, a figure), a figure, an included file and a
/// `{calls}` listing with its `calls.yml`. It builds without any diagnostic.
struct MaintainerBook {
    let temporary: TemporaryBook
    var directory: URL { temporary.directory }
    var root: URL { temporary.root }

    static let chapters = ["index.md", "one/alpha.md", "one/beta.md", "one/gamma.md", "two/delta.md", "two/epsilon.md"]
    static let pages = Set(chapters.map { String($0.dropLast(3)) + ".html" })

    static let mystYML = """
        version: 1
        project:
          title: Maintainer Test Handbook
          exclude:
            - snippets/*.md
          toc:
            - file: index.md
            - title: Part One
              children:
                - file: one/alpha.md
                  children:
                    - file: one/beta.md
                - file: one/gamma.md
            - title: Part Two
              children:
                - file: two/delta.md
                - file: two/epsilon.md

        """

    static let callsYML = """
        timezone: Europe/London
        series:
          - id: weekly
            title: Weekly call
            page: ch-epsilon
            start: 2026-01-07 15:00
            duration: 1h
            repeat: FREQ=WEEKLY;BYDAY=WE
            location: Online

        """

    static let sources: [String: String] = [
        "index.md": """
            (ch-home)=
            # Home

            Welcome to the handbook. Read {ref}`ch-alpha` first.

            """,
        "one/alpha.md": """
            (ch-alpha)=
            # Alpha

            Alpha introduces the map.

            :::{figure} ../figures/map.svg
            :name: fig-map
            :alt: A small map of the calls.

            The map of the calls.
            :::

            (sec-alpha-detail)=
            ## Alpha details

            Details of alpha.

            """,
        "one/beta.md": """
            (ch-beta)=
            # Beta

            Beta follows {ref}`ch-alpha` and points at {ref}`the gamma list <sec-gamma-list>`.

            """,
        "one/gamma.md": """
            (ch-gamma)=
            # Gamma

            Gamma body text, version one.

            {numref}`Figure %s <fig-map>` shows the map.

            (sec-gamma-list)=
            ## Gamma list

            - one
            - two

            """,
        "two/delta.md": """
            (ch-delta)=
            # Delta

            Delta shows {ref}`sec-alpha-detail` and a snippet:

            ```{include} ../snippets/snippet.md
            ```

            """,
        "two/epsilon.md": """
            (ch-epsilon)=
            # Epsilon

            The next calls:

            ```{calls} weekly
            :count: 3
            ```

            """,
        "snippets/snippet.md": """
            The snippet, version one.

            """,
        "figures/map.svg": """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#f0a030"/></svg>

            """,
    ]

    init() throws {
        temporary = try TemporaryBook()
        try temporary.write("myst.yml", Self.mystYML)
        try temporary.write("calls.yml", Self.callsYML)
        for (path, text) in Self.sources { try temporary.write(path, text) }
    }

    func remove() { temporary.remove() }

    func write(_ path: String, _ text: String) throws { try temporary.write(path, text) }

    func write(_ path: String, bytes: Data) throws { try temporary.write(path, bytes: bytes) }

    func read(_ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }

    /// Replaces `old` (which must be there) with `new` in a book file.
    func edit(_ path: String, _ old: String, _ new: String) throws {
        let text = try read(path)
        try #require(text.contains(old), "\(path) has no '\(old)'")
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    func outside(_ name: String) -> URL { temporary.outside(name) }

    func options(output: URL, cache: Bool, today: Date = Maintainer.today, strict: Bool = false,
                 baseURL: String? = nil) -> BuildOptions {
        var options = BuildOptions(bookDirectory: directory, displayRoot: "book", output: output,
                                   themeDirectory: TemporaryBook.themeDirectory, strict: strict, today: today)
        options.baseURL = baseURL
        if cache { options.cacheFile = BuildCache.file(beside: output) }
        return options
    }
}

extension BuildResult {
    /// The chapter pages this build rendered (not reused).
    var renderedPaths: Set<String> {
        Set((site?.pages ?? []).map(\.path)).intersection(MaintainerBook.pages)
    }
}
