import Foundation

/// The file that marks a folder as a site callbook wrote, and the check that a build may
/// replace its output: a build replaces the whole folder, so a folder holding someone's files
/// is refused unless `--force` says to replace it.
enum SiteMarker {
    static let name = ".callbook-site"
    /// The first line says which format of site wrote it.
    static let contents = "callbook-site 1\nThis folder is written by callbook: each build replaces everything in it.\n"
    /// Files every build has always written, by which a site written before the marker existed
    /// is recognised.
    static let generatedFiles = ["index.html", "404.html", "search.html", "_static/search-index.js"]

    /// Throws unless the build may replace `output` (its symbolic links resolved): it does not
    /// exist, or is a folder that is empty, holds only a `README.md`, carries the marker, or
    /// holds the files an earlier callbook always wrote; with `force`, any folder.
    static func checkReplaceable(_ output: String, shownAs display: String, force: Bool) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw CallbookError("output-not-a-folder",
                                "the output '\(display)' is a file, not a folder; callbook does not replace it (choose another --output)")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: output)
        } catch {
            throw CallbookError("output-unreadable", "cannot list the output folder '\(display)': \(error.localizedDescription)")
        }
        let others = names.filter { $0 != "README.md" }.sorted()
        if force || others.isEmpty || names.contains(name) { return }
        if generatedFiles.allSatisfy({ FileManager.default.fileExists(atPath: output + "/" + $0) }) { return }
        let shown = others.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (others.count > 3 ? ", …" : "")
        throw CallbookError("output-not-callbook",
                            "the output folder '\(display)' was not written by callbook (no \(name) file) and holds \(shown); a build replaces the whole folder, so it is left alone. Choose another --output, or pass --force to replace it")
    }
}
