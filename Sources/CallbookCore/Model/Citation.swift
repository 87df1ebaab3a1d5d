/// A citation as written — `{cite:p}`a,b``, `{cite:t}`a``, `[see @a, p. 3; @b]`, `@a` — and,
/// once resolved, what each cited work reads as in the text and where its entry is.
public struct Citation: Hashable, Sendable {
    /// Narrative citations name the authors in the sentence ("Brown (2015) shows…");
    /// parenthetical ones stand in parentheses ("(Brown, 2015)").
    public enum Kind: String, Hashable, Sendable { case narrative, parenthetical }

    /// How much each citation shows: author and year, the year in parentheses
    /// (`{cite:yearpar}`), the year alone (`{cite:year}`), or a parenthetical citation
    /// without its parentheses (`{cite:alp}`).
    public enum Form: String, Hashable, Sendable { case authorYear, yearInParentheses, year, withoutParentheses }

    /// One cited work.
    public struct Item: Hashable, Sendable {
        /// The key as written.
        public var key: String
        /// Text before and after the citation inside the brackets (`see`, `p. 3`).
        public var prefix: String?
        public var suffix: String?
        /// Bound by the resolve stage: the in-text text ("Woodley *et al.*, 2020") and the
        /// anchor of the entry on the page; nil while unresolved.
        public var text: [Inline]?
        public var anchor: String?

        public init(key: String, prefix: String? = nil, suffix: String? = nil) {
            self.key = key
            self.prefix = prefix
            self.suffix = suffix
        }
    }

    public var kind: Kind
    public var form: Form
    public var items: [Item]
    /// `@key` in running text: a citation only when the key is in the bibliography, else the
    /// text it was (a GitHub handle, an address).
    public var isBare: Bool
    /// Text that replaces the in-text form: a link to a work's DOI keeps its own words.
    public var ownText: [Inline]?

    public init(kind: Kind, form: Form = .authorYear, items: [Item], isBare: Bool = false, ownText: [Inline]? = nil) {
        self.kind = kind
        self.form = form
        self.items = items
        self.isBare = isBare
        self.ownText = ownText
    }

    /// The role's name as mystmd reads it: `cite` and `cite:t` narrative, `cite:p` parenthetical…
    public init?(role name: String, keys: [String]) {
        let variant = name.split(separator: ":").dropFirst().first.map(String.init)?.lowercased() ?? ""
        let items = keys.map { Item(key: $0) }
        switch variant {
        case "", "t", "ts", "alt", "alts", "author", "authors": self.init(kind: .narrative, items: items)
        case "p", "ps": self.init(kind: .parenthetical, items: items)
        case "alp", "alps": self.init(kind: .parenthetical, form: .withoutParentheses, items: items)
        case "yearpar": self.init(kind: .parenthetical, form: .yearInParentheses, items: items)
        case "year": self.init(kind: .narrative, form: .year, items: items)
        default: return nil
        }
    }

    /// The written form, for text that is not a citation after all.
    public var source: String {
        items.map { "@" + $0.key }.joined(separator: "; ")
    }
}

/// One entry of a reference list as a page shows it.
public struct ReferenceEntry: Hashable, Sendable {
    public var key: String
    /// The anchor the page's citations link to.
    public var anchor: String
    public var content: [Inline]

    public init(key: String, anchor: String, content: [Inline]) {
        self.key = key
        self.anchor = anchor
        self.content = content
    }
}

extension Citation {
    /// The text a reader sees: each work's in-text form (or its key while unresolved), in
    /// parentheses for parenthetical citations.
    public var plainText: String {
        if let ownText { return ownText.plainText }
        let parts = items.map { item -> String in
            [item.prefix, item.text?.plainText ?? item.key, item.suffix].compactMap { $0 }.joined(separator: " ")
        }
        let joined = parts.joined(separator: "; ")
        return kind == .parenthetical && form == .authorYear ? "(" + joined + ")" : joined
    }
}

/// A `.bib` file a chapter asks for (`{bibliography} path.bib`).
public struct BibliographyRequest: Hashable, Sendable {
    /// The absolute path, resolved against the chapter's folder.
    public var path: String
    /// As written, for messages.
    public var written: String
    public var range: SourceRange?

    public init(path: String, written: String, range: SourceRange?) {
        self.path = path
        self.written = written
        self.range = range
    }
}
