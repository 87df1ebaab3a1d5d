@testable import callbook
import Testing

/// Golden `callbook serve --help`: what serve accepts (Host/Origin checks, idle timeout,
/// connection cap) and which site it shows after a failed build are documented.
@Suite(.tags(.slow), .skippedWhenFast) struct ServeHelpTextTests {
    @Test func serveHelpDocumentsWhatItAccepts() {
        let help = Callbook.helpMessage(for: ServeCommand.self, columns: 100)
        #expect(help == """
            OVERVIEW: Build the book, serve it on this machine, and rebuild and reload pages on every change.

            The site is served on loopback unless --host names another address. On loopback, only requests
            addressed to that address, localhost or [::1] (with the port) are answered (others get 421, against
            DNS rebinding), and the live-reload WebSocket only from those origins (else 403). A connection that
            sends or reads nothing for --idle-timeout seconds is closed, and at most --max-connections may wait
            for their client at once.

            A build with errors in chapters is served as far as it could be built, its errors shown over the
            page; a build that fails as a whole (configuration, theme) writes nothing and the site built before
            it stays served. The site is built in a new private folder (mkdtemp, mode 0700) in the temporary
            folder, removed on Ctrl-C.

            USAGE: callbook serve [<book-directory>] [--port <port>] [--host <host>] [--today <YYYY-MM-DD>] [--idle-timeout <seconds>] [--max-connections <count>] [--root <DIR>]

            ARGUMENTS:
              <book-directory>        The book folder. Default: the current folder if it holds myst.yml or
                                      _toc.yml, else content.

            OPTIONS:
              --port <port>           The port to listen on. (default: 8000)
              --host <host>           The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every
                                      network). (default: 127.0.0.1)
              --today <YYYY-MM-DD>    Fix "now" for the calendar (which sessions are upcoming), for
                                      reproducible builds.
              --idle-timeout <seconds>
                                      Close a connection that sends or reads nothing for this long. (default:
                                      30)
              --max-connections <count>
                                      How many connections may wait for their client at once; one more is
                                      closed at once. (default: 256)
              --root <DIR>            Read book files (chapters, includes, images) anywhere inside DIR.
                                      Default: the nearest folder holding .git at or above the book folder,
                                      else the book folder's parent.
              --version               Show the version.
              -h, --help              Show help information.

            """)
    }
}
