/// One entry of a BibTeX file as written: key, type and fields (macros expanded, `#` joined,
/// white space collapsed, LaTeX still in place), with its name lists split into parts.
public struct BibEntry: Hashable, Sendable {
    /// The citation key, as written (`lowe2016afield`).
    public var key: String
    /// The entry type, lowercased (`article`, `book`, `misc`…).
    public var type: String
    /// Field values by lowercased field name, LaTeX as written (`title`, `year`, `doi`…).
    public var fields: [String: String]
    public var authors: [BibName]
    public var editors: [BibName]
    /// Where the entry starts (its `@`).
    public var range: SourceRange

    public init(key: String, type: String, fields: [String: String], authors: [BibName] = [],
                editors: [BibName] = [], range: SourceRange) {
        self.key = key
        self.type = type
        self.fields = fields
        self.authors = authors
        self.editors = editors
        self.range = range
    }

    /// A field's value as plain Unicode text (LaTeX accents and escapes turned into characters);
    /// nil when the field is absent or empty.
    public func text(_ field: String) -> String? {
        guard let value = fields[field].map(LaTeXText.plain), !value.isEmpty else { return nil }
        return value
    }
}

/// One name of an author or editor list, in BibTeX's four parts (each a list of words, LaTeX as
/// written): "Ludwig van Beethoven Jr." has first `Ludwig`, von `van`, last `Beethoven`, jr `Jr.`.
/// A corporate author written in braces (`{World Health Organization}`) is one last-name word.
public struct BibName: Hashable, Sendable {
    public var first: [String]
    public var von: [String]
    public var last: [String]
    public var jr: [String]

    public init(first: [String] = [], von: [String] = [], last: [String], jr: [String] = []) {
        self.first = first
        self.von = von
        self.last = last
        self.jr = jr
    }

    /// `and others` at the end of a list: the list goes on ("et al.").
    public var isOthers: Bool { first.isEmpty && von.isEmpty && jr.isEmpty && last == ["others"] }

    /// The family name as cited: von part and last name, as plain text ("van Beethoven").
    public var family: String {
        LaTeXText.plain((von + last).joined(separator: " "))
    }

    /// Given names as plain text ("Ludwig").
    public var given: String {
        LaTeXText.plain(first.joined(separator: " "))
    }
}
