import ArgumentParser

/// `callbook`: builds a MyST book into an HTML handbook.
@main
struct Callbook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callbook",
        abstract: "Build a MyST Markdown book into an HTML handbook.",
        discussion: """
            Exit status:
              0   success
              1   errors (or, with --strict, any warning; then the previous site is kept)
              64  the command line was not understood
            """,
        subcommands: [BuildCommand.self, ServeCommand.self, CheckCommand.self, InitCommand.self, ASTCommand.self, HTMLCommand.self],
        defaultSubcommand: nil
    )
}
