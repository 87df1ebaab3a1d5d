import ArgumentParser
import CallbookCore
import FlyingFox
import Foundation

/// `callbook serve [BOOK] [--port 8000] [--host 127.0.0.1]`: build, serve, rebuild on change,
/// reload open pages.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the book, serve it on this machine, and rebuild and reload pages on every change.",
        discussion: "The site is served on loopback unless --host names another address. A build with errors shows them over the page while the last good site stays served."
    )

    @Argument(help: "The book folder.")
    var bookDirectory: String = "content"

    @Option(help: "The port to listen on.")
    var port: UInt16 = 8000

    @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every network).")
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("Fix \"now\" for the calendar.", valueName: "YYYY-MM-DD"))
    var today: String?

    @OptionGroup var projectRoot: ProjectRootOption

    func validate() throws {
        if let today, BuildCommand.parseDay(today) == nil {
            throw ValidationError("--today '\(today)' is not a date of the form YYYY-MM-DD")
        }
        guard host.split(separator: ".").count == 4, host.split(separator: ".").allSatisfy({ UInt8($0) != nil }) else {
            throw ValidationError("--host '\(host)' must be an IPv4 address such as 127.0.0.1")
        }
    }

    func run() async throws {
        let book = URL(fileURLWithPath: bookDirectory).standardizedFileURL
        let theme = try ThemeLocator.locate()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("callbook-serve-\(ProcessInfo.processInfo.processIdentifier)")
        let output = scratch.appendingPathComponent("site")
        // Ctrl-C or a polite kill: remove the served copy, then stop.
        let stops = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                try? FileManager.default.removeItem(at: scratch)
                Foundation.exit(0)
            }
            source.resume()
            return source
        }
        defer { stops.forEach { $0.cancel() } }
        var options = BuildOptions(bookDirectory: book, displayRoot: bookDirectory, output: output, themeDirectory: theme,
                                   today: today.flatMap(BuildCommand.parseDay) ?? Date())
        options.baseURL = nil
        options.projectRoot = projectRoot.url
        let builder = IncrementalBuilder(options: options)
        let live = LiveReload()

        let first = await builder.build()
        report(first, live: live, initial: true)
        await live.send(Self.message(for: first))

        // callbook reports problems itself: FlyingFox's own log lines would only repeat them.
        let server = HTTPServer(address: try .inet(ip4: host, port: port), timeout: 60, logger: .disabled)
        await server.appendRoute("GET /_callbook/live", to: .webSocket(LiveReloadSocket(live: live)))
        await server.appendRoute("GET /_callbook/live.js") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                         body: Data(LiveReloadScript.source.utf8))
        }
        await server.appendRoute("*", to: SiteHandler(site: SitePath(root: output)))

        let watch = Task {
            for await changed in BookWatcher(folders: [book, theme]).changes() {
                let started = ContinuousClock.now
                let result = await builder.build(changed: changed)
                say("  \(changed.count) file\(changed.count == 1 ? "" : "s") changed; written in \((ContinuousClock.now - started).formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))")
                report(result, live: live, initial: false)
                await live.send(Self.message(for: result))
            }
        }
        defer { watch.cancel() }
        let running = Task { try await server.run() }
        do {
            // Listening, or the server's own failure (a port in use fails at once), whichever comes first.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await running.value }
                group.addTask { try await server.waitUntilListening(timeout: 10) }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            running.cancel()
            try? FileManager.default.removeItem(at: scratch)
            DiagnosticPrinter.printError("callbook: error: cannot serve on \(host):\(port): \(error) (is another program using the port? try --port) [serve-listen]")
            throw ExitCode(1)
        }
        say("Serving \(bookDirectory) at http://\(host):\(port)/ — press Ctrl-C to stop.")
        try await running.value
    }

    func report(_ result: BuildResult, live: LiveReload, initial: Bool) {
        DiagnosticPrinter.print(result.diagnostics)
        let milliseconds = result.stageTimes.reduce(Duration.zero) { $0 + $1.duration }
        let what = result.wroteSite ? "Rebuilt" : "Build failed, still serving the last good site"
        let stages = result.stageTimes.map { "\($0.stage) \($0.duration.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))" }
        say("\(initial ? "Built" : what): \(result.pageCount) pages, \(result.renderedPages) rendered, \(result.diagnostics.warningCount) warnings, \(result.diagnostics.errorCount) errors in \(milliseconds.formatted(.units(allowed: [.milliseconds]))) (\(stages.joined(separator: ", ")))")
    }

    /// Writes a line to standard output at once (no buffering, also into a log file).
    func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// The live-reload message for a build: reload, or the error lines for the overlay.
    static func message(for result: BuildResult) -> String {
        let errors = result.diagnostics.filter { $0.severity == .error }.sortedForDisplay()
        guard !errors.isEmpty else { return #"{"type":"reload"}"# }
        let lines = errors.map { JSONString.quote($0.description) }.joined(separator: ",")
        return #"{"type":"errors","lines":["# + lines + "]}"
    }
}
