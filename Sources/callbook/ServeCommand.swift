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
        discussion: """
            The site is served on loopback unless --host names another address. On loopback, only \
            requests addressed to that address, localhost or [::1] (with the port) are answered \
            (others get 421, against DNS rebinding), and the live-reload WebSocket only from those \
            origins (else 403). A connection that sends or reads nothing for --idle-timeout seconds \
            is closed, and at most --max-connections may wait for their client at once.

            A build with errors in chapters is served as far as it could be built, its errors shown \
            over the page; a build that fails as a whole (configuration, theme) writes nothing and \
            the site built before it stays served. The site is built in a new private folder \
            (mkdtemp, mode 0700) in the temporary folder, removed on Ctrl-C.
            """
    )

    @OptionGroup var book: BookArgument

    @Option(help: "The port to listen on.")
    var port: UInt16 = 8000

    @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every network).")
    var host = "127.0.0.1"

    @OptionGroup var today: TodayOption

    @Option(help: ArgumentHelp("Close a connection that sends or reads nothing for this long.", valueName: "seconds"))
    var idleTimeout = 30

    @Option(help: ArgumentHelp("How many connections may wait for their client at once; one more is closed at once.", valueName: "count"))
    var maxConnections = 256

    @OptionGroup var projectRoot: ProjectRootOption

    func validate() throws {
        guard host.split(separator: ".").count == 4, host.split(separator: ".").allSatisfy({ UInt8($0) != nil }) else {
            throw ValidationError("--host '\(host)' must be an IPv4 address such as 127.0.0.1")
        }
        guard idleTimeout >= 1 else { throw ValidationError("--idle-timeout must be at least 1 (seconds)") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
    }

    func run() async throws {
        let location = book.location()
        let theme = ThemeLocator.required()
        let folder: ServeFolder
        do {
            folder = try ServeFolder()
        } catch let error as CallbookError {
            CommandExit.fail("callbook: \(error.description)")
        }
        let output = folder.url.appendingPathComponent("site")
        let gate = BuildGate()
        // Ctrl-C or a polite kill: let the build in progress finish (so nothing is written
        // while the folder is removed), remove the working folder, then stop.
        let stops = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if !gate.close(timeout: .seconds(30)) {
                    DiagnosticPrinter.printError("callbook: warning: a build was still running after 30 s; stopping anyway")
                }
                Self.remove(folder)
                CommandExit.exit(0)
            }
            source.resume()
            return source
        }
        let action = ServeAction(location: location, output: output, theme: theme,
                                 today: today.date, projectRoot: projectRoot.url)
        let live = LiveReload()

        // A stop before the first build: its handler removes the folder and ends the process.
        guard gate.enter() else { await Self.waitForTheEnd() }
        let first = await action.build(number: 1)
        gate.leave()
        report(first)
        await live.send(first.liveReloadMessage)

        var routes = RoutedHTTPHandler()
        routes.appendRoute("GET /_callbook/live", to: .webSocket(LiveReloadSocket(live: live)))
        // Pages send a heartbeat three times per idle timeout, so an open page is never idle.
        let script = Data(LiveReloadScript.source(heartbeatMilliseconds: idleTimeout * 1000 / 3).utf8)
        routes.appendRoute("GET /_callbook/live.js") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8"], body: script)
        }
        routes.appendRoute("*", to: SiteHandler(site: SitePath(root: output)))
        let pool = GuardedSocketPool(HTTPServer.defaultPool(), idleTimeout: .seconds(idleTimeout), maxWaiting: maxConnections)
        // callbook reports problems itself: FlyingFox's own log lines would only repeat them.
        let server = HTTPServer(address: try .inet(ip4: host, port: port), timeout: 60, pool: pool, logger: .disabled,
                                handler: HostGuard(check: HostCheck(address: host, port: port), inner: routes))

        Task {
            var build = 1
            for await changed in BookWatcher(folders: [location.directory, theme]).changes() {
                build += 1
                let started = ContinuousClock.now
                guard gate.enter() else { break }
                let result = await action.build(number: build, changed: changed)
                gate.leave()
                say("  \(changed.count) file\(changed.count == 1 ? "" : "s") changed; written in \((ContinuousClock.now - started).formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))")
                report(result)
                await live.send(result.liveReloadMessage)
            }
        }
        // `run()` returns only when the server stops: the line is printed once the port is
        // bound, or the server's own failure (a port in use fails at once) is reported.
        let listening = Task { try await server.waitUntilListening(timeout: 10) }
        let running = Task {
            defer { listening.cancel() }
            try await server.run()
        }
        do {
            try await listening.value
        } catch {
            running.cancel()
            var reason: any Error = error
            if case .failure(let failure) = await running.result { reason = failure }
            Self.remove(folder)
            CommandExit.fail("callbook: error: cannot serve on \(host):\(port): \(reason) (is another program using the port? try --port) [serve-listen]")
        }
        say("Serving \(location.name) at http://\(host):\(port)/ (built in \(output.path)) — press Ctrl-C to stop.")
        do {
            try await running.value
        } catch {
            Self.remove(folder)
            CommandExit.fail("Error: \(error)")
        }
        // The server stopped by itself: the end, as for a stop.
        withExtendedLifetime(stops) { Self.remove(folder) }
        CommandExit.exit(0)
    }

    /// Waits for a stop's handler to end the process.
    static func waitForTheEnd() async -> Never {
        while true {
            try? await Task.sleep(for: .seconds(3600))
        }
    }

    /// Removes the working folder, saying so when it cannot.
    static func remove(_ folder: ServeFolder) {
        guard FileManager.default.fileExists(atPath: folder.url.path) else { return }
        do {
            try folder.remove()
        } catch {
            DiagnosticPrinter.printError("callbook: warning: could not remove '\(folder.url.path)': \(error.localizedDescription)")
        }
    }

    /// Prints a build's problems and its summary line.
    func report(_ build: ServeBuild) {
        DiagnosticPrinter.print(build.diagnostics)
        say(build.summary)
    }

    /// Writes a line to standard error at once (no buffering, also into a log file): serve
    /// prints no data, only what it does.
    func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
