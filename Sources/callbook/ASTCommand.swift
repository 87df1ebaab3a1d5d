import ArgumentParser
import CallbookCore

/// `callbook ast FILE`: the chapter's tree as mdast JSON.
struct ASTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ast",
        abstract: "Print a chapter's syntax tree as mdast JSON (MyST's field names)."
    )

    @OptionGroup var input: ChapterInput

    @Flag(help: "Leave out source positions.")
    var noPositions = false

    func run() throws {
        let chapter = try input.parse()
        print(MdastJSON(includePositions: !noPositions).encode(chapter.document), terminator: "")
    }
}
