import CallbookCore
import Foundation

/// Runs one chapter through every stage on a thread with a stack of fixed size, so a recursion
/// that the input controls shows up as a crash here, whatever the machine's defaults.
enum ChapterStress {
    /// What each stage made of a chapter.
    struct Outcome: Sendable {
        var diagnostics: [Diagnostic]
        /// `callbook html`: the body rendered without resolving.
        var html: String
        /// `callbook ast`: the mdast JSON.
        var json: String
        /// The page of a full build (parse, resolve, render, search index, write).
        var page: String?
        var buildDiagnostics: [Diagnostic]
        var searchScript: String?
    }

    /// Enough for the 256 levels `NestingLimit` allows in a debug build (up to some 8 KB a level,
    /// in the renderer), far too little for 100,000.
    static let stackSize = 4 << 20

    /// Calls `body` on a new thread with a stack of `stackSize` bytes.
    static func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = stackSize
            thread.start()
        }
    }

    /// Parses, renders and dumps `text` as chapter `page.md` on that thread, then builds it as
    /// the one page of a temporary book.
    static func run(_ text: String) async throws -> Outcome {
        let (diagnostics, html, json) = await onSmallStack {
            let chapter = ChapterParser().parse(ChapterSource(path: "page.md", displayPath: "page.md", text: text))
            return (chapter.diagnostics, HTMLRenderer().render(chapter.document),
                    MdastJSON(includePositions: true).encode(chapter.document))
        }
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", text)
        let result = await book.build()
        let page = BuildInspection.page(result, "index.html")
        let script = result.site.map { $0.generated.filter { $0.path.hasPrefix("_static/search") }.map(\.contents).joined() }
        return Outcome(diagnostics: diagnostics, html: html, json: json, page: page,
                       buildDiagnostics: result.diagnostics, searchScript: script)
    }

    /// The start of the first `nesting-too-deep` diagnostic, as `line:column`.
    static func nestingPlace(_ diagnostics: [Diagnostic]) -> String? {
        diagnostics.first { $0.id == "nesting-too-deep" }?.range.map { "\($0.start.line):\($0.start.column)" }
    }
}
