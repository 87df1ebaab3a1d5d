/// Unique HTML ids on one page: heading anchors by MyST's slug rule (`Labels.headingID`:
/// lowercase, anything but letters, digits and hyphens to hyphens, collapsed), and any id
/// already used gets `-1`, `-2`, … (as mystmd's `htmlIdsTransform` does).
public struct Slugger: Sendable {
    private var used: [String: Int] = [:]

    public init() {}

    /// The slug of `text`, without de-duplication (see `Labels.headingID`).
    public static func slug(_ text: String) -> String {
        let id = Labels.headingID(text)
        return id.isEmpty ? "section" : id
    }

    /// A slug for `text` not yet used on this page.
    public mutating func uniqueSlug(_ text: String) -> String {
        claim(Self.slug(text))
    }

    /// Reserves `slug` (adding `-1`, `-2`… if taken) and returns what was reserved.
    public mutating func claim(_ slug: String) -> String {
        guard let count = used[slug] else {
            used[slug] = 0
            return slug
        }
        var next = count + 1
        while used["\(slug)-\(next)"] != nil { next += 1 }
        used[slug] = next
        used["\(slug)-\(next)"] = 0
        return "\(slug)-\(next)"
    }
}
