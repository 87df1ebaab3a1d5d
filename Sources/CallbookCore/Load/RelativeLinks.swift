/// Relative URLs from one page of the site to others: the page's folder is split once, and
/// each link compares bytes, not characters (this runs for every link of every sidebar).
public struct RelativeLinks: Sendable {
    /// The components of the page's folder.
    private let folder: [Substring.UTF8View]

    /// Links from the page at the site path `page`.
    public init(from page: String) {
        folder = BookPaths.directory(of: page).utf8.split(separator: UInt8(ascii: "/")).map { $0 }
    }

    /// The relative URL to the site path `target` (`./` for the site's root folder itself).
    public func url(to target: String) -> String {
        let parts = target.utf8.split(separator: UInt8(ascii: "/"))
        var common = 0
        while common < folder.count, common < parts.count - 1, folder[common].elementsEqual(parts[common]) {
            common += 1
        }
        var url = ""
        url.reserveCapacity(target.utf8.count + 3 * (folder.count - common))
        for _ in common..<folder.count { url += "../" }
        for (position, part) in parts[common...].enumerated() {
            if position > 0 { url += "/" }
            url += Substring(part)
        }
        return url.isEmpty ? "./" : url
    }
}
