import Foundation
import Testing

/// libcurl (and the thirty-odd libraries it needs) is not loaded when callbook starts, only when
/// Foundation's networking makes its first request: the dynamic loader's own trace
/// (`LD_DEBUG=files`, glibc) tells which files it maps. Asked of the binary users run, built
/// with Foundation linked in (`scripts/setup`'s release build); a debug build loads Foundation's
/// shared networking library, which itself needs libcurl.
@Suite("libcurl loaded on demand")
struct CurlOnDemandTests {
    /// `.build/release/callbook`, or nil (the test returns) when it is not built; with
    /// `CALLBOOK_REQUIRE_TOOLS=1` (CI, after `scripts/setup`) a missing one is a failure.
    static func releaseBinary() -> URL? {
        let binary = SharedData.packageRoot.appendingPathComponent(".build/release/callbook")
        if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        let message = "\(binary.path) is not built (run scripts/setup): skipping the libcurl-on-demand test"
        if ProcessInfo.processInfo.environment["CALLBOOK_REQUIRE_TOOLS"] == "1" {
            Issue.record("CALLBOOK_REQUIRE_TOOLS=1 but \(message)")
        } else {
            print("note: \(message)")
        }
        return nil
    }

    /// The files the dynamic loader mapped while `arguments` ran, and the run.
    static func loaded(_ binary: URL, _ arguments: [String], in directory: URL) throws -> (files: String, run: Maintainer.Run) {
        var environment = Maintainer.childEnvironment
        environment["LD_DEBUG"] = "files"
        let run = try Maintainer.run(binary, arguments, in: directory, environment: environment)
        let files = run.stderr.split(separator: "\n").filter { $0.contains("file=") }.joined(separator: "\n")
        return (files, run)
    }

    @Test("a build maps no libcurl; check --external loads it at its first request and answers as before")
    func loadedOnlyForTheNetwork() async throws {
        guard let binary = Self.releaseBinary() else { return }
        let server = try CheckCommandTests.linkServer()
        defer { server.stop() }
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Links\n\nAlive: [a](http://127.0.0.1:\(server.port)/ok). Gone: [b](http://127.0.0.1:\(server.port)/gone).\n")

        let version = try Self.loaded(binary, ["--version"], in: book.root)
        #expect(version.files.contains("file=libc.so.6"), "LD_DEBUG=files traced nothing: \(version.run.stderr.prefix(500))")
        // Built as scripts/setup builds it (`--static-swift-stdlib`), or Foundation's own networking
        // library loads libcurl.
        guard !version.files.contains("libswiftCore") else {
            Issue.record("\(binary.path) is not built with --static-swift-stdlib (run scripts/setup)")
            return
        }
        #expect(!version.files.contains("libcurl"), "\(version.files)")
        let build = try Self.loaded(binary, ["build", "book", "--output", "site"], in: book.root)
        #expect(build.run.status == 0, "\(build.run.stderr.suffix(500))")
        #expect(!build.files.contains("libcurl"), "\(build.files)")

        let check = try await Maintainer.blocking { Result { try Self.loaded(binary, ["check", "book", "--external", "--timeout", "10"], in: book.root) } }.get()
        #expect(check.files.contains("file=libcurl.so.4"), "\(check.files)")
        let dead = check.run.stderr.split(separator: "\n").filter { $0.contains("external-link-dead") }
        #expect(dead.count == 1 && dead.first?.contains("/gone") == true, "\(check.run.stderr.suffix(800))")
        #expect(server.paths.contains("/ok") && server.paths.contains("/gone"), "\(server.paths)")
    }
}
