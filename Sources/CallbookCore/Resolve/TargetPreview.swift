/// What the popover of a reference shows of its target, as plain text: a section's heading and
/// first paragraph, a figure's number, caption and image, a glossary term and its definition, an
/// equation's number and TeX.
public struct TargetPreview: Hashable, Sendable {
    /// How the popover lays the preview out.
    public enum Kind: String, Hashable, Sendable {
        /// A page, heading, labelled paragraph or admonition: title and first paragraph.
        case section
        /// A figure or a table: number, caption and (for a figure) its image.
        case figure
        /// A glossary term and its definition.
        case term
        /// A numbered equation and its TeX.
        case equation
    }

    /// Previews cut their text at a word to about this many characters.
    public static let textLimit = 300

    public var kind: Kind
    /// The heading, "Figure 2", the term, "Equation (3)"; may be empty.
    public var title: String
    /// The first paragraph, caption or definition, cut to `textLimit`; may be empty.
    public var text: String
    /// A figure's image: a site path (or an external address) in the book-wide preview, the
    /// address relative to the referring page in a page's `ReferencePreview`.
    public var image: String?
    /// An equation's TeX.
    public var tex: String?

    public init(kind: Kind, title: String, text: String, image: String? = nil, tex: String? = nil) {
        self.kind = kind
        self.title = title
        self.text = text
        self.image = image
        self.tex = tex
    }
}
