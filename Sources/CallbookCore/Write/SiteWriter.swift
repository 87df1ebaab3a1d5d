import Foundation

/// The Write stage, and the only code that writes the site: builds the whole site in a
/// temporary folder beside the output, then swaps it in. If anything fails, the temporary
/// folder is removed and the previous output is left exactly as it was.
public struct SiteWriter: Sendable {
    public let output: URL
    /// A file in the old output kept across builds (it explains what the folder is).
    static let keptFiles = ["README.md"]

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    public func write(_ site: RenderedSite) throws {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let token = UUID().uuidString.prefix(8)
        let staging = parent.appendingPathComponent(".\(name).new-\(token)")
        let retired = parent.appendingPathComponent(".\(name).old-\(token)")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            var folders: Set<String> = [""]
            func ensureFolder(of path: String) throws {
                let folder = BookPaths.directory(of: path)
                guard folders.insert(folder).inserted else { return }
                try fileManager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            for page in site.pages {
                try ensureFolder(of: page.path)
                try Data(page.contents.utf8).write(to: staging.appendingPathComponent(page.path))
            }
            for asset in site.assets {
                try ensureFolder(of: asset.sitePath)
                let destination = staging.appendingPathComponent(asset.sitePath)
                if fileManager.fileExists(atPath: destination.path) { try fileManager.removeItem(at: destination) }
                try fileManager.copyItem(atPath: asset.source, toPath: destination.path)
            }
            for kept in Self.keptFiles {
                let old = output.appendingPathComponent(kept)
                let new = staging.appendingPathComponent(kept)
                if fileManager.fileExists(atPath: old.path), !fileManager.fileExists(atPath: new.path) {
                    try fileManager.copyItem(at: old, to: new)
                }
            }
            if fileManager.fileExists(atPath: output.path) {
                try fileManager.moveItem(at: output, to: retired)
                do {
                    try fileManager.moveItem(at: staging, to: output)
                } catch {
                    try? fileManager.moveItem(at: retired, to: output)
                    throw error
                }
                try fileManager.removeItem(at: retired)
            } else {
                try fileManager.moveItem(at: staging, to: output)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw CallbookError("write-failed", "could not write the site to '\(output.path)': \(error.localizedDescription)")
        }
    }
}
