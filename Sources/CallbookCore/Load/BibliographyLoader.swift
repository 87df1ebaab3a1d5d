import Foundation

/// Reads the book's BibTeX files into its `Bibliography`: those its configuration names
/// (`project.bibliography`, `bibtex_bibfiles`), those `{bibliography}` directives name, and
/// `references.bib` in the book folder when neither names any. Each file is read once, through
/// the book's reader: a `.bib` outside the project root is not read.
public enum BibliographyLoader {
    public static func load(_ book: Book, requests: [BibliographyRequest]) -> (Bibliography, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []
        var sources: [BibTeXReader.Source] = []
        /// Reads one file through the book's reader (inside the project root only).
        func read(_ url: URL, display: String, range: SourceRange?, required: Bool) {
            guard seen.insert(url.standardizedFileURL.path).inserted else { return }
            switch book.files.text(at: url) {
            case .success(let text):
                sources.append(.init(path: display, text: text))
            case .failure(.missing):
                if required {
                    diagnostics.append(.warning("bibliography-missing", "bibliography file '\(display)' does not exist", at: range))
                }
            case .failure(let problem):
                diagnostics.append(.error(problem.id(else: "bibliography-unreadable"),
                                          "cannot read the bibliography: " + problem.describe(display, root: book.files.root), at: range))
            }
        }
        let configuration = book.configuration.sources.first.map { SourceRange(file: $0, line: 1, column: 1) }
        for relative in book.configuration.bibliography {
            read(book.directory.appendingPathComponent(relative), display: book.displayPath(BookPaths.normalize(relative)),
                 range: configuration, required: true)
        }
        for request in requests {
            read(URL(fileURLWithPath: request.path), display: request.written, range: request.range, required: true)
        }
        if book.configuration.bibliography.isEmpty && requests.isEmpty {
            read(book.directory.appendingPathComponent("references.bib"), display: book.displayPath("references.bib"),
                 range: nil, required: false)
        }
        guard !sources.isEmpty else { return (.empty, diagnostics) }
        let (entries, readDiagnostics) = BibTeXReader.read(sources)
        let (bibliography, duplicates) = Bibliography.make(entries)
        return (bibliography, diagnostics + readDiagnostics + duplicates)
    }
}
