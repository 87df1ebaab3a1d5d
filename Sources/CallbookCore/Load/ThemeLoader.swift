import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Every regular file under `folder` (hidden ones left out), by path relative to it, in the
    /// order of a depth-first walk. Read with `readdir`: FileManager's enumerator and its URL
    /// resource values took 1.5 ms for the default theme's forty files, at every build. As with
    /// the enumerator, symbolic links are left out (to files) or not followed (to folders).
    static func files(under folder: URL, inputs: InputLog?) -> [(String, URL)] {
        let base = folder.standardizedFileURL.path
        inputs?.look(at: base)
        var result: [(String, URL)] = []
        func walk(_ path: String, relative: String) {
            guard let handle = opendir(path) else { return }
            defer { closedir(handle) }
            var names: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if !name.hasPrefix(".") { names.append(name) }
            }
            for name in names {
                let child = path + "/" + name
                inputs?.look(at: child)  // folders too: a file added to one changes its stamp
                var status = stat()
                guard lstat(child, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR:
                    walk(child, relative: relative + name + "/")
                case S_IFREG:
                    result.append((relative + name, URL(fileURLWithPath: child)))
                default:
                    continue
                }
            }
        }
        walk(base.hasSuffix("/") && base.count > 1 ? String(base.dropLast()) : base, relative: "")
        return result
    }
}
