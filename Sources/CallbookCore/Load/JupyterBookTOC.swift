import Yams

/// Reads Jupyter Book's `_toc.yml`, in both its forms: `format: jb-book` (`root`, `parts` with
/// `caption` and `chapters`, `chapters`, `sections`) and the older top-level list of
/// `file`/`title`/`sections`/`header` entries. Files are named without their extension.
public struct JupyterBookTOC {
    public let file: YAMLFile
    let markdownFiles: [String]
    private let known: Set<String>

    public init(path: String, text: String, markdownFiles: [String]) throws {
        file = try YAMLFile(path: path, text: text)
        self.markdownFiles = markdownFiles
        known = Set(markdownFiles)
    }

    public func read() throws -> [TOCEntry] {
        guard let root = file.root else {
            throw CallbookError("toc-empty", "the table of contents is empty", at: file.range(of: nil))
        }
        switch root {
        case .sequence:
            return try legacyEntries(root.sequenceItems)
        case .mapping:
            return try modern(root)
        default:
            throw CallbookError("toc-shape", "_toc.yml must be a mapping (format: jb-book) or a list of entries",
                                at: file.range(of: root))
        }
    }

    // MARK: format: jb-book / jb-article

    private func modern(_ root: Node) throws -> [TOCEntry] {
        var result: [TOCEntry] = []
        if let rootFile = try file.string(root["root"], key: "root") {
            result.append(TOCEntry(.chapter(chapterPath(rootFile)), at: file.range(of: root["root"])))
        }
        if let parts = root["parts"] {
            for part in parts.sequenceItems {
                let caption = try file.string(part["caption"], key: "caption")
                let chapters = try entries(part["chapters"] ?? part["sections"])
                if let caption {
                    result.append(TOCEntry(.part, title: caption, children: chapters, at: file.range(of: part)))
                } else {
                    result += chapters
                }
            }
        }
        result += try entries(root["chapters"])
        result += try entries(root["sections"])
        return result
    }

    private func entries(_ node: Node?) throws -> [TOCEntry] {
        guard let node else { return [] }
        var result: [TOCEntry] = []
        for item in node.sequenceItems {
            result += try entry(item)
        }
        return result
    }

    private func entry(_ node: Node) throws -> [TOCEntry] {
        let where_ = file.range(of: node)
        let title = try file.string(node["title"], key: "title")
        let children = try entries(node["sections"] ?? node["chapters"])
        if let path = try file.string(node["file"], key: "file") {
            return [TOCEntry(.chapter(chapterPath(path)), title: title, children: children, at: where_)]
        }
        if let url = try file.string(node["url"], key: "url") {
            return [TOCEntry(.url(url), title: title, at: where_)]
        }
        if let pattern = try file.string(node["glob"], key: "glob") {
            let glob = Glob(pattern.hasSuffix(".md") ? pattern : pattern + ".md")
            return markdownFiles.filter(glob.matches).map { TOCEntry(.chapter($0), at: where_) }
        }
        throw CallbookError("toc-shape", "a TOC entry needs 'file', 'url' or 'glob'", at: where_)
    }

    // MARK: the older list form

    private func legacyEntries(_ items: [Node]) throws -> [TOCEntry] {
        var result: [TOCEntry] = []
        var openPart: Int?  // index in `result` of the header collecting the entries after it
        for item in items {
            let where_ = file.range(of: item)
            if let header = try file.string(item["header"], key: "header") {
                result.append(TOCEntry(.part, title: header, at: where_))
                openPart = result.count - 1
                continue
            }
            let title = try file.string(item["title"], key: "title")
            let made: TOCEntry
            if let path = try file.string(item["file"], key: "file") {
                let children = try legacyEntries(item["sections"]?.sequenceItems ?? [])
                made = TOCEntry(.chapter(chapterPath(path)), title: title, children: children, at: where_)
            } else if let url = try file.string(item["url"], key: "url") {
                made = TOCEntry(.url(url), title: title, at: where_)
            } else {
                throw CallbookError("toc-shape", "a TOC entry needs 'file', 'url' or 'header'", at: where_)
            }
            if let openPart {
                result[openPart].children.append(made)
            } else {
                result.append(made)
            }
        }
        return result
    }

    /// Jupyter Book names files without extension: `a/b` → `a/b.md`.
    private func chapterPath(_ path: String) -> String {
        let normalized = BookPaths.normalize(path)
        if known.contains(normalized) || normalized.hasSuffix(".md") || normalized.hasSuffix(".ipynb") {
            return normalized
        }
        return normalized + ".md"
    }
}

/// Reads Jupyter Book's `_config.yml`: `title`, `author`, `logo`, `exclude_patterns`, `html.favicon`,
/// `bibtex_bibfiles`.
public struct JupyterBookConfig {
    public let file: YAMLFile

    public init(path: String, text: String) throws {
        file = try YAMLFile(path: path, text: text)
    }

    /// A warning for an empty file; an error for one that is not a mapping; a note listing the
    /// keys callbook does not use.
    public func checkShape() throws -> [Diagnostic] {
        try file.checkMapping(keys: "keys such as title: and exclude_patterns:")
            + [ConfigKeys.jupyterBook.unusedKeysNote(in: file)].compactMap { $0 }
    }

    public func read(into config: inout BookConfiguration) throws {
        config.sources.append(file.path)
        guard let root = file.root else { return }
        config.title = try file.string(root["title"], key: "title")
        config.author = try file.string(root["author"], key: "author")
        config.description = try file.string(root["description"], key: "description")
        config.language = try file.string(root["language"] ?? root["sphinx"]?["config"]?["language"], key: "language")
        config.logo = try file.string(root["logo"], key: "logo").map(BookPaths.normalize)
        config.favicon = try file.string(root["html"]?["favicon"], key: "html.favicon").map(BookPaths.normalize)
        config.baseURL = try file.string(root["html"]?["baseurl"], key: "html.baseurl")
        config.exclude = (root["exclude_patterns"]?.sequenceItems ?? []).compactMap(\.scalarString)
        config.bibliography = (root["bibtex_bibfiles"]?.sequenceItems ?? []).compactMap(\.scalarString)
        if let single = root["bibtex_bibfiles"]?.scalarString { config.bibliography = [single] }
        if let url = try file.string(root["repository"]?["url"], key: "repository.url") {
            // Jupyter Book's own default branch is `master`.
            config.repository = SourceRepository(url: url, branch: try file.string(root["repository"]?["branch"], key: "repository.branch") ?? "master",
                                                 pathToBook: try file.string(root["repository"]?["path_to_book"], key: "repository.path_to_book"))
        }
    }
}
