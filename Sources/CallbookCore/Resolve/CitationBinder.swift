/// Binds one chapter's citations to the book's bibliography: each cited work gets its in-text
/// text and the anchor of its entry; a link to a work's DOI becomes a citation of it that
/// keeps the link's words (as mystmd does); `{bibliography}` blocks get their entries; and a
/// page that cites gets a "References" section at its end for the works no `{bibliography}`
/// on it lists. An unknown key is a warning with a suggestion; a bare `@word` that is no key
/// (a GitHub handle) stays the text it was, without a warning.
struct CitationBinder: TreeRewriter {
    let bibliography: Bibliography
    /// Lowercased DOI → key, for links to a work's DOI.
    let keysByDOI: [String: String]
    /// Every key cited anywhere in the book, for `cited` in a `:filter:`.
    let citedInBook: Set<String>
    private(set) var diagnostics: [Diagnostic] = []
    /// The diagnostics that wait for a "did you mean", given once the whole book is bound.
    private(set) var pendingSuggestions: [DidYouMean.Pending] = []
    /// Keys cited on this page, in order of first citation.
    private(set) var cited: [String] = []
    private var citedSet: Set<String> = []
    /// The range of the chapter's top-level block being bound, for citations without one.
    private var fallback: SourceRange?
    /// Whether the page has a `{bibliography}` block, seen while its citations are bound.
    private var hasListings = false

    init(bibliography: Bibliography, keysByDOI: [String: String], citedInBook: Set<String>) {
        self.bibliography = bibliography
        self.keysByDOI = keysByDOI
        self.citedInBook = citedInBook
    }

    /// Lowercased DOI → key for every entry with a DOI.
    static func keysByDOI(_ bibliography: Bibliography) -> [String: String] {
        var keys: [String: String] = [:]
        for key in bibliography.order {
            guard let entry = bibliography.entries[key], let doi = entry.fields["doi"].flatMap(DOI.find) else { continue }
            if keys[doi.lowercased()] == nil { keys[doi.lowercased()] = key }
        }
        return keys
    }

    /// The keys a chapter cites, and whether it has anything to bind at all (citations, links
    /// to a DOI of the bibliography, `{bibliography}` blocks).
    static func survey(_ document: Document, bibliography: Bibliography,
                       keysByDOI: [String: String]) -> (keys: Set<String>, needsBinding: Bool) {
        var keys: Set<String> = []
        var needsBinding = false
        document.walk(block: { block in
            if case .bibliography = block.kind { needsBinding = true }
        }, inline: { inline in
            switch inline.kind {
            case .cite(let citation):
                needsBinding = true
                for item in citation.items { if let entry = bibliography.entry(item.key) { keys.insert(entry.key) } }
            case .link(let url, _, _):
                if let key = doiKey(url, keysByDOI) {
                    keys.insert(key)
                    needsBinding = true
                }
            default:
                break
            }
        })
        return (keys, needsBinding)
    }

    /// The key whose DOI a `doi.org` link points to.
    private static func doiKey(_ url: String, _ keysByDOI: [String: String]) -> String? {
        guard !keysByDOI.isEmpty, url.containsBytes("doi.org/"), let doi = DOI.find(in: url) else { return nil }
        return keysByDOI[doi.lowercased()]
    }

    mutating func bind(_ document: consuming Document) -> Document {
        var bound = Document.rebuilt(handingOver: document) { block in
            fallback = block.range
            if case .bibliography = block.kind { hasListings = true }
            return rewriteChildren(of: block) ?? block
        }
        var listed: Set<String> = []
        // The listings are filled once every citation of the page is bound (`cited` filters);
        // most citing pages have none, and their tree is not copied again.
        if hasListings {
            bound = bound.rewritingBlocks { block in
                guard case .bibliography(var listing) = block.kind else { return block }
                listing.entries = self.entries(for: listing.filter, at: block.range)
                listed.formUnion(listing.entries.map(\.key))
                var copy = block
                copy.kind = .bibliography(listing)
                return copy
            }
        }
        let unlisted = bibliography.inReferenceOrder(cited.filter { !listed.contains($0) })
        if !unlisted.isEmpty {
            var references = BibliographyListing(filter: nil, isPageReferences: true)
            references.entries = unlisted.compactMap(entry)
            bound.children.append(Block(.bibliography(references)))
        }
        return bound
    }

    static func anchor(_ key: String) -> String {
        "cite-" + Labels.htmlID(key)
    }

    private func entry(_ key: String) -> ReferenceEntry? {
        guard let entry = bibliography.entries[key] else { return nil }
        return ReferenceEntry(key: key, anchor: Self.anchor(key),
                              content: bibliography.reference(entry))
    }

    /// The entries `filter` keeps (all without one). A filter callbook cannot read is a warning,
    /// and the works cited in the book are listed, as sphinxcontrib-bibtex lists them for a
    /// filter it cannot parse.
    private mutating func entries(for filter: String?, at range: SourceRange?) -> [ReferenceEntry] {
        var keys = bibliography.order
        if let filter, !filter.trimmingWhitespace().isEmpty {
            switch BibliographyFilter.parse(filter) {
            case .success(let parsed):
                keys = keys.filter { key in
                    guard let entry = bibliography.entries[key] else { return false }
                    return parsed.keeps(entry, .init(citedInBook: citedInBook.contains(key), citedOnPage: citedSet.contains(key)))
                }
            case .failure(let unsupported):
                diagnostics.append(.warning("bibliography-filter", "callbook cannot read :filter: \(filter) (\(unsupported.reason)); "
                    + "it reads cited, True, False, docname in docnames, key, type, author or a field with ==, !=, in {…} "
                    + "or % \"regex\", and not/and/or; the works cited in the book are listed", at: range))
                keys = keys.filter(citedInBook.contains)
            }
        }
        if keys.isEmpty, bibliography.isEmpty {
            diagnostics.append(.warning("bibliography-empty", "{bibliography} has nothing to list: no bibliography entry was read",
                                        at: range))
        }
        return keys.compactMap(entry)
    }

    mutating func rewrite(_ block: Block) -> Block? {
        if case .bibliography = block.kind { hasListings = true }
        return rewriteChildren(of: block)
    }

    /// Text holds nothing this pass changes.
    static var rewritesText: Bool { false }

    mutating func rewrite(_ inline: Inline) -> Inline? {
        let rewritten = rewriteChildren(of: inline)
        return bind(rewritten ?? inline) ?? rewritten
    }

    /// The inline as a bound citation; nil when it is neither a citation nor a link to a DOI
    /// of the bibliography.
    private mutating func bind(_ inline: Inline) -> Inline? {
        switch inline.kind {
        case .cite(var citation):
            let range = inline.range ?? fallback
            if citation.isBare, citation.items.contains(where: { bibliography.entry($0.key) == nil }) {
                return Inline(.text(citation.source), at: inline.range)  // `@handle`, not a key
            }
            for index in citation.items.indices {
                let key = citation.items[index].key
                guard let entry = bibliography.entry(key) else {
                    pendingSuggestions.append(DidYouMean.Pending(diagnostic: diagnostics.count, request: .init(vocabulary: .citationKey, wanted: key)))
                    diagnostics.append(.warning("citation-unknown", "no bibliography entry '\(key)'", at: range))
                    continue
                }
                note(entry.key)
                citation.items[index].anchor = Self.anchor(entry.key)
                citation.items[index].text = text(entry, citation)
            }
            var copy = inline
            copy.kind = .cite(citation)
            return copy
        case .link(let url, _, let children):
            guard let key = Self.doiKey(url, keysByDOI) else { return nil }
            note(key)
            var item = Citation.Item(key: key)
            item.anchor = Self.anchor(key)
            // A bare address reads as a citation; a link with words of its own keeps them.
            let bare = children.plainText == url
            var citation = Citation(kind: .narrative, items: [item], ownText: bare ? nil : children)
            if bare, let entry = bibliography.entries[key] { citation.items[0].text = text(entry, citation) }
            return Inline(.cite(citation), at: inline.range)
        default:
            return nil
        }
    }

    private mutating func note(_ key: String) {
        if citedSet.insert(key).inserted { cited.append(key) }
    }

    private func text(_ entry: BibEntry, _ citation: Citation) -> [Inline] {
        let year = bibliography.year(entry)
        switch citation.form {
        case .authorYear: return CitationStyle.inText(entry, year: year, narrative: citation.kind == .narrative)
        case .withoutParentheses: return CitationStyle.inText(entry, year: year, narrative: false)
        case .year, .yearInParentheses: return [Inline(.text(year))]
        }
    }
}
