import Foundation
import Mustache

/// The templates and static files pages are rendered with: the default theme's, with any of
/// them replaced by the book's own `_templates/` folder (same relative name wins).
public struct Theme: Sendable {
    /// Mustache templates, named by relative path without extension (`layout`, `page`).
    let library: MustacheLibrary
    /// Static files to copy under `_static/`: relative name → absolute source path.
    public let staticFiles: [String: String]
    /// A hash of every template's text, for the build cache.
    public let signature: UInt64

    /// Loads the theme folder, then the override folder on top of it. `bookFiles` confines the
    /// override folder (a book file) to the project root: files outside it are left out (Load
    /// reports them).
    public init(directory: URL, overrides: URL? = nil, bookFiles: BookFileReader? = nil) throws {
        var library = MustacheLibrary()
        var staticFiles: [String: String] = [:]
        var templates: [String: (text: String, path: String)] = [:]
        for folder in [directory] + (overrides.map { [$0] } ?? []) {
            var files = Self.files(under: folder)
            if folder != directory, let bookFiles {
                files = files.filter { if case .success = bookFiles.locate($0.1) { return true } else { return false } }
            }
            guard !files.isEmpty || folder != directory else {
                throw CallbookError("theme-missing", "theme folder '\(folder.path)' has no templates")
            }
            for (relative, url) in files {
                if relative.hasSuffix(".mustache") {
                    let text = try String(contentsOf: url, encoding: .utf8)
                    templates[String(relative.dropLast(".mustache".count))] = (text, url.path)
                } else if relative.hasPrefix("static/") {
                    staticFiles[String(relative.dropFirst("static/".count))] = url.path
                }
            }
        }
        var hasher = StableHasher()
        for name in templates.keys.sorted() {
            hasher.combine(name)
            hasher.combine(templates[name]!.text)
        }
        signature = hasher.value
        for (name, template) in templates {
            do {
                library.register(try MustacheTemplate(string: template.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw CallbookError("template-syntax", "template error: \(error.error)",
                                    at: SourceRange(file: template.path, line: error.context.lineNumber,
                                                    column: error.context.columnNumber))
            }
        }
        self.library = library
        self.staticFiles = staticFiles
    }

    /// Renders `context` with the named template; a missing template is an error.
    public func render(_ context: [String: Any], template name: String) throws -> String {
        guard let html = library.render(context, withTemplate: name) else {
            throw CallbookError("template-missing", "the theme has no template '\(name).mustache'")
        }
        return html
    }

    private static func files(under folder: URL) -> [(String, URL)] {
        let base = folder.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var result: [(String, URL)] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = url.standardizedFileURL.path
            if path.hasPrefix(prefix) { result.append((String(path.dropFirst(prefix.count)), url)) }
        }
        return result
    }
}
