import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Load stage: reads a book folder (mystmd `myst.yml`, Jupyter Book `_toc.yml` with
/// `_config.yml`, or neither) into a `Book`, checking every file the TOC names.
public struct BookLoader: Sendable {
    public var directory: URL
    public var displayRoot: String
    /// The project root given on the command line (`--root`); nil to find it from the book folder.
    public var projectRoot: URL?
    /// What an earlier load read the configuration files into: taken over when the files and
    /// the Markdown files found hash the same (`ParsedConfiguration`), rather than parsed again.
    public var reusing: ParsedConfiguration?
    /// The one folder inside a book that its build may write (`_build/html`, as Jupyter Book
    /// writes it); never read as chapters.
    public static let buildFolder = "_build"
    /// Folders never searched for chapters (besides hidden ones): build output, theme overrides
    /// and installed packages.
    static let skippedFolders: Set<String> = [buildFolder, "_templates", "node_modules"]

    /// - Parameters:
    ///   - directory: the book folder.
    ///   - displayRoot: how to print that folder in diagnostics (defaults to its path).
    ///   - projectRoot: the folder every file read must lie in (`--root`); nil: `ProjectRoot`'s rule.
    public init(directory: URL, displayRoot: String? = nil, projectRoot: URL? = nil) {
        self.directory = directory.standardizedFileURL
        self.displayRoot = displayRoot ?? directory.path
        self.projectRoot = projectRoot
    }

    /// Loads the book. Throws for problems that leave nothing to build (unreadable
    /// configuration, empty book); returns diagnostics for the rest.
    /// - Parameters:
    ///   - only: when set, the only chapter files (absolute paths) whose texts are read; the
    ///     others are taken to be there as the last build read them, their texts left out
    ///     (`ChapterSource.isRead`), for a quick rebuild that needs the edited chapters alone.
    ///   - reader: the reader to read through (its log of inputs carried on); a new one by default.
    public func load(readingTextsOf only: Set<String>? = nil, through reader: BookFileReader? = nil) throws -> (Book, [Diagnostic]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CallbookError("book-missing", "book folder '\(displayRoot)' does not exist")
        }
        let files = try reader ?? BookFileReader(root: try ProjectRoot(bookDirectory: directory, explicit: projectRoot))
        var (markdownFiles, diagnostics) = listMarkdownFiles(root: files.root, inputs: files.inputs)
        // A clean build reads the Markdown files beside the configuration (`ReadAhead`).
        let readAhead = only == nil && Parallel.jobs > 1 ? ReadAhead(markdownFiles, in: directory, files: files) : nil
        defer { readAhead?.finish() }
        let parsedConfiguration = try readConfiguration(markdownFiles: markdownFiles, files: files)
        var configuration = parsedConfiguration?.configuration ?? BookConfiguration()
        diagnostics += parsedConfiguration?.diagnostics ?? []
        let excluded = configuration.exclude.map(Glob.init)
        func isExcluded(_ path: String) -> Bool { excluded.contains { $0.matches(path) } }

        let declaredTOC: [TOCEntry]
        if let toc = configuration.toc {
            declaredTOC = toc
        } else {
            let files = markdownFiles.filter { !isExcluded($0) }
            let ordered = files.filter { $0 == "index.md" } + files.filter { $0 != "index.md" }
            declaredTOC = ordered.map { TOCEntry(.chapter($0)) }
        }
        configuration.toc = declaredTOC

        // The chapters' texts are read in parallel first; the checks below take them in order.
        var toRead: [String] = []
        var listed: Set<String> = []
        var unread: Set<String> = []
        let directoryPath = directory.path
        for entry in declaredTOC.chaptersInReadingOrder {
            guard let path = entry.chapterPath, path.hasSuffix(".md"), listed.insert(path).inserted else { continue }
            // The chapter's standard path, without a URL when joining the two gives one.
            let joined = directoryPath + "/" + path
            if let only, !only.contains(BookPaths.isStandard(joined) ? joined : BookPaths.standardPath(BookPaths.file(path, in: directory))) {
                unread.insert(path)
            } else {
                toRead.append(path)
            }
        }
        let (paths, directory) = (toRead, directory)
        readAhead?.finish()
        let texts = Parallel.mapNow(paths.count) {
            readAhead?.take(paths[$0], into: files.inputs) ?? files.text(at: BookPaths.file(paths[$0], in: directory))
        }
        let read = Dictionary(zip(toRead, texts), uniquingKeysWith: { first, _ in first })

        var chapters: [ChapterSource] = []
        var seen: [String: SourceRange?] = [:]
        var loadable: Set<String> = []
        for entry in declaredTOC.chaptersInReadingOrder {
            guard let path = entry.chapterPath else { continue }
            if let first = seen[path] {
                diagnostics.append(.error("toc-duplicate", "'\(path)' is listed twice in the table of contents"
                                          + (first.map { " (first at \($0))" } ?? ""), at: entry.range))
                continue
            }
            seen[path] = entry.range
            guard path.hasSuffix(".md") else {
                diagnostics.append(.error("toc-unsupported-file", "'\(path)' is not a Markdown (.md) file; only Markdown chapters are supported",
                                          at: entry.range))
                continue
            }
            let url = BookPaths.file(path, in: directory)
            let display = displayPath(path)
            if unread.contains(path) {
                var source = ChapterSource(path: path, displayPath: display, text: "", tocTitle: entry.title, url: url)
                source.isRead = false
                chapters.append(source)
                loadable.insert(path)
                continue
            }
            switch read[path] ?? files.text(at: url) {
            case .success(let text):
                chapters.append(ChapterSource(path: path, displayPath: display, text: text, tocTitle: entry.title, url: url))
                loadable.insert(path)
            case .failure(.missing):
                diagnostics.append(.error("toc-missing-file", "the table of contents names '\(path)', which does not exist in \(displayRoot)",
                                          at: entry.range))
            case .failure(.notUTF8(let position)):
                diagnostics.append(.error("chapter-not-utf8", "chapter is not valid UTF-8 text (first bad byte here); it was not built",
                                          at: SourceRange(file: display, start: position)))
            case .failure(let problem):
                diagnostics.append(.error(problem.id(else: "toc-unreadable-file"),
                                          "chapter \(problem.describe(display, root: files.root))",
                                          at: entry.range ?? SourceRange(file: display, line: 1, column: 1)))
            }
        }
        guard !chapters.isEmpty else {
            let reason = configuration.toc?.isEmpty == false
                ? "none of the chapters its table of contents names could be read"
                : "it has no Markdown chapters"
            throw CallbookError("book-empty", "nothing to build in '\(displayRoot)': \(reason)",
                                at: configuration.sources.first.map { SourceRange(file: $0, line: 1, column: 1) },
                                notes: diagnostics)
        }

        let unlisted = markdownFiles.filter { seen[$0] == nil && !isExcluded($0) }
        if !unlisted.isEmpty {
            let examples = unlisted.prefix(3).joined(separator: ", ") + (unlisted.count > 3 ? ", …" : "")
            diagnostics.append(.warning("toc-unlisted-files",
                                        "\(unlisted.count) Markdown file\(unlisted.count == 1 ? " is" : "s are") not in the table of contents and \(unlisted.count == 1 ? "was" : "were") not built: \(examples)",
                                        at: configuration.sources.first.map { SourceRange(file: $0, line: 1, column: 1) }))
        }

        let templates = directory.appendingPathComponent("_templates")
        files.inputs.look(at: templates.standardizedFileURL.path)
        diagnostics += outsideRoot(under: templates, files: files)
        var calls: CallsConfiguration?
        if let text = try readText("calls.yml", files: files) {
            let (configuration, callsDiagnostics) = CallsFile.read(path: displayPath("calls.yml"), text: text)
            calls = configuration
            diagnostics += callsDiagnostics
        }
        var book = Book(directory: directory, displayRoot: displayRoot, configuration: configuration,
                        toc: Self.keeping(loadable, in: declaredTOC), chapters: chapters,
                        templatesOverride: FileManager.default.fileExists(atPath: templates.path) ? templates : nil,
                        files: files)
        book.calls = calls
        book.parsedConfiguration = parsedConfiguration
        if let logo = configuration.logo, case .success(let data) = files.data(at: BookPaths.file(BookPaths.normalize(logo), in: directory)) {
            book.logoSize = ImageSize(data)
        }
        book.configuration.repository = configuration.repository?.completed(bookDirectory: directory, root: files.root)
        return (book, diagnostics)
    }

    /// The book with every text its load left out read, through its own reader; nil when one
    /// cannot be read as UTF-8 (then load the whole book again: the load reports why).
    public static func readingTexts(of book: Book) -> Book? {
        var updated = book
        for index in updated.chapters.indices where !updated.chapters[index].isRead {
            guard let read = updated.chapters[index].read(through: book.files) else { return nil }
            updated.chapters[index] = read
        }
        return updated
    }

    /// The book with the texts of `changed` chapter files (absolute paths) read again; nil
    /// when one of them is not a chapter or cannot be read as UTF-8 (then load the whole book).
    public static func reloading(_ changed: Set<String>, in book: Book) -> Book? {
        var updated = book
        updated.files = BookFileReader(root: book.files.root)  // folders' real paths are looked up afresh
        var found = 0
        for index in updated.chapters.indices {
            guard let url = updated.chapters[index].url, changed.contains(url.standardizedFileURL.path) else { continue }
            guard case .success(let text) = updated.files.text(at: url) else { return nil }
            updated.chapters[index].text = text
            found += 1
        }
        return found == changed.count ? updated : nil
    }

    func displayPath(_ relative: String) -> String {
        BookPaths.display(relative, under: displayRoot)
    }

    /// What the configuration files say (`myst.yml`, else `_config.yml` and `_toc.yml`), with
    /// the diagnostics of reading them; nil when there are none. Taken from `reusing` when the
    /// files' texts, the Markdown files found and the display root hash as they did there.
    private func readConfiguration(markdownFiles: [String], files: BookFileReader) throws -> ParsedConfiguration? {
        let myst = try readText("myst.yml", files: files)
        let config = myst == nil ? try readText("_config.yml", files: files) : nil
        let toc = myst == nil ? try readText("_toc.yml", files: files) : nil
        guard myst != nil || config != nil || toc != nil else { return nil }
        var hasher = StableHasher()
        hasher.combine(displayRoot)
        for text in [myst, config, toc] { hasher.combine(text.map { "+" + $0 } ?? "-") }
        for file in markdownFiles { hasher.combine(file) }
        if let reusing, reusing.hash == hasher.value { return reusing }
        var diagnostics: [Diagnostic] = []
        var configuration = BookConfiguration()
        if let myst {
            let read = try MystConfig(path: displayPath("myst.yml"), text: myst, markdownFiles: markdownFiles)
            diagnostics += try read.checkShape()
            configuration = try read.read()
        } else {
            if let config {
                let read = try JupyterBookConfig(path: displayPath("_config.yml"), text: config)
                diagnostics += try read.checkShape()
                try read.read(into: &configuration)
            }
            if let toc {
                configuration.sources.insert(displayPath("_toc.yml"), at: 0)
                configuration.toc = try JupyterBookTOC(path: displayPath("_toc.yml"), text: toc, markdownFiles: markdownFiles).read()
            }
        }
        return ParsedConfiguration(hash: hasher.value, configuration: configuration, diagnostics: diagnostics)
    }

    /// The text of a configuration file at the top of the book folder; nil when there is none.
    private func readText(_ name: String, files: BookFileReader) throws -> String? {
        let display = displayPath(name)
        switch files.text(at: BookPaths.file(name, in: directory)) {
        case .success(let text): return text
        case .failure(.missing): return nil
        case .failure(.notUTF8(let position)):
            throw CallbookError("config-not-utf8", "configuration is not valid UTF-8", at: SourceRange(file: display, start: position))
        case .failure(let problem):
            throw CallbookError(problem.id(else: "config-unreadable"), problem.describe(display, root: files.root),
                                at: SourceRange(file: display, line: 1, column: 1))
        }
    }

    /// Every `.md` file below the book folder, book-relative, sorted; hidden and build folders
    /// skipped. Read with `readdir` (FileManager's enumerator is several times slower).
    /// Folders are known by device and inode, so none is searched twice: the real tree first,
    /// then the folders symbolic links lead to, in order. A link back to a folder already
    /// searched (`a -> .`, `up -> ..`) is a `folder-loop` warning; one leading out of the
    /// project root a `folder-outside-root` warning; neither is followed.
    func listMarkdownFiles(root: ProjectRoot, inputs: InputLog = InputLog()) -> ([String], [Diagnostic]) {
        struct FolderID: Hashable { let device: UInt64, inode: UInt64 }
        func folderID(_ path: String) -> FolderID? {
            var status = stat()
            guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return nil }
            return FolderID(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        }
        var result: [String] = []
        var diagnostics: [Diagnostic] = []
        var searched: [FolderID: String] = [:]
        var links: [(path: String, relative: String)] = []
        func visit(_ folder: String, _ relative: String, id: FolderID) {
            searched[id] = relative
            // Logged before it is read: a file added or removed later changes its stamp.
            inputs.look(at: folder)
            guard let handle = opendir(folder) else { return }
            var entries: [(name: String, type: UInt8)] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if !name.hasPrefix(".") { entries.append((name, entry.pointee.d_type)) }
            }
            closedir(handle)
            for (name, type) in entries.sorted(by: { $0.name < $1.name }) {
                let path = folder + "/" + name
                var kind = type
                if kind == UInt8(DT_UNKNOWN) {
                    var status = stat()
                    guard lstat(path, &status) == 0 else { continue }
                    switch status.st_mode & S_IFMT {
                    case S_IFDIR: kind = UInt8(DT_DIR)
                    case S_IFLNK: kind = UInt8(DT_LNK)
                    default: kind = UInt8(DT_REG)
                    }
                }
                if kind == UInt8(DT_DIR) {
                    if !Self.skippedFolders.contains(name), let id = folderID(path), searched[id] == nil {
                        visit(path, relative + name + "/", id: id)
                    }
                } else if kind == UInt8(DT_LNK), folderID(path) != nil {
                    inputs.look(at: path)  // pointed elsewhere later, it shows another folder
                    if !Self.skippedFolders.contains(name) { links.append((path, relative + name)) }
                } else if name.hasSuffix(".md") {
                    result.append(relative + name)
                }
            }
        }
        guard let top = folderID(directory.path) else { return ([], []) }
        visit(directory.path, "", id: top)
        var next = 0
        while next < links.count {
            let link = links[next]
            next += 1
            let at = SourceRange(file: displayPath(link.relative), line: 1, column: 1)
            guard let real = ProjectRoot.realPath(link.path), let id = folderID(real) else { continue }
            guard root.contains(real) else {
                diagnostics.append(.warning("folder-outside-root",
                                            "the folder link '\(link.relative)' leads to '\(real)', outside the project root '\(root.path)'; it was not searched for chapters",
                                            at: at))
                continue
            }
            if let earlier = searched[id] {
                let target = earlier.isEmpty ? "the book folder" : "'\(earlier.dropLast())'"
                diagnostics.append(.warning("folder-loop",
                                            "the folder link '\(link.relative)' leads back to \(target), which was searched already; it was not searched again",
                                            at: at))
                continue
            }
            visit(link.path, link.relative + "/", id: id)
        }
        return (result.sorted(), diagnostics)
    }

    /// A `read-outside-root` error for each file below `folder` (the book's `_templates/`) that
    /// leads out of the project root; the theme leaves them out.
    private func outsideRoot(under folder: URL, files: BookFileReader) -> [Diagnostic] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil,
                                                          options: [.skipsHiddenFiles]) else { return [] }
        let base = folder.standardizedFileURL.path + "/"
        var result: [Diagnostic] = []
        for case let url as URL in walker {
            guard case .failure(let problem) = files.locate(url), case .outsideRoot = problem else { continue }
            let relative = "_templates/" + url.standardizedFileURL.path.dropFirst(base.count)
            result.append(.error("read-outside-root", problem.describe(displayPath(relative), root: files.root),
                                 at: SourceRange(file: displayPath(relative), line: 1, column: 1)))
        }
        return result
    }

    /// The TOC with chapter entries whose files could not be loaded removed (their children kept).
    static func keeping(_ loadable: Set<String>, in entries: [TOCEntry]) -> [TOCEntry] {
        entries.flatMap { entry -> [TOCEntry] in
            var copy = entry
            copy.children = keeping(loadable, in: entry.children)
            if let path = entry.chapterPath, !loadable.contains(path) { return copy.children }
            return [copy]
        }
    }
}

/// Strict UTF-8 decoding that reports where the first invalid byte is.
enum UTF8Check {
    enum Result { case success(String), failure(SourcePosition) }

    static func decode(_ data: Data) -> Result {
        if let text = String(validating: data, as: UTF8.self) {
            return .success(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        }
        // Find the first bad byte: decode scalar by scalar and count lines and columns.
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += String(scalar).utf8.count }
            case .emptyInput:
                break loop
            case .error:
                return .failure(SourcePosition(line: line, column: column))
            }
        }
        return .failure(SourcePosition(line: line, column: column))
    }
}
