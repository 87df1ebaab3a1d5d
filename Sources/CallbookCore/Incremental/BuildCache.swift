import Foundation

/// The build cache on disk: each page's key as written by the last successful build into an
/// output folder. It is saved (by `CacheFileWriter`) only after a build has written its site,
/// so a failed build leaves it matching the site that is still there.
public struct BuildCache: Sendable {
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    /// `.callbook-cache/<output>.keys` beside the output folder.
    public static func file(beside output: URL) -> URL {
        output.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(".callbook-cache/\(output.lastPathComponent).keys")
    }

    static let header = Array("callbook-page-keys 3\n".utf8)

    /// The keys for `output`, keeping only pages whose file is still there (a regular file: a
    /// reused page is linked into the new site as it is). None when the file is missing,
    /// damaged, written for another output, or by another binary (whose pages are not reused).
    public func load(output: URL) -> [String: UInt64] {
        guard let data = FileManager.default.contents(atPath: file.path), data.starts(with: Self.header) else { return [:] }
        let stored = data.withUnsafeBytes { raw -> [(String, UInt64)]? in
            var reader = CacheBytesReader(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[Self.header.count...]))
            guard reader.text() == BinaryIdentity.current, reader.text() == output.standardizedFileURL.path,
                  let count = reader.count(atMost: raw.count) else { return nil }
            var pages: [(String, UInt64)] = []
            pages.reserveCapacity(count)
            for _ in 0..<count {
                guard let page = reader.text(), let key = reader.number() else { return nil }
                pages.append((page, key))
            }
            return reader.isAtEnd ? pages : nil
        }
        var keys: [String: UInt64] = [:]
        for (page, key) in stored ?? [] where SiteWriter.isRegularFile(BookPaths.file(page, in: output).path) {
            keys[page] = key
        }
        return keys
    }

    /// The file's contents for `keys`, the page keys of the site just written to `output`:
    /// the header, this binary's identity, the output, then each page (sorted) and its key.
    public func contents(_ keys: [String: UInt64], output: URL) -> [UInt8]? {
        var writer = CacheBytesWriter(reservingCapacity: keys.count * 48 + 256)
        writer.append(Self.header)
        writer.text(BinaryIdentity.current)
        writer.text(output.standardizedFileURL.path)
        writer.number(keys.count)
        for (page, key) in keys.sorted(by: { $0.key < $1.key }) {
            writer.text(page)
            writer.number(key)
        }
        return writer.bytes
    }
}
