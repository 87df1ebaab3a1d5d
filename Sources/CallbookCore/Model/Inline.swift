/// An inline node, shaped after mdast (`text`, `emphasis`, `link`, `mystRole`, `crossReference`…).
public struct Inline: Hashable, Sendable {
    /// Not an `indirect` enum: the small cases (text, emphasis and the like, most nodes) are held
    /// in the node itself, and only the large ones in a box of their own (a box for every node
    /// cost a malloc and a free each, and half again the node's memory).
    public enum Kind: Hashable, Sendable {
        /// Text, with soft line breaks kept as "\n" (mdast has no soft-break node).
        case text(String)
        case emphasis([Inline])
        case strong([Inline])
        case inlineCode(String)
        indirect case link(url: String, title: String?, children: [Inline])
        /// `alt` is the plain text of the image description.
        indirect case image(url: String, title: String?, alt: String)
        case html(String)
        /// A hard line break.
        case `break`

        // MyST syntax
        /// A role as written (`mystRole`); `children` are the nodes it produced.
        indirect case role(name: String, value: String, children: [Inline])
        case `subscript`([Inline])
        case superscript([Inline])
        indirect case abbreviation(title: String?, children: [Inline])
        case underline([Inline])
        case delete([Inline])
        case keyboard(String)
        case inlineMath(String)
        indirect case crossReference(CrossReference)
        indirect case footnoteReference(FootnoteReference)
        /// A citation of one or more works of the bibliography.
        indirect case cite(Citation)
    }

    public var kind: Kind
    public var range: SourceRange?

    public init(_ kind: Kind, at range: SourceRange? = nil) {
        self.kind = kind
        self.range = range
    }
}

/// A reference to a label: `{ref}`, `{numref}`, `{doc}`, `{term}`, `{eq}`, `{any}`.
public struct CrossReference: Hashable, Sendable {
    public var kind: ReferenceKind
    /// The label as written.
    public var label: String
    /// The label normalised for lookup (see `Labels.normalize`).
    public var identifier: String
    /// Explicit text (`{ref}`text <label>``); empty for implicit text.
    public var children: [Inline]
    /// Bound by the resolve stage: the link, and the resolved text when none was given.
    public var url: String?
    public var htmlId: String?
    public var resolvedText: [Inline]?

    public init(kind: ReferenceKind, label: String, children: [Inline]) {
        self.kind = kind
        self.label = label
        self.identifier = Labels.normalize(label)
        self.children = children
    }
}

public struct FootnoteReference: Hashable, Sendable {
    public var label: String
    public var identifier: String
    public var number: Int?

    public init(label: String) {
        self.label = label
        self.identifier = Labels.normalize(label)
    }
}

extension Inline {
    /// The text a reader sees, without markup (used for titles, slugs and alt text).
    public var plainText: String {
        switch kind {
        case .text(let s), .inlineCode(let s), .keyboard(let s), .inlineMath(let s): return s
        case .emphasis(let c), .strong(let c), .link(_, _, let c), .subscript(let c), .superscript(let c),
             .underline(let c), .delete(let c), .abbreviation(_, let c), .role(_, _, let c):
            return c.plainText
        case .crossReference(let reference):
            return (reference.children.isEmpty ? reference.resolvedText ?? [] : reference.children).plainText
        case .image(_, _, let alt): return alt
        case .footnoteReference(let reference): return reference.number.map(String.init) ?? ""
        case .cite(let citation): return citation.plainText
        case .html: return ""
        case .break: return " "
        }
    }
}

extension Array where Element == Inline {
    public var plainText: String { map(\.plainText).joined() }
}
