import Foundation

/// Reads the book's BibTeX files into its `Bibliography`: those its configuration names
/// (`project.bibliography`, `bibtex_bibfiles`), those `{bibliography}` directives name, and
/// `references.bib` in the book folder when neither names any. Each file is read once.
public enum BibliographyLoader {
    public static func load(_ book: Book, requests: [BibliographyRequest]) -> (Bibliography, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var files: [(path: String, display: String, range: SourceRange?)] = []
        var seen: Set<String> = []
        func add(_ path: String, display: String, range: SourceRange?, required: Bool) {
            let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
            guard seen.insert(standardized).inserted else { return }
            guard FileManager.default.fileExists(atPath: standardized) else {
                if required {
                    diagnostics.append(.warning("bibliography-missing", "bibliography file '\(display)' does not exist", at: range))
                }
                return
            }
            files.append((standardized, display, range))
        }
        let configuration = book.configuration.sources.first.map { SourceRange(file: $0, line: 1, column: 1) }
        for relative in book.configuration.bibliography {
            add(book.directory.appendingPathComponent(relative).path, display: book.displayPath(BookPaths.normalize(relative)),
                range: configuration, required: true)
        }
        for request in requests {
            add(request.path, display: request.written, range: request.range, required: true)
        }
        if book.configuration.bibliography.isEmpty && requests.isEmpty {
            add(book.directory.appendingPathComponent("references.bib").path, display: book.displayPath("references.bib"),
                range: nil, required: false)
        }
        var sources: [BibTeXReader.Source] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                diagnostics.append(.error("bibliography-unreadable", "cannot read bibliography file '\(file.display)'", at: file.range))
                continue
            }
            switch UTF8Check.decode(data) {
            case .success(let text): sources.append(.init(path: file.display, text: text))
            case .failure(let position):
                diagnostics.append(.error("bibliography-not-utf8", "bibliography file is not valid UTF-8 text (first bad byte here)",
                                          at: SourceRange(file: file.display, start: position)))
            }
        }
        guard !sources.isEmpty else { return (.empty, diagnostics) }
        let (entries, readDiagnostics) = BibTeXReader.read(sources)
        let (bibliography, duplicates) = Bibliography.make(entries)
        return (bibliography, diagnostics + readDiagnostics + duplicates)
    }
}
