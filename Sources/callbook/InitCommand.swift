import ArgumentParser
import CallbookCore
import Foundation

/// `callbook init DIR`: a new book that builds with `--strict` straight away.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new book: myst.yml, a welcome page, a sample chapter with a reference and a figure, calls.yml."
    )

    @Argument(help: "The folder to create (new or empty).")
    var directory: String

    @Option(help: "The book's title.")
    var title = "Our community calls"

    func run() throws {
        do {
            try BookTemplate.write(to: URL(fileURLWithPath: directory), title: title)
        } catch let error as CallbookError {
            CommandExit.fail(error.description)
        } catch {
            CommandExit.fail("callbook: error: cannot create a book in '\(directory)': \(error.localizedDescription) [init-failed]")
        }
        CommandExit.finish(ActionReport(messages: ["Created \(directory)/. Build it with: cd \(directory) && callbook build (the site goes to \(directory)/_build/html)"]))
    }
}
