import Foundation

/// Reads a theme: the default theme's folder, then the book's own `_templates/` folder on top
/// of it (same relative name wins).
public enum ThemeLoader {
    /// - Parameters:
    ///   - directory: the default theme's folder; it must hold at least one file.
    ///   - overrides: the book's override folder, if any.
    ///   - files: confines the override folder (a book file) to the project root: files outside
    ///     it are left out (`BookLoader` reports them). Every file and folder of the theme is
    ///     logged in its `inputs`.
    public static func load(directory: URL, overrides: URL? = nil, files bookFiles: BookFileReader? = nil) throws -> ThemeFiles {
        var theme = ThemeFiles(templates: [:], staticFiles: [:])
        for folder in [directory] + (overrides.map { [$0] } ?? []) {
            var files = Self.files(under: folder, inputs: bookFiles?.inputs)
            if folder != directory, let bookFiles {
                files = files.filter { if case .success = bookFiles.locate($0.1) { return true } else { return false } }
            }
            guard !files.isEmpty || folder != directory else {
                throw CallbookError("theme-missing", "theme folder '\(folder.path)' has no templates")
            }
            for (relative, url) in files {
                if relative.hasSuffix(".mustache") {
                    let text = try String(contentsOf: url, encoding: .utf8)
                    theme.templates[String(relative.dropLast(".mustache".count))] = ThemeFiles.Template(text: text, path: url.path)
                } else if relative.hasPrefix("static/") {
                    theme.staticFiles[String(relative.dropFirst("static/".count))] = url.path
                }
            }
        }
        return theme
    }

    /// Every regular file under `folder` (hidden ones left out), by path relative to it.
    private static func files(under folder: URL, inputs: InputLog?) -> [(String, URL)] {
        let base = folder.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        inputs?.look(at: base)
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var result: [(String, URL)] = []
        for case let url as URL in walker {
            let path = url.standardizedFileURL.path
            inputs?.look(at: path)  // folders too: a file added to one changes its stamp
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            if path.hasPrefix(prefix) { result.append((String(path.dropFirst(prefix.count)), url)) }
        }
        return result
    }
}
