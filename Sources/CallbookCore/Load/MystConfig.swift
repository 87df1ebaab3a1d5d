import Yams

/// Reads mystmd's `myst.yml`: `project.title`, `project.toc` (`file`, `title`, `children`,
/// parts with a `title` and no `file`, `url`, `pattern`), `project.exclude`, `project.license`,
/// and the site logo and favicon.
public struct MystConfig {
    public let file: YAMLFile
    /// Lists book-relative Markdown paths, for `pattern` entries.
    let markdownFiles: [String]

    public init(path: String, text: String, markdownFiles: [String]) throws {
        file = try YAMLFile(path: path, text: text)
        self.markdownFiles = markdownFiles
    }

    /// A warning for an empty file; an error for one that is not a mapping, or whose
    /// `project` is not one; a note listing the keys callbook does not use.
    public func checkShape() throws -> [Diagnostic] {
        let diagnostics = try file.checkMapping(keys: "keys such as project: and site:")
        if let project = file.root?["project"], !project.isMapping, project.scalarString?.isEmpty != true {
            throw CallbookError("config-shape", "'project' must be a mapping (title:, toc:, …)", at: file.range(of: project))
        }
        return diagnostics + [ConfigKeys.myst.unusedKeysNote(in: file)].compactMap { $0 }
    }

    public func read() throws -> BookConfiguration {
        var config = BookConfiguration()
        config.sources = [file.path]
        guard let root = file.root else { return config }
        let project = root["project"]
        config.title = try file.string(project?["title"], key: "project.title")
        config.description = try file.string(project?["description"], key: "project.description")
        config.language = try file.string(project?["language"] ?? project?["lang"], key: "project.language")
        if let authors = project?["authors"] {
            let names = authors.sequenceItems.compactMap { $0["name"]?.scalarString ?? $0.scalarString }
            config.author = names.isEmpty ? authors.scalarString : names.joined(separator: ", ")
        }
        config.exclude = (project?["exclude"]?.sequenceItems ?? []).compactMap(\.scalarString)
        if let single = project?["exclude"]?.scalarString { config.exclude = [single] }
        config.bibliography = (project?["bibliography"]?.sequenceItems ?? []).compactMap(\.scalarString)
        if let single = project?["bibliography"]?.scalarString { config.bibliography = [single] }
        config.license = try license(project?["license"])
        if let github = try file.string(project?["github"], key: "project.github") {
            config.repository = SourceRepository(url: github.contains("://") ? github : "https://github.com/" + github)
        }
        let options = root["site"]?["options"]
        config.logo = try file.string(options?["logo"], key: "site.options.logo")
        config.favicon = try file.string(options?["favicon"], key: "site.options.favicon")
        config.baseURL = try file.string(root["site"]?["url"] ?? options?["base_url"], key: "site.url")
        if let toc = project?["toc"] {
            config.toc = try entries(toc)
        }
        return config
    }

    /// `project.license`: an SPDX identifier (`CC-BY-4.0`), or `content:` and `code:` ones, of
    /// which the pages show the content's.
    private func license(_ node: Node?) throws -> String? {
        guard let node, node.isMapping else { return try file.string(node, key: "project.license") }
        return try file.string(node["content"], key: "project.license.content")
            ?? file.string(node["code"], key: "project.license.code")
    }

    private func entries(_ node: Node) throws -> [TOCEntry] {
        guard case .sequence = node else {
            throw CallbookError("toc-shape", "'toc' must be a list of entries", at: file.range(of: node))
        }
        var result: [TOCEntry] = []
        for item in node.sequenceItems {
            result += try entry(item)
        }
        return result
    }

    private func entry(_ node: Node) throws -> [TOCEntry] {
        let where_ = file.range(of: node)
        guard case .mapping = node else {
            throw CallbookError("toc-shape", "a TOC entry must be a mapping with 'file', 'title', 'url' or 'pattern'",
                                at: where_)
        }
        let title = try file.string(node["title"], key: "title")
        let children = try node["children"].map(entries) ?? []
        if let path = try file.string(node["file"], key: "file") {
            return [TOCEntry(.chapter(BookPaths.normalize(path)), title: title, children: children, at: where_)]
        }
        if let url = try file.string(node["url"], key: "url") {
            return [TOCEntry(.url(url), title: title, children: children, at: where_)]
        }
        if let pattern = try file.string(node["pattern"], key: "pattern") {
            let glob = Glob(pattern)
            return markdownFiles.filter(glob.matches).map { TOCEntry(.chapter($0), at: where_) }
        }
        if let title {
            return [TOCEntry(.part, title: title, children: children, at: where_)]
        }
        throw CallbookError("toc-shape", "a TOC entry needs 'file', 'url', 'pattern', or a 'title' with 'children'",
                            at: where_)
    }
}
