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

    /// Throws `UsageError` when `resolved` is asked for standard input or a file that is not a
    /// chapter of its book.
    public func perform() async throws(UsageError) -> ActionReport {
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
            throw UsageError("--resolved needs a file inside a book, not standard input")
        }
        let root = BookFinder.root(containing: file)
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let relative = String(file.path.dropFirst(rootPath.count))
        let book: Book, loadDiagnostics: [Diagnostic]
        do {
            (book, loadDiagnostics) = try BookLoader(directory: root, displayRoot: root.path, projectRoot: projectRoot).load()
        } catch let error as CallbookError {
            return .stopped(by: error)
        } catch {
            return ActionReport(diagnostics: [.error("internal", "\(error)")], failed: true)
        }
        let chapters = await ChapterParser(files: book.files).parse(book.chapters)
        let (bibliography, _) = BibliographyLoader.load(book, requests: chapters.flatMap(\.bibliographyRequests))
        let resolvedBook = await BookResolver().resolve(book, chapters: chapters, bibliography: bibliography)
        guard let found = resolvedBook.chapters.first(where: { $0.path == relative }) else {
            // Why it is not a chapter (left out of the TOC, unreadable) is among the load diagnostics.
            throw UsageError("'\(chapter.name)' is not a chapter of the book in '\(root.path)'", diagnostics: loadDiagnostics)
        }
        let diagnostics = (found.chapter.diagnostics + resolvedBook.diagnostics).filter { $0.range?.file.hasSuffix(relative) ?? false }
        return ActionReport(diagnostics: diagnostics, output: encoder.encode(found.document))
    }
}
