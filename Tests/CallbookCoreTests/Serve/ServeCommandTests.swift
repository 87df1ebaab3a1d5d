import CallbookCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `callbook serve` end to end: the real binary, a temporary book, raw HTTP requests (so
/// `..` and percent escapes reach the server as written) and the live-reload WebSocket.
@Suite("callbook serve (end to end)", .tags(.slow), .skippedWhenFast)
struct ServeCommandTests {
    /// A running `callbook serve`, stopped (and its temporary site removed) by `stop()`. Its
    /// temporary folder (`TMPDIR`) is `temporary`, a folder of the test's own, so the working
    /// folder it makes there can be found and checked.
    final class Server {
        let process = Process()
        /// What serve printed on standard error (all it says).
        let log: URL
        /// What serve printed on standard output (it has no data to print).
        let standardOutputLog: URL
        let port: UInt16
        let temporary: URL

        /// Serves `book` run from the folder above it as `serve book`, or, when `inside`, from
        /// the book's own folder with no BOOK argument.
        init(binary: URL, book: MaintainerBook, port: UInt16, arguments: [String] = [], inside: Bool = false) throws {
            self.port = port
            log = book.root.appendingPathComponent("serve-\(port).log")
            standardOutputLog = book.root.appendingPathComponent("serve-\(port).out")
            temporary = book.root.appendingPathComponent("tmp-\(port)", isDirectory: true)
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            _ = FileManager.default.createFile(atPath: standardOutputLog.path, contents: nil)
            process.executableURL = binary
            // A test's socket sends no heartbeat, and a loaded machine can take longer than the
            // default 30 s between two messages: a long idle timeout unless the test sets one.
            process.arguments = ["serve"] + (inside ? [] : ["book"])
                + ["--port", String(port), "--today", "2026-11-27", "--idle-timeout", "600"] + arguments
            process.currentDirectoryURL = inside ? book.directory : book.root
            var environment = Maintainer.childEnvironment
            environment["TMPDIR"] = temporary.path
            process.environment = environment
            process.standardOutput = try FileHandle(forWritingTo: standardOutputLog)
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
        }

        var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
        var standardOutput: String { (try? String(contentsOf: standardOutputLog, encoding: .utf8)) ?? "" }

        /// The working folders serve made in its temporary folder (one while it runs).
        var workFolders: [URL] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
            return names.filter { $0.hasPrefix("callbook-serve-") }.sorted().map { temporary.appendingPathComponent($0) }
                .filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: $0.path)) == nil }
        }

        /// Waits until the server answers `/` (any status); false after `seconds`.
        func waitUntilUp(seconds: Double = 10) async -> Bool {
            let port = self.port
            return await Maintainer.poll(seconds: seconds) { await Maintainer.get(port: port, "/") != nil }
        }

        /// Ctrl-C, then SIGTERM, then SIGKILL, each given a moment; returns whether Ctrl-C alone did it.
        @discardableResult
        func stop() -> Bool {
            guard process.isRunning else { return true }
            func waitForExit(_ seconds: Double) -> Bool {
                let deadline = Date().addingTimeInterval(seconds)
                while process.isRunning && Date() < deadline { usleep(50_000) }
                return !process.isRunning
            }
            process.interrupt()
            if waitForExit(3) { return true }
            process.terminate()
            if !waitForExit(2) {
                kill(process.processIdentifier, SIGKILL)
                _ = waitForExit(2)
            }
            return false
        }
    }

    @Test("serves pages with the live-reload script, refuses traversal, rebuilds on edits, keeps the last good site on a broken myst.yml")
    func serveEndToEnd() async throws {
        guard let binary = Maintainer.requireBinary("(callbook serve)") else { return }
        let book = try MaintainerBook()
        defer { book.remove() }
        let port = try Maintainer.freePort()
        let server = try Server(binary: binary, book: book, port: port)
        defer { server.stop() }

        let up = await Maintainer.poll(seconds: 10) { await Maintainer.get(port: port, "/")?.status == 200 }
        try #require(up, "callbook serve did not answer on port \(port) within 10 s; its output:\n\(server.output)")

        let page = try #require(await Maintainer.get(port: port, "/one/gamma.html"))
        #expect(page.status == 200)
        #expect(page.headers.lowercased().contains("content-type: text/html"), "\(page.headers)")
        #expect(page.body.contains("version one"))
        #expect(page.body.contains(#"<script src="/_callbook/live.js"></script>"#), "no live-reload script tag")
        let script = await Maintainer.get(port: port, "/_callbook/live.js")
        #expect(script?.status == 200)
        #expect(script?.body.contains("/_callbook/live") == true)
        #expect((await Maintainer.get(port: port, "/calendar.html"))?.status == 200)

        for attack in ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/a/..\\..\\etc\\passwd"] {
            let answer = await Maintainer.get(port: port, attack)
            #expect(answer?.status == 404, "\(attack) → \(answer?.status ?? -1)")
            #expect(answer?.body.contains("root:") == false, "\(attack) leaked a file")
        }
        #expect((await Maintainer.get(port: port, "/missing.html"))?.status == 404)

        // The live-reload socket: the last message is replayed on connect.
        let socket = try Maintainer.Connection(port: port, timeout: 6)
        let upgrade = await Maintainer.blocking { try? socket.upgradeToWebSocket(path: "/_callbook/live", port: port) }
        #expect(upgrade?.hasPrefix("HTTP/1.1 101") == true, "WebSocket upgrade answered: \(upgrade ?? "nothing")")
        let hello = await Maintainer.blocking { socket.receiveWebSocketText() }
        #expect(hello == #"{"type":"reload","build":1}"#, "first message: \(hello ?? "none")")

        // An edit is picked up, rebuilt and served within 5 s, and open pages are told to reload.
        try book.edit("one/gamma.md", "version one", "version two, edited while serving")
        let rebuilt = await Maintainer.poll(seconds: 5) {
            (await Maintainer.get(port: port, "/one/gamma.html"))?.body.contains("edited while serving") == true
        }
        #expect(rebuilt, "the edit was not served within 5 s; output:\n\(server.output)")
        let reload = await Maintainer.blocking { socket.receiveWebSocketText() }
        #expect(reload?.hasPrefix(#"{"type":"reload","build":"#) == true, "after the edit: \(reload ?? "none")")

        // A broken myst.yml: the errors go to the open pages, the last good site stays served.
        try book.edit("myst.yml", "toc:", "toc: [\n")
        let errors = await Maintainer.blocking { socket.receiveWebSocketText() }
        #expect(errors?.hasPrefix(#"{"type":"errors","shown":"previous""#) == true && errors?.contains("myst.yml") == true,
                "after breaking myst.yml: \(errors ?? "none")")
        let noticed = await Maintainer.poll(seconds: 5) { server.output.contains("Build failed") }
        #expect(noticed, "serve did not report the failed build; output:\n\(server.output)")
        let still = await Maintainer.get(port: port, "/one/gamma.html")
        #expect(still?.status == 200)
        #expect(still?.body.contains("edited while serving") == true, "the last good page is no longer served")
        #expect((await Maintainer.get(port: port, "/index.html"))?.status == 200)

        // Fixed again: back to reloads.
        try book.edit("myst.yml", "toc: [\n", "toc:")
        let again = await Maintainer.blocking { socket.receiveWebSocketText() }
        #expect(again?.hasPrefix(#"{"type":"reload","build":"#) == true, "after fixing myst.yml: \(again ?? "none")")

        let interrupted = server.stop()
        #expect(interrupted, "callbook serve did not exit on Ctrl-C (SIGINT) within 3 s")
        #expect(server.workFolders.isEmpty, "left behind: \(server.workFolders.map(\.path))")
    }

    @Test("serve started on a broken book answers, and serves the site once the book is fixed")
    func startsBroken() async throws {
        guard let binary = Maintainer.requireBinary("(callbook serve)") else { return }
        let book = try MaintainerBook()
        defer { book.remove() }
        try book.edit("myst.yml", "toc:", "toc: [\n")
        let port = try Maintainer.freePort()
        let server = try Server(binary: binary, book: book, port: port)
        defer { server.stop() }
        let up = await Maintainer.poll(seconds: 10) { await Maintainer.get(port: port, "/") != nil }
        try #require(up, "callbook serve did not answer within 10 s; its output:\n\(server.output)")
        #expect((await Maintainer.get(port: port, "/one/gamma.html"))?.status == 404)
        #expect(server.output.contains("myst.yml"), "the error was not printed: \(server.output)")

        try book.edit("myst.yml", "toc: [\n", "toc:")
        let served = await Maintainer.poll(seconds: 5) { (await Maintainer.get(port: port, "/one/gamma.html"))?.status == 200 }
        #expect(served, "the fixed book was not served within 5 s; output:\n\(server.output)")
    }

    @Test("only GET and HEAD are answered")
    func methods() async throws {
        guard let binary = Maintainer.requireBinary("(callbook serve)") else { return }
        let book = try MaintainerBook()
        defer { book.remove() }
        let port = try Maintainer.freePort()
        let server = try Server(binary: binary, book: book, port: port)
        defer { server.stop() }
        let up = await Maintainer.poll(seconds: 10) { await Maintainer.get(port: port, "/")?.status == 200 }
        try #require(up, "callbook serve did not answer within 10 s; its output:\n\(server.output)")
        let post = await Maintainer.blocking { () -> String? in
            guard let connection = try? Maintainer.Connection(port: port) else { return nil }
            try? connection.transmit("POST /index.html HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return String(decoding: connection.receiveAll(), as: UTF8.self)
        }
        #expect(post?.hasPrefix("HTTP/1.1 405") == true, "POST answered: \(post?.prefix(40) ?? "nothing")")
        let head = await Maintainer.blocking { () -> String? in
            guard let connection = try? Maintainer.Connection(port: port) else { return nil }
            try? connection.transmit("HEAD /index.html HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
            return String(decoding: connection.receiveAll(), as: UTF8.self)
        }
        #expect(head?.hasPrefix("HTTP/1.1 200") == true, "HEAD answered: \(head?.prefix(40) ?? "nothing")")
    }
}
