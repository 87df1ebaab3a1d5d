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
        let encoder = MdastJSON(includePositions: !noPositions)
        guard resolved else {
            print(encoder.encode(try input.parse(projectRoot: projectRoot.url).document), terminator: "")
            return
        }
        let file = URL(fileURLWithPath: input.file).standardizedFileURL
        let root = BookFinder.root(containing: file)
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let relative = String(file.path.dropFirst(rootPath.count))
        let (book, loadDiagnostics) = try BookLoader(directory: root, displayRoot: root.path, projectRoot: projectRoot.url).load()
        let chapters = await ChapterParser(files: book.files).parse(book.chapters)
        let (bibliography, _) = BibliographyLoader.load(book, requests: chapters.flatMap(\.bibliographyRequests))
        let resolvedBook = await BookResolver().resolve(book, chapters: chapters, bibliography: bibliography)
        guard let chapter = resolvedBook.chapters.first(where: { $0.path == relative }) else {
            DiagnosticPrinter.print(loadDiagnostics)
            throw ValidationError("'\(input.file)' is not a chapter of the book in '\(root.path)'")
        }
        let diagnostics = (chapter.chapter.diagnostics + resolvedBook.diagnostics).filter { $0.range?.file.hasSuffix(relative) ?? false }
        DiagnosticPrinter.print(diagnostics)
        print(encoder.encode(chapter.document), terminator: "")
    }
}

/// The book a chapter file belongs to: the nearest folder above it holding `myst.yml` or
/// `_toc.yml`, else the file's own folder.
enum BookFinder {
    static func root(containing file: URL) -> URL {
        var folder = file.deletingLastPathComponent()
        while folder.path != "/" {
            for name in ["myst.yml", "_toc.yml"]
            where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
                return folder
            }
            folder = folder.deletingLastPathComponent()
        }
        return file.deletingLastPathComponent()
    }
}
