/// Something a reference can point at: a labelled block, a heading, a page, a glossary term.
public struct Target: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case page, heading, figure, table, code, equation, term, admonition, anchor
    }

    /// The normalised label (`Labels.normalize`) it is found by.
    public var identifier: String
    /// The label as written.
    public var label: String
    public var kind: Kind
    /// The page it is on, and its anchor there (nil for a whole page).
    public var pagePath: String
    public var htmlID: String?
    /// The text a reference without its own text shows (heading text, caption, page title).
    public var title: [Inline]
    /// "Figure N", "Table N", "(N)" numbers.
    public var number: Int?
    /// Implicit targets (heading slugs) lose silently to explicit labels and to earlier ones.
    public var implicit: Bool
    public var range: SourceRange?
}
