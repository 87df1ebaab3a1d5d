/// A block-level node of a chapter, shaped after MyST's mdast (`paragraph`, `heading`, `list`,
/// `mystDirective`, `admonition`, `container`, `table`…), with its source position.
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
        case code(CodeBlock)
        /// Raw HTML, passed through as MyST allows.
        case html(String)

        // MyST syntax
        /// A directive as written (`mystDirective`); `children` are the nodes it produced.
        case directive(Directive)
        /// `(label)=`: labels the block after it. `htmlID` is set by the resolve stage when the
        /// label could not be carried by the next block itself (then the target renders an anchor).
        case target(label: String, htmlID: String?)
        /// `% comment` lines: kept in the tree, rendered as an HTML comment.
        case comment(String)
        /// `+++` with optional metadata.
        case blockBreak(meta: String?)
        case math(MathBlock)
        case table(Table)
        /// A numbered, captioned wrapper: a figure, a table with caption, a code listing.
        case container(Container)
        case caption([Block])
        case legend([Block])
        case image(ImageBlock)
        /// `{iframe}`: another site's page (a video) in a frame, loaded by the reader's browser.
        case iframe(IFrameBlock)
        case admonition(Admonition)
        case footnoteDefinition(FootnoteDefinition)
        /// A disclosure widget: `dropdown`, or an admonition with `:class: dropdown`.
        case details(Details)
        case tabSet(id: String, items: [TabItem])
        /// Side content: `margin`, `aside`, `sidebar`, `topic`, `epigraph`.
        case aside(Aside)
        case div(classes: [String], children: [Block])
        /// A glossary's terms and their definitions.
        case definitionList([DefinitionItem])
        /// `{calls} series`: the next sessions of a call, filled in from `calls.yml` when resolved.
        case calls(CallsListing)
        /// `{bibliography}`: the book's reference list (or the part `:filter:` keeps), filled in
        /// when resolved.
        case bibliography(BibliographyListing)
    }

    public var kind: Kind
    public var range: SourceRange?

    public init(_ kind: Kind, at range: SourceRange? = nil) {
        self.kind = kind
        self.range = range
    }

    /// Whether this is a paragraph (a figure's caption, a tight list's items).
    var isParagraph: Bool {
        if case .paragraph = kind { return true }
        return false
    }
}

/// A code block; `lang` is the first word of the info string, `meta` the rest.
public struct CodeBlock: Hashable, Sendable {
    public var lang: String?
    public var meta: String?
    public var value: String
    public var identifier: String?
    public var label: String?
    /// The anchor on the page, set by the resolve stage.
    public var htmlID: String?
    public var classes: [String] = []
    public var showLineNumbers = false
    public var startingLineNumber: Int?
    public var emphasizeLines: [Int] = []

    public init(lang: String?, meta: String? = nil, value: String) {
        self.lang = lang
        self.meta = meta
        self.value = value
    }
}

/// A directive: name, argument, options as written, raw body, and the nodes it became.
/// A directive callbook does not know has no children and `isKnown == false`: it is shown
/// as written in a visible box, so nothing is lost.
public struct Directive: Hashable, Sendable {
    public var name: String
    public var argument: String?
    public var options: [DirectiveOption]
    public var value: String
    public var children: [Block]
    public var isKnown: Bool

    public init(name: String, argument: String?, options: [DirectiveOption], value: String, children: [Block],
                isKnown: Bool = true) {
        self.name = name
        self.argument = argument
        self.options = options
        self.value = value
        self.children = children
        self.isKnown = isKnown
    }
}

/// One `:key: value` option of a directive (a flag has an empty value).
public struct DirectiveOption: Hashable, Sendable {
    public var name: String
    public var value: String
    public var range: SourceRange?

    public init(name: String, value: String, range: SourceRange? = nil) {
        self.name = name
        self.value = value
        self.range = range
    }
}

public struct MathBlock: Hashable, Sendable {
    public var value: String
    public var label: String?
    public var identifier: String?
    /// Equation number and anchor, set by the resolve stage.
    public var number: Int?
    public var htmlID: String?

    public init(value: String, label: String? = nil) {
        self.value = value
        self.label = label
        self.identifier = label.map(Labels.normalize)
    }
}

public struct Table: Hashable, Sendable {
    public enum Alignment: String, Hashable, Sendable { case left, center, right }
    public var rows: [TableRow]
    public var classes: [String] = []
    public var align: String?
    /// Relative column widths (`:widths: 1 2 1`), if given.
    public var widths: [Int] = []

    public init(rows: [TableRow]) {
        self.rows = rows
    }
}

public struct TableRow: Hashable, Sendable {
    public var cells: [TableCell]
    public init(cells: [TableCell]) { self.cells = cells }
}

/// A table cell. Pipe-table cells hold one paragraph of inlines; list-table cells any blocks.
public struct TableCell: Hashable, Sendable {
    public var header: Bool
    public var align: Table.Alignment?
    public var children: [Block]
    public var width: Int?

    public init(header: Bool, align: Table.Alignment?, children: [Block]) {
        self.header = header
        self.align = align
        self.children = children
    }
}

public struct Container: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case figure, table, code }
    public var kind: Kind
    public var identifier: String?
    public var label: String?
    public var classes: [String] = []
    public var align: String?
    /// "Figure N" / "Table N" and the anchor, set by the resolve stage.
    public var number: Int?
    public var htmlID: String?
    public var children: [Block]

    public init(kind: Kind, label: String?, children: [Block]) {
        self.kind = kind
        self.label = label
        self.identifier = label.map(Labels.normalize)
        self.children = children
    }
}

public struct ImageBlock: Hashable, Sendable {
    public var url: String
    public var alt: String?
    public var title: String?
    public var width: String?
    public var height: String?
    public var align: String?
    public var classes: [String] = []

    public init(url: String) {
        self.url = url
    }
}

/// An embedded frame: its address, the title assistive technology reads, and a width as written.
public struct IFrameBlock: Hashable, Sendable {
    public var url: String
    public var title: String
    public var width: String?

    public init(url: String, title: String, width: String? = nil) {
        self.url = url
        self.title = title
        self.width = width
    }
}

public struct Admonition: Hashable, Sendable {
    /// `note`, `warning`…; nil for the generic `admonition`.
    public var kind: String?
    public var title: [Inline]?
    public var classes: [String] = []
    public var identifier: String?
    public var label: String?
    /// The anchor on the page, set by the resolve stage.
    public var htmlID: String?
    public var children: [Block]

    public init(kind: String?, title: [Inline]?, children: [Block]) {
        self.kind = kind
        self.title = title
        self.children = children
    }

    /// The title shown when the directive gives none ("Note", "Warning"…).
    public var defaultTitle: String {
        guard let kind else { return "Note" }
        return kind == "seealso" ? "See also" : kind.prefix(1).uppercased() + kind.dropFirst()
    }
}

public struct FootnoteDefinition: Hashable, Sendable {
    public var label: String
    public var identifier: String
    /// Order of first reference on the page, set by the resolve stage.
    public var number: Int?
    public var children: [Block]

    public init(label: String, children: [Block]) {
        self.label = label
        self.identifier = Labels.normalize(label)
        self.children = children
    }
}

public struct Details: Hashable, Sendable {
    public var summary: [Inline]
    public var open: Bool
    public var classes: [String] = []
    public var children: [Block]

    public init(summary: [Inline], open: Bool, children: [Block]) {
        self.summary = summary
        self.open = open
        self.children = children
    }
}

public struct TabItem: Hashable, Sendable {
    public var title: [Inline]
    public var selected: Bool
    public var children: [Block]

    public init(title: [Inline], selected: Bool, children: [Block]) {
        self.title = title
        self.selected = selected
        self.children = children
    }
}

public struct Aside: Hashable, Sendable {
    public var kind: String
    public var title: [Inline]?
    public var classes: [String] = []
    public var children: [Block]

    public init(kind: String, title: [Inline]?, children: [Block]) {
        self.kind = kind
        self.title = title
        self.children = children
    }
}

/// A glossary entry: a term (with its target `term-<slug>`) and its definition.
public struct DefinitionItem: Hashable, Sendable {
    public var term: [Inline]
    public var identifier: String
    public var definition: [Block]
    public var range: SourceRange?

    public init(term: [Inline], identifier: String, definition: [Block], range: SourceRange? = nil) {
        self.term = term
        self.identifier = identifier
        self.definition = definition
        self.range = range
    }
}

/// A parsed chapter body: mdast's `root`.
public struct Document: Hashable, Sendable {
    public var children: [Block]

    public init(children: [Block]) {
        self.children = children
    }

    /// A new document of what `transform` makes of each top-level block, the old document
    /// handed over: each block is let go as soon as its replacement is made, so that, when
    /// nothing else holds the old tree, the old and the new tree are never both whole in memory.
    /// (Held elsewhere too, the old tree simply stays; the result is the same.)
    public static func rebuilt(handingOver document: consuming Document, _ transform: (Block) -> Block) -> Document {
        var blocks = document.children
        document.children = []
        var result: [Block] = []
        result.reserveCapacity(blocks.count)
        for index in blocks.indices {
            let block = blocks[index]
            blocks[index] = Block(.thematicBreak)  // the list's hold on it goes
            result.append(transform(block))
        }
        return Document(children: result)
    }
}

/// A reference list placed by `{bibliography}`: which entries, then the entries themselves.
public struct BibliographyListing: Hashable, Sendable {
    /// `:filter:` as written (`:cited:` is `cited`, `:notcited:` is `not cited`), read when the
    /// book is resolved by `BibliographyFilter`: `cited`, `docname in docnames`,
    /// `key in {"a", "b"}`, `type == "article"`, `author % "Knuth"`, joined by `not`/`and`/`or`;
    /// nil lists everything.
    public var filter: String?
    public var entries: [ReferenceEntry] = []
    /// True for the "References" section the resolve stage adds at the end of a page that
    /// cites: the works cited there that no `{bibliography}` on the page lists.
    public var isPageReferences = false

    public init(filter: String?, isPageReferences: Bool = false) {
        self.filter = filter
        self.isPageReferences = isPageReferences
    }
}

/// A `{calls}` directive as the author wrote it: which series, and how many of its next
/// sessions to list. The sessions themselves are drawn from the resolved calendar.
public struct CallsListing: Hashable, Sendable {
    /// The id of a series (or one-off session) in `calls.yml`.
    public var series: String
    /// How many upcoming sessions to list (`:count:`).
    public var count: Int

    public init(series: String, count: Int) {
        self.series = series
        self.count = count
    }
}
