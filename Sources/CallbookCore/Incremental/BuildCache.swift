import Foundation

/// The build cache on disk: each page's key as written by the last successful build into an
/// output folder. It is saved (by `CacheFileWriter`) only after a build has written its site,
/// so a failed build leaves it matching the site that is still there.
public struct BuildCache: Sendable {
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    /// `.callbook-cache/<output>.json` beside the output folder.
    public static func file(beside output: URL) -> URL {
        output.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(".callbook-cache/\(output.lastPathComponent).json")
    }

    struct Stored: Codable {
        var version: Int
        /// The binary that wrote the pages (`BinaryIdentity`): another one's pages are not reused.
        var binary: String
        var output: String
        var pages: [String: String]
    }

    static let version = 2

    /// The keys for `output`, keeping only pages whose file is still there (a regular file: a
    /// reused page is linked into the new site as it is).
    public func load(output: URL) -> [String: UInt64] {
        guard let data = FileManager.default.contents(atPath: file.path),
              let stored = try? JSONDecoder().decode(Stored.self, from: data),
              stored.version == Self.version, stored.binary == BinaryIdentity.current,
              stored.output == output.standardizedFileURL.path else { return [:] }
        var keys: [String: UInt64] = [:]
        for (page, key) in stored.pages {
            guard let value = UInt64(key, radix: 16), SiteWriter.isRegularFile(output.appendingPathComponent(page).path) else { continue }
            keys[page] = value
        }
        return keys
    }

    /// The file's contents for `keys`, the page keys of the site just written to `output`.
    public func contents(_ keys: [String: UInt64], output: URL) -> Data? {
        let stored = Stored(version: Self.version, binary: BinaryIdentity.current, output: output.standardizedFileURL.path,
                            pages: keys.mapValues { String($0, radix: 16) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try? encoder.encode(stored)
    }
}
