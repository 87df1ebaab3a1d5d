/// A block-level node of a chapter, shaped after MyST's mdast (`paragraph`, `heading`, `list`…).
public struct Block: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        case paragraph([Inline])
        /// `identifier` is the anchor (`html_id`) given by the resolve stage; nil straight from the parser.
        case heading(depth: Int, children: [Inline], identifier: String?)
        case thematicBreak
        case blockquote([Block])
        /// `spread` is mdast's name for a loose list (CommonMark: not tight).
        case list(ordered: Bool, start: Int?, spread: Bool, items: [Block])
        case listItem(spread: Bool, children: [Block])
        /// A code block; `lang` is the first word of the info string, `meta` the rest.
        case code(lang: String?, meta: String?, value: String)
        /// Raw HTML, passed through as MyST allows.
        case html(String)
    }

    public var kind: Kind
    public var range: SourceRange?

    public init(_ kind: Kind, at range: SourceRange? = nil) {
        self.kind = kind
        self.range = range
    }
}

/// An inline node, shaped after mdast (`text`, `emphasis`, `link`…).
public struct Inline: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        /// Text, with soft line breaks kept as "\n" (mdast has no soft-break node).
        case text(String)
        case emphasis([Inline])
        case strong([Inline])
        case inlineCode(String)
        case link(url: String, title: String?, children: [Inline])
        /// `alt` is the plain text of the image description.
        case image(url: String, title: String?, alt: String)
        case html(String)
        /// A hard line break.
        case `break`
    }

    public var kind: Kind
    public var range: SourceRange?

    public init(_ kind: Kind, at range: SourceRange? = nil) {
        self.kind = kind
        self.range = range
    }
}

/// A parsed chapter body: mdast's `root`.
public struct Document: Hashable, Sendable {
    public var children: [Block]

    public init(children: [Block]) {
        self.children = children
    }
}

extension Inline {
    /// The text a reader sees, without markup (used for titles, slugs and alt text).
    public var plainText: String {
        switch kind {
        case .text(let s), .inlineCode(let s): return s
        case .emphasis(let c), .strong(let c), .link(_, _, let c): return c.plainText
        case .image(_, _, let alt): return alt
        case .html: return ""
        case .break: return " "
        }
    }
}

extension Array where Element == Inline {
    public var plainText: String { map(\.plainText).joined() }
}
