import CallbookCore
import Foundation
import Testing

/// `callbook check [BOOK] [--strict] [--external]`: every check of a build, writing nothing.
@Suite("callbook check", .tags(.slow), .skippedWhenFast)
struct CheckCommandTests {
    /// Every entry below `folder` (paths only), to see that nothing was added.
    static func entries(_ folder: URL) -> Set<String> {
        Set((FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? [])
    }

    @Test("the default book passes and nothing is written anywhere")
    func defaultBook() throws {
        guard let binary = Maintainer.requireBinary("(callbook check)") else { return }
        let package = SharedData.packageRoot
        let content = package.appendingPathComponent("content")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("callbook-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let contentBefore = Self.entries(content)
        let packageBefore = Set(BuildInspection.listing(package))

        let run = try Maintainer.run(binary, ["check", content.path], in: scratch)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("Check passed"), "stderr: \(run.stderr)")
        #expect(BuildInspection.listing(scratch).isEmpty, "check wrote into the working folder: \(BuildInspection.listing(scratch))")
        #expect(Self.entries(content) == contentBefore, "check wrote into the book")
        let added = Set(BuildInspection.listing(package)).subtracting(packageBefore)
        #expect(!added.contains { $0.hasPrefix(".callbook") || $0 == "site" }, "check created \(added.sorted()) beside the book")
        #expect(!FileManager.default.fileExists(atPath: package.appendingPathComponent(".callbook-check-unused").path))
    }

    @Test("a copy of the default book passes --strict and its folder holds nothing but the book afterwards")
    func defaultBookCopyStrict() throws {
        guard let binary = Maintainer.requireBinary("(callbook check --strict)") else { return }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("callbook-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.copyItem(at: SharedData.packageRoot.appendingPathComponent("content"),
                                         to: scratch.appendingPathComponent("content"))
        let before = Maintainer.files(scratch)
        let run = try Maintainer.run(binary, ["check", "--strict"], in: scratch)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(BuildInspection.listing(scratch) == ["content"])
        #expect(Maintainer.files(scratch) == before)
    }

    @Test("an unresolved reference: a warning with file:line:col; exit 0, or 1 with --strict; nothing written")
    func unresolvedReference() throws {
        guard let binary = Maintainer.requireBinary("(callbook check)") else { return }
        let book = try MaintainerBook()
        defer { book.remove() }
        try book.edit("one/beta.md", "{ref}`ch-alpha`", "{ref}`ch-alhpa`")

        let plain = try Maintainer.run(binary, ["check", "book"], in: book.root)
        #expect(plain.status == 0, "stderr: \(plain.stderr)")
        // "Beta follows " is 13 characters: the role starts at column 14 of line 4.
        #expect(plain.stderr.contains("book/one/beta.md:4:14: warning: "), "stderr: \(plain.stderr)")
        #expect(plain.stderr.contains("ch-alhpa"), "stderr: \(plain.stderr)")
        #expect(plain.stderr.contains("1 warning,"), "stderr: \(plain.stderr)")

        let strict = try Maintainer.run(binary, ["check", "book", "--strict"], in: book.root)
        #expect(strict.status == 1, "stderr: \(strict.stderr)")
        #expect(strict.stderr.contains("book/one/beta.md:4:14: warning: "), "stderr: \(strict.stderr)")
        #expect(BuildInspection.listing(book.root) == ["book"], "check wrote beside the book: \(BuildInspection.listing(book.root))")
    }

    @Test("run by tests inside GitHub Actions (GITHUB_ACTIONS=true in the test process), check still prints the plain form the tests expect")
    func plainFormatUnderGitHubActions() throws {
        guard let binary = Maintainer.requireBinary("(callbook check)") else { return }
        let book = try MaintainerBook()
        defer { book.remove() }
        try book.edit("one/beta.md", "{ref}`ch-alpha`", "{ref}`ch-alhpa`")
        var parent = ProcessInfo.processInfo.environment
        parent["GITHUB_ACTIONS"] = "true"

        // The variable itself switches callbook to annotations: the child must not inherit it.
        let inherited = try Maintainer.run(binary, ["check", "book"], in: book.root, environment: parent)
        #expect(inherited.stderr.contains("::warning file=book/one/beta.md,line=4,col=14,"), "stderr: \(inherited.stderr)")

        let run = try Maintainer.run(binary, ["check", "book"], in: book.root, environment: Maintainer.childEnvironment(from: parent))
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("book/one/beta.md:4:14: warning: "), "stderr: \(run.stderr)")
        #expect(!run.stderr.contains("::warning"), "stderr: \(run.stderr)")
    }

    @Test("a duplicate label is an error: exit 1 without --strict")
    func duplicateLabel() throws {
        guard let binary = Maintainer.requireBinary("(callbook check)") else { return }
        let book = try MaintainerBook()
        defer { book.remove() }
        try book.edit("one/gamma.md", "(sec-gamma-list)=", "(sec-alpha-detail)=")
        let run = try Maintainer.run(binary, ["check", "book"], in: book.root)
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("book/one/gamma.md:") && run.stderr.contains(": error: "), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("sec-alpha-detail"), "stderr: \(run.stderr)")
        #expect(BuildInspection.listing(book.root) == ["book"])
    }

    @Test("--external: one warning for the dead link, with its file and line; answers cached in .callbook-cache/links.json")
    func externalLinks() async throws {
        guard let binary = Maintainer.requireBinary("(callbook check --external)") else { return }
        let server = try Self.linkServer()
        defer { server.stop() }
        let port = server.port

        let book = try MaintainerBook()
        defer { book.remove() }
        let ok = "http://127.0.0.1:\(port)/ok", gone = "http://127.0.0.1:\(port)/gone"
        try book.edit("one/gamma.md", "Gamma body text, version one.\n", """
            Gamma body text, version one.

            Still there: [a live page](\(ok)).

            Gone: [a dead page](\(gone)).

            """)
        // Line 1 `(ch-gamma)=`, 2 heading, 3 blank, 4 body, 5 blank, 6 ok link, 7 blank, 8 gone link.
        func expectOneDeadLink(_ run: Maintainer.Run, _ when: String) {
            let dead = run.stderr.split(separator: "\n").map(String.init).filter { $0.contains("external-link-dead") }
            #expect(dead.count == 1, "\(when): stderr: \(run.stderr)")
            #expect(dead.first?.hasPrefix("book/one/gamma.md:8:") == true, "\(when): \(dead)")
            #expect(dead.first?.contains(gone) == true && dead.first?.contains(": warning: ") == true, "\(when): \(dead)")
            #expect(!run.stderr.contains("/ok"), "\(when): the live link was reported: \(run.stderr)")
            #expect(!run.stderr.contains("did not answer"), "\(when): \(run.stderr)")
            #expect(run.status == 0, "\(when): stderr: \(run.stderr)")
        }
        let first = try await Maintainer.runInBackground(binary, ["check", "book", "--external", "--timeout", "10"], in: book.root)
        expectOneDeadLink(first, "with the server")

        let cacheFile = book.root.appendingPathComponent(".callbook-cache/links.json")
        let cached = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: cacheFile)) as? [String: [String: Any]])
        #expect((cached[ok]?["status"] as? Int) == 200, "\(cached)")
        #expect((cached[gone]?["status"] as? Int) == 404, "\(cached)")

        server.stop()
        let second = try await Maintainer.runInBackground(binary, ["check", "book", "--external", "--timeout", "10"], in: book.root)
        expectOneDeadLink(second, "from the cache, server stopped")

        let strict = try await Maintainer.runInBackground(binary, ["check", "book", "--external", "--strict", "--timeout", "10"], in: book.root)
        #expect(strict.status == 1, "a dead link is a warning: --strict fails: \(strict.stderr)")
    }

    /// A local server for link checks, on `port` (0: any free port). `/slow/…` answers after 300 ms.
    static func linkServer(port: UInt16 = 0) throws -> StubLinkServer {
        try StubLinkServer(port: port) { method, path in
            switch path {
            case "/ok": return (200, [])
            case "/head-refused": return (method == "HEAD" ? 405 : 200, [])
            case "/moved": return (301, ["Location: /gone"])
            case _ where path.hasPrefix("/slow/"):
                Thread.sleep(forTimeInterval: 0.3)
                return (200, [])
            default: return (404, [])
            }
        }
    }

    @Test("--external: links inside notes and lists, HEAD refused (GET asked), redirects followed, two requests at a time per host")
    func externalLinkDetails() async throws {
        guard let binary = Maintainer.requireBinary("(callbook check --external)") else { return }
        let server = try Self.linkServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let book = try TemporaryBook()
        defer { book.remove() }
        let slow = (1...6).map { "[s\($0)](\(base)/slow/\($0))" }.joined(separator: " ")
        try book.write("index.md", """
            # Links

            Refuses HEAD: [a](\(base)/head-refused).

            Moved: [b](\(base)/moved).

            :::{note}
            - In a note: [c](\(base)/gone?nested)
            :::

            Slow: \(slow)

            """)
        let run = try await Maintainer.runInBackground(binary, ["check", "book", "--external", "--timeout", "10"], in: book.root)
        server.stop()
        let dead = run.stderr.split(separator: "\n").map(String.init).filter { $0.contains("external-link-dead") }
        #expect(!dead.contains { $0.contains("/head-refused") }, "a HEAD refused with 405 must be asked again with GET: \(dead)")
        #expect(dead.contains { $0.hasPrefix("book/index.md:8:") && $0.contains("/gone?nested") },
                "the dead link in a list in a note is reported at its own line: \(run.stderr)")
        #expect(dead.contains { $0.hasPrefix("book/index.md:5:") && $0.contains("/moved") }, "a redirect to a dead page: \(run.stderr)")
        #expect(dead.count == 2, "\(dead)")
        #expect(!dead.contains { $0.contains("/slow/") }, "\(dead)")
        #expect(Set(server.paths.filter { $0.hasPrefix("/slow/") }).count == 6, "\(server.paths)")
        #expect(server.highest <= 2, "more than two requests at a time to one host")
        #expect(server.highest == 2, "the slow links were not checked two at a time")
    }

    @Test("--external: a link that did not answer (network down) is asked again next time, not cached for a day")
    func unansweredLinksAreNotCachedForADay() async throws {
        guard let binary = Maintainer.requireBinary("(callbook check --external)") else { return }
        let port = try Maintainer.freePort()
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Links\n\nA page: [ok](http://127.0.0.1:\(port)/ok).\n")
        // Nothing listens on the port yet: connection refused.
        let offline = try await Maintainer.runInBackground(binary, ["check", "book", "--external", "--timeout", "2"], in: book.root)
        #expect(offline.stderr.contains("external-link-dead"), "stderr: \(offline.stderr)")
        let server = try Self.linkServer(port: port)
        defer { server.stop() }
        let online = try await Maintainer.runInBackground(binary, ["check", "book", "--external", "--timeout", "10"], in: book.root)
        server.stop()
        do {
            #expect(!online.stderr.contains("external-link-dead"), "the link is up now: \(online.stderr)")
        }
    }
}
