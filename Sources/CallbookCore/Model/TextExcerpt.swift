/// The start of a text for a short summary (a page's `<meta name="description">`, a reference's
/// preview): white space collapsed to single spaces, and a text longer than the limit cut
/// before the word that would cross it, with "…" after.
public enum TextExcerpt {
    /// `text` with runs of white space as one space, at most `limit` characters (plus "…").
    /// A single word longer than the limit is cut inside it.
    public static func cut(_ text: String, limit: Int) -> String {
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard words.count > limit else { return words }
        // The words that fit in `limit` characters (the next one may be the space after the last).
        let head = words.prefix(limit + 1)
        return (head.lastIndex(of: " ").map { String(head[..<$0]) } ?? String(head.prefix(limit))) + "…"
    }
}
