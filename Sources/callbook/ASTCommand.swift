import ArgumentParser
import CallbookCore
import Foundation

/// `callbook ast FILE [--resolved]`: the chapter's tree as mdast JSON.
struct ASTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ast",
        abstract: "Print a chapter's syntax tree as mdast JSON (MyST's field names).",
        discussion: "With --resolved, the whole book around FILE (the nearest folder above it with myst.yml or _toc.yml) is loaded and resolved, and every reference shows the url and html_id it was bound to."
    )

    @OptionGroup var input: ChapterInput

    @Flag(help: "Leave out source positions.")
    var noPositions = false

    @Flag(help: "Resolve references through the book the file belongs to.")
    var resolved = false

    @OptionGroup var projectRoot: ProjectRootOption

    func validate() throws {
        if resolved && input.file == "-" {
            throw ValidationError("--resolved needs a file inside a book, not standard input")
        }
    }

    func run() async throws {
        let action = ASTAction(chapter: input.read(), resolved: resolved, includePositions: !noPositions,
                               projectRoot: projectRoot.url)
        CommandExit.finish(await action.perform())
    }
}
