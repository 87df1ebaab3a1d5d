import CallbookCore
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `callbook serve` accepts and tells (issue 10): the real binary on a temporary book.
@Suite("callbook serve: what it accepts and what it says", .tags(.slow), .skippedWhenFast)
struct ServeSafetyTests {
    typealias Server = ServeCommandTests.Server

    /// Starts serve on a fresh book; nil (test skipped) when the binary is not built.
    static func start(_ arguments: [String] = [], inside: Bool = false, prepare: (MaintainerBook) throws -> Void = { _ in }) async throws
        -> (MaintainerBook, Server)? {
        guard let binary = Maintainer.requireBinary("(callbook serve)") else { return nil }
        let book = try MaintainerBook()
        try prepare(book)
        let server = try Server(binary: binary, book: book, port: try Maintainer.freePort(), arguments: arguments, inside: inside)
        let up = await server.waitUntilUp()
        if !up {
            server.stop()
            book.remove()
            Issue.record("callbook serve did not answer within 10 s; its output:\n\(server.output)")
            return nil
        }
        return (book, server)
    }

    @Test("the Serving line is printed, with the address, as soon as the port is bound")
    func servingLine() async throws {
        guard let (book, server) = try await Self.start() else { return }
        defer { server.stop(); book.remove() }
        let printed = await Maintainer.poll(seconds: 5) { server.output.contains("Serving book at http://127.0.0.1:\(server.port)/") }
        #expect(printed, "no Serving line while the server answers; output:\n\(server.output)")
        #expect(server.process.isRunning)
    }

    @Test("in the book's own folder, serve names the folder by its path; its lines go to standard error, counted in agreement")
    func servingLinesInsideTheBook() async throws {
        // A book of one page whose only problem is its reference to a chapter it no longer has.
        guard let (book, server) = try await Self.start(inside: true, prepare: { book in
            try book.write("myst.yml", "version: 1\nproject:\n  title: One Page\n  toc:\n    - file: index.md\n")
            for folder in ["one", "two", "snippets", "figures", "calls.yml"] {
                try FileManager.default.removeItem(at: book.directory.appendingPathComponent(folder))
            }
        }) else { return }
        defer { server.stop(); book.remove() }
        let folder = book.directory.resolvingSymlinksInPath().path
        let printed = await Maintainer.poll(seconds: 5) { server.output.contains("Serving \(folder) at http://127.0.0.1:\(server.port)/") }
        #expect(printed, "no Serving line naming \(folder); standard error:\n\(server.output)")
        #expect(server.output.contains("Built: 1 page, 1 rendered, 1 warning, 0 errors in "), "standard error:\n\(server.output)")
        // "Welcome to the handbook. Read " is 30 characters: the role starts at column 31.
        #expect(server.output.contains("index.md:4:31: warning: "), "the warning is not on standard error:\n\(server.output)")
        #expect(server.standardOutput.isEmpty, "standard output: \(server.standardOutput)")
    }

    @Test("on loopback, a Host other than the address, localhost or [::1] with the port gets 421")
    func hostHeader() async throws {
        guard let (book, server) = try await Self.start() else { return }
        defer { server.stop(); book.remove() }
        let port = server.port
        for host in ["127.0.0.1:\(port)", "localhost:\(port)", "LocalHost:\(port)", "[::1]:\(port)"] {
            let status = await Maintainer.status(port: port, hostLines: [host])
            #expect(status == 200, "Host: \(host) → \(status ?? -1)")
        }
        let refused: [[String]] = [
            ["attacker.example:\(port)"], ["attacker.example"], ["127.0.0.1"], ["localhost"], ["127.0.0.1:\(port + 1)"],
            ["localhost.attacker.example:\(port)"], ["127.0.0.2:\(port)"], ["[::1]"], [],
            ["127.0.0.1:\(port)", "attacker.example:\(port)"],
        ]
        for hosts in refused {
            let status = await Maintainer.status(port: port, hostLines: hosts)
            #expect(status == 421, "Host: \(hosts) → \(status ?? -1)")
        }
    }

    @Test("on loopback, the live-reload WebSocket is refused (403) to another Origin; no Origin is accepted")
    func websocketOrigin() async throws {
        guard let (book, server) = try await Self.start() else { return }
        defer { server.stop(); book.remove() }
        let port = server.port
        let cases: [(origin: String?, host: String, status: String)] = [
            (nil, "127.0.0.1:\(port)", "101"),
            ("http://127.0.0.1:\(port)", "127.0.0.1:\(port)", "101"),
            ("http://localhost:\(port)", "localhost:\(port)", "101"),
            ("http://attacker.example:\(port)", "127.0.0.1:\(port)", "403"),
            ("http://attacker.example", "127.0.0.1:\(port)", "403"),
            ("null", "127.0.0.1:\(port)", "403"),
            ("https://localhost:\(port)", "localhost:\(port)", "403"),
            ("http://localhost:\(port + 1)", "localhost:\(port)", "403"),
            ("http://127.0.0.1:\(port)", "attacker.example:\(port)", "421"),
        ]
        for (origin, host, status) in cases {
            let answer = await Maintainer.blocking { () -> String? in
                guard let connection = try? Maintainer.Connection(port: port) else { return nil }
                return try? connection.handshake(port: port, host: host, origin: origin)
            }
            #expect(answer?.hasPrefix("HTTP/1.1 \(status)") == true,
                    "Origin \(origin ?? "(none)"), Host \(host) → \(answer?.prefix(40) ?? "nothing")")
        }
    }

    @Test("with --host on another address, the user's choice, any Host is answered")
    func otherAddress() async throws {
        // 127.0.0.1 is loopback; the check is skipped for anything else, such as 0.0.0.0
        // (reachable on 127.0.0.1 as well).
        guard let (book, server) = try await Self.start(["--host", "0.0.0.0"]) else { return }
        defer { server.stop(); book.remove() }
        let status = await Maintainer.status(port: server.port, hostLines: ["callbook.example:\(server.port)"])
        #expect(status == 200)
    }

    @Test("silent and half-sent connections are closed after --idle-timeout; a heartbeat keeps a page's socket open")
    func idleTimeout() async throws {
        // Long enough that a server starved by a loaded machine still reads the heartbeat in time.
        guard let (book, server) = try await Self.start(["--idle-timeout", "20"]) else { return }
        defer { server.stop(); book.remove() }
        let port = server.port
        // A rebuild on a loaded 2-core machine can take far longer than on a quiet one.
        let socket = try Maintainer.Connection(port: port, timeout: 180)
        let upgrade = await Maintainer.blocking { try? socket.upgradeToWebSocket(path: "/_callbook/live", port: port) }
        #expect(upgrade?.hasPrefix("HTTP/1.1 101") == true)
        #expect(await Maintainer.blocking { socket.receiveWebSocketText() }?.hasPrefix(#"{"type":"reload","build":1}"#) == true)
        let silent = try (0..<6).map { _ in try Maintainer.Connection(port: port) }
        let halfSent = try (0..<6).map { _ in try Maintainer.Connection(port: port) }
        for connection in halfSent { try connection.send("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n") }

        // Meanwhile the page's heartbeat (what live.js sends, there every third of the timeout),
        // on a thread of its own so that a busy test process does not delay it.
        let connections = silent + halfSent
        // The heartbeat runs until the end of the test, however long a loaded machine takes.
        let pinging = DispatchGroup()
        let done = Atomic<Bool>(false)
        DispatchQueue.global().async(group: pinging) {
            while !done.load(ordering: .relaxed), (try? socket.sendWebSocketText("ping")) != nil { usleep(200_000) }
        }
        let closed = await Maintainer.blocking {
            Maintainer.closedByServer(connections, count: connections.count, before: Date().addingTimeInterval(150))
        }
        #expect(closed.count == connections.count, "still open: \(connections.count - closed.count) of \(connections.count)")
        // The page's socket outlived the others, beyond two idle timeouts: an edit reaches it.
        try book.edit("one/gamma.md", "version one", "version two")
        let reload = await Maintainer.blocking { socket.receiveWebSocketText() }
        done.store(true, ordering: .relaxed)
        await Maintainer.blocking { pinging.wait() }
        #expect(reload?.hasPrefix(#"{"type":"reload","build":"#) == true, "after the edit: \(reload ?? "none (closed)")")
        #expect((await Maintainer.get(port: port, "/index.html"))?.status == 200)
        let script = await Maintainer.get(port: port, "/_callbook/live.js")
        #expect(script?.body.contains(#"socket.send("ping")"#) == true, "live.js sends no heartbeat")
    }

    @Test("at most --max-connections wait for their client; one more is closed at once; their places are freed when they go")
    func connectionCap() async throws {
        guard let (book, server) = try await Self.start(["--max-connections", "8", "--idle-timeout", "600"]) else { return }
        defer { server.stop(); book.remove() }
        let port = server.port
        var open: [Maintainer.Connection] = []
        for _ in 0..<12 { open.append(try Maintainer.Connection(port: port)) }
        let connections = open
        // Those over the cap are closed at once (the idle timeout is 600 s); the others stay.
        let closed = await Maintainer.blocking { () -> Set<Int> in
            var closed = Maintainer.closedByServer(connections, count: 4, before: Date().addingTimeInterval(60))
            closed.formUnion(Maintainer.closedByServer(connections, count: 5, before: Date().addingTimeInterval(1)))
            return closed
        }
        #expect(closed.count == 4, "closed: \(closed.sorted())")
        // Once they go, pages are served again.
        open.removeAll()
        let served = await Maintainer.poll(seconds: 30) { (await Maintainer.get(port: port, "/index.html"))?.status == 200 }
        #expect(served)
    }

    @Test("the working folder is a new private folder (mkdtemp, 0700), removed on exit: a link planted at the old name is not followed")
    func privateFolder() async throws {
        guard let binary = Maintainer.requireBinary("(callbook serve)") else { return }
        let book = try MaintainerBook()
        defer { book.remove() }
        let port = try Maintainer.freePort()
        // The old name was <tmp>/callbook-serve-<pid>: plant a link for each pid the server may
        // get (the next 2,000 from the last one given), all to a folder of the test's.
        let temporary = book.root.appendingPathComponent("tmp-\(port)", isDirectory: true)
        let decoy = book.outside("decoy")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: decoy, withIntermediateDirectories: true)
        func number(_ path: String) -> Int? {
            (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let last = number("/proc/sys/kernel/ns_last_pid")
        let maximum = number("/proc/sys/kernel/pid_max") ?? 32768
        var planted = Set<Int32>()
        if let last {
            for step in 1...2000 {
                let pid = last + step < maximum ? last + step : last + step - maximum + 300
                planted.insert(Int32(pid))
                try FileManager.default.createSymbolicLink(at: temporary.appendingPathComponent("callbook-serve-\(pid)"),
                                                           withDestinationURL: decoy)
            }
        }
        let server = try Server(binary: binary, book: book, port: port)
        defer { server.stop() }
        let up = await server.waitUntilUp()
        try #require(up, "callbook serve did not answer within 10 s; its output:\n\(server.output)")
        if last != nil {
            #expect(planted.contains(server.process.processIdentifier), "the server's pid fell outside the planted links")
        }
        let contents = try FileManager.default.contentsOfDirectory(atPath: decoy.path)
        #expect(contents.isEmpty, "serve wrote through a planted link: \(contents)")
        let folders = server.workFolders
        try #require(folders.count == 1, "working folders: \(folders)")
        let attributes = try FileManager.default.attributesOfItem(atPath: folders[0].path)
        #expect(attributes[.type] as? FileAttributeType == .typeDirectory)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        #expect(FileManager.default.fileExists(atPath: folders[0].appendingPathComponent("site/index.html").path))

        let interrupted = server.stop()
        #expect(interrupted)
        #expect(server.workFolders.isEmpty, "left behind: \(server.workFolders)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: decoy.path).isEmpty)
    }

    @Test("after a save with errors, the overlay message says which site is served, and that is the site served")
    func overlayTellsWhatIsShown() async throws {
        guard let (book, server) = try await Self.start() else { return }
        defer { server.stop(); book.remove() }
        let port = server.port
        let socket = try Maintainer.Connection(port: port, timeout: 60)
        _ = await Maintainer.blocking { try? socket.upgradeToWebSocket(path: "/_callbook/live", port: port) }
        #expect(await Maintainer.blocking { socket.receiveWebSocketText() }?.hasPrefix(#"{"type":"reload","build":1}"#) == true)

        // An error in a chapter: the build is written, the page shows the change.
        try book.edit("one/gamma.md", "version one", "version broken\n\n```{include} missing.md\n```\n")
        let chapterError = await Maintainer.blocking { socket.receiveWebSocketText() }
        #expect(chapterError?.hasPrefix(#"{"type":"errors","shown":"new","build":"#) == true, "\(chapterError ?? "none")")
        #expect(chapterError?.contains("missing.md") == true)
        let page = await Maintainer.get(port: port, "/one/gamma.html")
        #expect(page?.body.contains("version broken") == true, "the page does not show the build the overlay says is shown")

        // A broken configuration: nothing is written, the site before it is served.
        try book.edit("myst.yml", "toc:", "toc: [\n")
        let fatal = await Maintainer.blocking { socket.receiveWebSocketText() }
        #expect(fatal?.hasPrefix(#"{"type":"errors","shown":"previous","build":"#) == true, "\(fatal ?? "none")")
        #expect((await Maintainer.get(port: port, "/one/gamma.html"))?.body.contains("version broken") == true)

        // The overlay's words, by `shown`.
        let script = try #require(await Maintainer.get(port: port, "/_callbook/live.js")).body
        #expect(script.contains("The site shown is that build"))
        #expect(script.contains("wrote nothing. The site shown is the one built before it"))
        #expect(!script.contains("the last good site is shown"))
        let printed = await Maintainer.poll(seconds: 5) { server.output.contains("Rebuilt with errors, serving this build") }
        #expect(printed, "\(server.output)")
    }

    /// Chapters that crashed callbook before (issue 10), 100,000 levels of each nesting, with
    /// the other files they need (written before the server starts).
    static let crashInputs: [(name: String, text: String, files: [String: String])] = [
        ("a label before an include of a missing file", "(x)=\n\n```{include} missing.md\n```\n", [:]),
        ("100,000 nested quotes", String(repeating: "> ", count: 100_000) + "text", [:]),
        ("100,000 nested list items", String(repeating: "- ", count: 100_000), [:]),
        ("100,000 nested ordered list items", String(repeating: "1. ", count: 100_000), [:]),
        ("100,000 nested footnote definitions", String(repeating: "[^a]: ", count: 100_000), [:]),
        ("100,000 emphasis openers and closers", String(repeating: "*", count: 100_000) + "a" + String(repeating: "*", count: 100_000), [:]),
        ("100,000 quotes before a pipe table", String(repeating: "> ", count: 100_000) + "| a | b |\n|---|---|\n| c | d |\n", [:]),
        ("an include chain 3,218 files deep", "```{include} chain/0.md\n```\n",
         Dictionary(uniqueKeysWithValues: (0..<3218).map { ("chain/\($0).md", "Link \($0).\n\n```{include} \($0 + 1).md\n```\n") })),
    ]

    @Test("a chapter that crashed the parser, saved while serving, leaves the server answering",
          arguments: crashInputs.indices)
    func crashInputSaved(_ index: Int) async throws {
        let input = Self.crashInputs[index]
        guard let (book, server) = try await Self.start(prepare: { book in
            for (path, text) in input.files { try book.write(path, text) }
        }) else { return }
        defer { server.stop(); book.remove() }
        try book.write("one/gamma.md", input.text)
        // The rebuild is over, or the server died.
        let over = await Maintainer.poll(seconds: 60) {
            !server.process.isRunning || server.output.contains("Rebuilt") || server.output.contains("Build failed")
        }
        #expect(over, "no rebuild within 60 s; output:\n\(server.output.suffix(2000))")
        #expect(server.process.isRunning, "serve died on \(input.name); output:\n\(server.output.suffix(2000))")
        #expect((await Maintainer.get(port: server.port, "/index.html"))?.status == 200)
    }
}
