/// Relative URLs from one page of the site to others: the page's folder is split once, and
/// each link compares bytes, not characters, and makes its URL without a part of its own for
/// each of the target's folders (this runs for every link of every sidebar).
public struct RelativeLinks: Sendable {
    /// The components of the page's folder, as bytes.
    private let folder: [[UInt8]]

    /// Links from the page at the site path `page`.
    public init(from page: String) {
        var directory = BookPaths.directory(of: page)
        folder = directory.withUTF8 { bytes in bytes.nonEmptyParts(separatedBy: UInt8(ascii: "/")).map { Array(bytes[$0]) } }
    }

    /// The relative URL to the site path `target` (`./` for the site's root folder itself).
    public func url(to target: String) -> String {
        var target = target
        return target.withUTF8 { bytes -> String in
            // The target's parts (empty ones left out), as ranges of its bytes.
            let parts = bytes.nonEmptyParts(separatedBy: UInt8(ascii: "/"))
            var common = 0
            while common < folder.count, common < parts.count - 1,
                  folder[common].elementsEqual(UnsafeBufferPointer(rebasing: bytes[parts[common]])) {
                common += 1
            }
            let ups = folder.count - common
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
}
