import Foundation

/// `callbook ast FILE`: a chapter's tree as mdast JSON; with `resolved`, after the book the
/// file belongs to has been loaded and resolved, so every reference shows where it leads.
public struct ASTAction: Sendable {
    public var chapter: NamedChapter
    public var resolved: Bool
    public var includePositions: Bool
    /// `--root`; nil: found from the folder of the file (or of its book).
    public var projectRoot: URL?

    public init(chapter: NamedChapter, resolved: Bool, includePositions: Bool, projectRoot: URL?) {
        self.chapter = chapter
        self.resolved = resolved
        self.includePositions = includePositions
        self.projectRoot = projectRoot
    }

    /// A failed report when `resolved` is asked for standard input, for a file that is not a
    /// chapter of its book, or for a book that cannot be loaded.
    public func perform() async -> ActionReport {
        let encoder = MdastJSON(includePositions: includePositions)
        guard resolved else {
            do {
                let parsed = try chapter.parse(projectRoot: projectRoot)
                return ActionReport(diagnostics: parsed.diagnostics, output: encoder.encode(parsed.document))
            } catch {
                return error.report
            }
        }
        guard let file = chapter.url?.standardizedFileURL else {
            return ActionReport(diagnostics: [.error("ast-no-book", "--resolved needs a file inside a book, not standard input")],
                                failed: true)
        }
        let root = BookFinder.root(containing: file)
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let relative = String(file.path.dropFirst(rootPath.count))
        let resolvedBook: ResolvedBook, loadDiagnostics: [Diagnostic]
        do {
            (resolvedBook, loadDiagnostics) = try await Build.resolve(bookAt: root, displayRoot: root.path, projectRoot: projectRoot)
        } catch let error as CallbookError {
            return .stopped(by: error)
        } catch {
            return ActionReport(diagnostics: [.error("internal", "\(error)")], failed: true)
        }
        guard let found = resolvedBook.chapters.first(where: { $0.path == relative }) else {
            // Why it is not a chapter (left out of the TOC, unreadable) is among the load diagnostics.
            return ActionReport(diagnostics: loadDiagnostics + [.error("ast-not-a-chapter",
                                "'\(chapter.name)' is not a chapter of the book in '\(root.path)'")], failed: true)
        }
        let diagnostics = (found.chapter.diagnostics + resolvedBook.diagnostics).filter { $0.range?.file.hasSuffix(relative) ?? false }
        return ActionReport(diagnostics: diagnostics, output: encoder.encode(found.document))
    }
}
