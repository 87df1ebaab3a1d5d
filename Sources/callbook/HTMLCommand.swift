import ArgumentParser
import CallbookCore

/// `callbook html FILE`: the chapter's body as HTML, without the page template.
struct HTMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Print a chapter's rendered body as HTML (no page template)."
    )

    @OptionGroup var input: ChapterInput

    func run() throws {
        CommandExit.finish(HTMLAction(chapter: input.read()).perform())
    }
}
