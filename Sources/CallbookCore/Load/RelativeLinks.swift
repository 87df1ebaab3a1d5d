/// Relative URLs from one page of the site to others: the page's folder is split once, and
/// each link compares bytes, not characters, and makes its URL without a part of its own for
/// each of the target's folders (this runs for every link of every sidebar).
public struct RelativeLinks: Sendable {
    /// The page's folder, as bytes, and its components (empty ones left out) as ranges of them.
    private let folder: [UInt8]
    private let folderParts: [Range<Int>]

    /// Links from the page at the site path `page`.
    public init(from page: String) {
        var page = page
        (folder, folderParts) = page.withUTF8 { bytes in
            let folder = Array(bytes[..<Self.folderEnd(of: bytes)])
            return (folder, folder.withUnsafeBufferPointer { $0.nonEmptyParts(separatedBy: UInt8(ascii: "/")) })
        }
    }

    /// Where the folder of the page whose path is `bytes` ends: at its last `/` (`BookPaths.directory(of:)`).
    static func folderEnd(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.lastIndex(of: UInt8(ascii: "/")) ?? 0
    }

    /// The relative URL to the site path `target` (`./` for the site's root folder itself).
    public func url(to target: String) -> String {
        var target = target
        return folder.withUnsafeBufferPointer { folder in
            target.withUTF8 { Self.url(folder: folder, parts: folderParts, to: $0) }
        }
    }

    /// The relative URL from a page in `folder` (whose components are `parts`) to `bytes`.
    static func url(folder: UnsafeBufferPointer<UInt8>, parts folderParts: [Range<Int>], to bytes: UnsafeBufferPointer<UInt8>) -> String {
        // The target's parts (empty ones left out), as ranges of its bytes.
        let parts = bytes.nonEmptyParts(separatedBy: UInt8(ascii: "/"))
        var common = 0
        while common < folderParts.count, common < parts.count - 1,
              UnsafeBufferPointer(rebasing: folder[folderParts[common]]).hasSameBytes(as: UnsafeBufferPointer(rebasing: bytes[parts[common]])) {
            common += 1
        }
        let ups = folderParts.count - common
        let kept = parts[common...]
        let length = 3 * ups + kept.reduce(0) { $0 + $1.count } + max(0, kept.count - 1)
        guard length > 0 else { return "./" }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var at = 0
            func put(_ byte: UInt8) {
                buffer[at] = byte
                at += 1
            }
            for _ in 0..<ups {
                put(UInt8(ascii: "."))
                put(UInt8(ascii: "."))
                put(UInt8(ascii: "/"))
            }
            for (position, part) in kept.enumerated() {
                if position > 0 { put(UInt8(ascii: "/")) }
                for index in part { put(bytes[index]) }
            }
            return at
        }
    }
}
