@testable import CallbookCore
import Foundation
import Testing

/// The theme's files are found by a walk of our own (`readdir`): the same files, and the same
/// paths logged as inputs, as FileManager's enumerator finds (the oracle, as `ThemeLoader`
/// used it before), on a tree with nested and hidden folders and files, links to files and
/// folders, and a broken link.
@Suite struct ThemeFilesWalkTests {
    /// What FileManager's enumerator lists: regular files (hidden ones skipped), by relative path,
    /// and every path it looked at.
    static func enumerated(_ folder: URL) -> (files: Set<String>, looked: Set<String>) {
        let base = folder.standardizedFileURL.path
        var looked: Set<String> = [base]
        var files: Set<String> = []
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                    options: [.skipsHiddenFiles])!
        for case let url as URL in walker {
            let path = url.standardizedFileURL.path
            looked.insert(path)
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            files.insert(String(path.dropFirst(base.count + 1)))
        }
        return (files, looked)
    }

    @Test func sameFilesAsFileManagersEnumerator() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("theme-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let theme = root.appendingPathComponent("theme")
        let outside = root.appendingPathComponent("outside")
        for folder in ["static/katex/fonts", "static/.hidden", "partials", "empty"] {
            try FileManager.default.createDirectory(at: theme.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        for file in ["page.mustache", "layout.mustache", "static/style.css", "static/katex/katex.css", "static/katex/fonts/a.woff2",
                     "static/.hidden/secret.js", "static/.dotfile", "partials/nav.mustache", "with space é.mustache"] {
            try Data(file.utf8).write(to: theme.appendingPathComponent(file))
        }
        try Data("outside".utf8).write(to: outside.appendingPathComponent("linked.css"))
        let links = ["static/link-to-file.css": outside.appendingPathComponent("linked.css").path,
                     "static/link-to-folder": outside.path,
                     "static/broken.css": root.appendingPathComponent("missing").path]
        for (link, target) in links {
            try FileManager.default.createSymbolicLink(atPath: theme.appendingPathComponent(link).path, withDestinationPath: target)
        }
        let inputs = InputLog()
        let walked = ThemeLoader.files(under: theme, inputs: inputs)
        let oracle = Self.enumerated(theme)
        #expect(Set(walked.map(\.0)) == oracle.files)
        #expect(walked.count == oracle.files.count)
        #expect(Set(inputs.all.keys) == oracle.looked)
        #expect(walked.allSatisfy { $0.1.path == theme.appendingPathComponent($0.0).path })
        // Links are left out, to files as to folders (and the folder's files with them).
        #expect(oracle.files.count == 7 && !oracle.files.contains { $0.hasPrefix("static/link") || $0.hasPrefix("static/broken") })
    }
}
