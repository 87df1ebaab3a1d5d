import ArgumentParser
import CallbookCore
import Foundation

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
        version: CallbookVersion.current,
        subcommands: [BuildCommand.self, ServeCommand.self, CheckCommand.self, InitCommand.self, ASTCommand.self, HTMLCommand.self],
        defaultSubcommand: nil
    )

    /// Parses and runs, after one check of our own: a mistyped command gets the nearest name.
    static func main() async {
        HeapGrowth.configure()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, let message = unknownCommand(first) {
            DiagnosticPrinter.printError("Error: \(message)\n" + helpMessage(columns: nil).split(separator: "\n").filter { $0.hasPrefix("USAGE") }.joined())
            CommandExit.exit(ExitCode.validationFailure.rawValue)
        }
        await main(arguments)
    }

    /// "unknown command 'biuld'; did you mean 'build'?" for a first argument that is no command
    /// and no option; nil otherwise.
    static func unknownCommand(_ word: String) -> String? {
        guard !word.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        guard !names.contains(word), word != "help" else { return nil }
        let nearest = names.map { (name: $0, distance: EditDistance.between(word, $0, limit: 8)) }.min { $0.distance < $1.distance }
        let suggestion = nearest.flatMap { $0.distance <= max(2, word.count / 3) ? "; did you mean '\($0.name)'?" : nil } ?? ""
        return "unknown command '\(word)'\(suggestion) (commands: \(names.joined(separator: ", ")))"
    }
}
