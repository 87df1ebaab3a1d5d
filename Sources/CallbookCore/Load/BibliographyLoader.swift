import Foundation

/// Reads the book's BibTeX files into its `Bibliography`: those its configuration names
/// (`project.bibliography`, `bibtex_bibfiles`), those `{bibliography}` directives name, and
/// `references.bib` in the book folder when neither names any. Each file is read once, through
/// the book's reader: a `.bib` outside the project root is not read.
public enum BibliographyLoader {
    /// One file to read, as the configuration or a directive named it.
    public struct PlannedFile: Hashable, Sendable {
        var url: URL
        /// The path messages show.
        var display: String
        var range: SourceRange?
        /// Whether its absence is a warning.
        var required: Bool
    }

    /// The files `load` reads for `requests`, in order, each once.
    public static func plan(_ book: Book, requests: [BibliographyRequest]) -> [PlannedFile] {
        var seen: Set<String> = []
        var planned: [PlannedFile] = []
        func add(_ url: URL, display: String, range: SourceRange?, required: Bool) {
            guard seen.insert(url.standardizedFileURL.path).inserted else { return }
            planned.append(PlannedFile(url: url, display: display, range: range, required: required))
        }
        let configuration = book.configuration.sources.first.map { SourceRange(file: $0, line: 1, column: 1) }
        for relative in book.configuration.bibliography {
            add(BookPaths.file(relative, in: book.directory), display: book.displayPath(BookPaths.normalize(relative)),
                range: configuration, required: true)
        }
        for request in requests {
            add(URL(fileURLWithPath: request.path), display: request.written, range: request.range, required: true)
        }
        if book.configuration.bibliography.isEmpty && requests.isEmpty {
            add(BookPaths.file("references.bib", in: book.directory), display: book.displayPath("references.bib"),
                range: nil, required: false)
        }
        return planned
    }

    public static func load(_ book: Book, requests: [BibliographyRequest]) -> (Bibliography, [Diagnostic]) {
        read(plan(book, requests: requests), files: book.files)
    }

    /// What BibTeX made of some files' texts: their entries and its diagnostics, with a hash
    /// of the texts (and the paths they are shown as) they came from. A build keeps it for the
    /// next (`BibliographyCache`), which parses the same texts no more.
    public struct ParsedSources: Sendable, Equatable {
        public var hash: UInt64
        public var entries: [BibEntry]
        public var diagnostics: [Diagnostic]
        /// The order and year letters of the bibliography made of the entries, once it was made.
        public var reading: Bibliography.Reading?
    }

    /// Reads the planned files, in order (a macro defined in one is known in the next).
    public static func read(_ planned: [PlannedFile], files: BookFileReader) -> (Bibliography, [Diagnostic]) {
        let (bibliography, diagnostics, _) = read(planned, files: files, reusing: nil)
        return (bibliography, diagnostics)
    }

    /// `read`, taking the entries from `stored` when the files hold the texts it was made
    /// from; also returns what BibTeX made of the texts (nil when no file could be read).
    public static func read(_ planned: [PlannedFile], files: BookFileReader, reusing stored: ParsedSources?)
        -> (bibliography: Bibliography, diagnostics: [Diagnostic], parsed: ParsedSources?) {
        var diagnostics: [Diagnostic] = []
        var sources: [BibTeXReader.Source] = []
        for file in planned {
            switch files.text(at: file.url) {
            case .success(let text):
                sources.append(.init(path: file.display, text: text))
            case .failure(.missing):
                if file.required {
                    diagnostics.append(.warning("bibliography-missing", "bibliography file '\(file.display)' does not exist",
                                                at: file.range))
                }
            case .failure(let problem):
                diagnostics.append(.error(problem.id(else: "bibliography-unreadable"),
                                          "cannot read the bibliography: " + problem.describe(file.display, root: files.root),
                                          at: file.range))
            }
        }
        guard !sources.isEmpty else { return (.empty, diagnostics, nil) }
        var hasher = StableHasher()
        for source in sources {
            hasher.combine(source.path)
            hasher.combine(source.text)
        }
        var parsed: ParsedSources
        if let stored, stored.hash == hasher.value {
            parsed = stored
        } else {
            let (entries, readDiagnostics) = BibTeXReader.read(sources)
            parsed = ParsedSources(hash: hasher.value, entries: entries, diagnostics: readDiagnostics)
        }
        let (bibliography, duplicates) = Bibliography.make(parsed.entries, reading: parsed.reading)
        parsed.reading = bibliography.reading
        return (bibliography, diagnostics + parsed.diagnostics + duplicates, parsed)
    }
}
