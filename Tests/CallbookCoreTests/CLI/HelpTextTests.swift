@testable import callbook
import Testing

/// Golden `--help` texts: the exit codes and options users rely on are documented.
@Suite struct HelpTextTests {
    @Test func topLevelHelpListsSubcommandsAndExitCodes() {
        let help = Callbook.helpMessage(columns: 100)
        #expect(help == """
            OVERVIEW: Build a MyST Markdown book into an HTML handbook.

            Exit status:
              0   success
              1   the build failed: errors, or warnings with --strict (the previous site is kept)
              64  the command line was not understood

            USAGE: callbook <subcommand>

            OPTIONS:
              -h, --help              Show help information.

            SUBCOMMANDS:
              build                   Build a book into a static HTML site.
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
            file (index.md first). The site is built in a temporary folder and replaces the output only when
            the build succeeds.

            Exit status: 0 success; 1 errors, or warnings with --strict; 64 bad command line.

            USAGE: callbook build [<book-directory>] [--output <output>] [--strict] [--timings]

            ARGUMENTS:
              <book-directory>        The book folder. (default: content)

            OPTIONS:
              -o, --output <output>   The output folder. (default: site)
              --strict                Fail the build (exit 1, output untouched) on warnings too.
              --timings               Print how long each stage took.
              -h, --help              Show help information.

            """)
    }
}
