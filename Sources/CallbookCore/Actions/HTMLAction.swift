import Foundation

/// `callbook html FILE`: a chapter's rendered body alone, without the page template.
public struct HTMLAction: Sendable {
    public var chapter: NamedChapter

    public init(chapter: NamedChapter) {
        self.chapter = chapter
    }

    public func perform() -> ActionReport {
        do {
            let parsed = try chapter.parse(projectRoot: nil)
            return ActionReport(diagnostics: parsed.diagnostics, output: HTMLRenderer().render(parsed.document))
        } catch {
            return error.report
        }
    }
}
