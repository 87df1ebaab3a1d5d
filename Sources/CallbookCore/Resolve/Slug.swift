/// Heading anchors by MyST's slug rule: lowercase, white space to hyphens, punctuation dropped,
/// repeated hyphens collapsed; on one page, repeats get `-1`, `-2`, ….
public struct Slugger: Sendable {
    private var used: [String: Int] = [:]

    public init() {}

    /// The slug of `text`, without de-duplication.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "-" {
                pendingHyphen = true
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" {
                if pendingHyphen && !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out.isEmpty ? "section" : out
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
