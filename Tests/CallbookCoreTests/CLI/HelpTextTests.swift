import ArgumentParser
@testable import callbook
import Testing

/// Golden `--help` texts: the exit codes and options users rely on are documented.
@Suite(.tags(.slow), .skippedWhenFast) struct HelpTextTests {
    @Test func topLevelHelpListsSubcommandsAndExitCodes() {
        let help = Callbook.helpMessage(columns: 100)
        #expect(help == """
            OVERVIEW: Build a MyST Markdown book into an HTML handbook.

            Exit status:
              0   success
              1   errors (or, with --strict, any warning; then the previous site is kept)
              64  the command line was not understood

            USAGE: callbook <subcommand>

            OPTIONS:
              --version               Show the version.
              -h, --help              Show help information.

            SUBCOMMANDS:
              build                   Build a book into a static HTML site.
              serve                   Build the book, serve it on this machine, and rebuild and reload pages on
                                      every change.
              check                   Check a book (references, anchors, images, alt text, calls.yml) without
                                      writing anything.
              init                    Create a new book: myst.yml, a welcome page, a sample chapter with a
                                      reference and a figure, calls.yml.
              ast                     Print a chapter's syntax tree as mdast JSON (MyST's field names).
              html                    Print a chapter's rendered body as HTML (no page template).

              See 'callbook help <subcommand>' for detailed help.
            """)
    }

    @Test func buildHelpNamesItsArgumentsAndOptions() {
        let help = Callbook.helpMessage(for: BuildCommand.self, columns: 100)
        #expect(help == """
            OVERVIEW: Build a book into a static HTML site.

            Reads myst.yml (mystmd), or _toc.yml with _config.yml (Jupyter Book), or, with neither, every .md
            file (index.md first). The site is built in a temporary folder, then swapped in whole; when nothing
            it reads changed since the last build, nothing is written. An output folder that callbook did not
            write (no .callbook-site file) is left alone unless --force is given; one holding only a README.md
            may be used.

            Exit status: 0 success; 1 errors, or warnings with --strict; 64 bad command line. Errors in
            chapters do not stop the rest of the site from being written; with --strict, any problem leaves the
            output untouched, as does a book that cannot be built at all.

            USAGE: callbook build [<book-directory>] [--output <output>] [--strict] [--force] [--timings] [--no-cache] [--today <YYYY-MM-DD>] [--base-url <URL>] [--root <DIR>] [--jobs <N>] [--diagnostics <format>]

            ARGUMENTS:
              <book-directory>        The book folder. Default: the current folder if it holds myst.yml or
                                      _toc.yml, else content.

            OPTIONS:
              -o, --output <output>   The output folder. Default: site, or _build/html inside a book found in
                                      the current folder.
              --strict                Fail the build (exit 1, output untouched) on any warning or error.
              --force                 Replace the output folder even if callbook did not write it (it has no
                                      .callbook-site file): everything in it is deleted.
              --timings               Print how long each stage took, and the peak memory after it.
              --no-cache              Build and write everything, ignoring the build cache (.callbook-cache/
                                      beside the output).
              --today <YYYY-MM-DD>    Fix "now" for the calendar (which sessions are upcoming), for
                                      reproducible builds.
              --base-url <URL>        Where the site is published (e.g. https://org.github.io/handbook/):
                                      canonical links, sitemap.xml, absolute links in the calendar feeds.
                                      Default: $CALLBOOK_BASE_URL, then the book's configuration.
              --root <DIR>            Read book files (chapters, includes, images) anywhere inside DIR.
                                      Default: the nearest folder holding .git at or above the book folder,
                                      else the book folder's parent.
              -j, --jobs <N>          Work on N chapters or pages at once. Default: the number of cores.
              --diagnostics <format>  How problems are printed: plain (file:line:col: severity: message [id]),
                                      github (workflow commands: annotations in pull requests; the default
                                      inside GitHub Actions) or json (one object per line, on standard output).
                                      (values: plain, github, json)
              --version               Show the version.
              -h, --help              Show help information.

            """)
    }

    /// `--root DIR` is offered by every command that reads a book, and only there.
    @Test func commandsThatReadABookTakeRoot() {
        for command in [BuildCommand.self, CheckCommand.self, ServeCommand.self, ASTCommand.self] as [any ParsableCommand.Type] {
            let help = Callbook.helpMessage(for: command, columns: 100)
            #expect(help.contains("[--root <DIR>]"), "\(command)")
            #expect(help.contains("--root <DIR>            Read book files (chapters, includes, images) anywhere inside DIR."), "\(command)")
        }
        #expect(!Callbook.helpMessage(for: InitCommand.self, columns: 100).contains("--root"))
    }
}
