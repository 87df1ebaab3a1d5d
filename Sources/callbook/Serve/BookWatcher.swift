import Foundation

/// Notices changes to a book: every file below its folder (chapters, `myst.yml`, `calls.yml`,
/// figures) and the theme, by modification time and size, polled a few times a second.
struct BookWatcher {
    let folders: [URL]
    private var last: [String: (Date, Int)] = [:]

    init(folders: [URL]) {
        self.folders = folders
        last = snapshot()
    }

    /// The paths that changed (added, removed or modified) since the last call.
    mutating func changes() -> [String] {
        let now = snapshot()
        var changed: [String] = []
        for (path, stamp) in now where last[path].map({ $0 != stamp }) ?? true { changed.append(path) }
        for path in last.keys where now[path] == nil { changed.append(path) }
        last = now
        return changed.sorted()
    }

    private func snapshot() -> [String: (Date, Int)] {
        var result: [String: (Date, Int)] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys,
                                                              options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in walker {
                if url.lastPathComponent == "_build" || url.lastPathComponent == "node_modules" {
                    walker.skipDescendants()
                    continue
                }
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                result[url.path] = (values.contentModificationDate ?? .distantPast, values.fileSize ?? 0)
            }
        }
        return result
    }
}
