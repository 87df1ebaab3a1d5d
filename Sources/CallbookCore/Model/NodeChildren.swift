// The one place that knows where each node kind keeps its children. Walkers, rewriters and
// every pass built on them reach children only through `mapChildLists` (blocks) and
// `mapChildList` (inlines), or their read-only twins `forEachChildList` and `children`, which
// read the same lists without copying (a test checks the twins agree), so a new node kind is
// taught here, in this file.

extension Block {
    /// A copy whose child lists are each passed whole through `blocks` or `inlines`, in
    /// document order (an admonition's title before its body, a term before its definition).
    /// A list's items are one list of blocks; a table has one list per cell. A closure returns
    /// nil to keep its list as it is; when every list is kept the result is nil, and nothing
    /// was copied (a rewrite leaves an untouched subtree shared, not rebuilt).
    public func mapChildLists(blocks: ([Block]) -> [Block]?, inlines: ([Inline]) -> [Inline]?) -> Block? {
        switch kind {
        case .paragraph(let c): return inlines(c).map { with(.paragraph($0)) }
        case .heading(let depth, let c, let id):
            return inlines(c).map { with(.heading(depth: depth, children: $0, identifier: id)) }
        case .blockquote(let c): return blocks(c).map { with(.blockquote($0)) }
        case .list(let ordered, let start, let spread, let items):
            return blocks(items).map { with(.list(ordered: ordered, start: start, spread: spread, items: $0)) }
        case .listItem(let spread, let c): return blocks(c).map { with(.listItem(spread: spread, children: $0)) }
        case .directive(var d):
            guard let children = blocks(d.children) else { return nil }
            d.children = children
            return with(.directive(d))
        case .table(var t):
            var changed = false
            for row in t.rows.indices {
                for cell in t.rows[row].cells.indices {
                    guard let children = blocks(t.rows[row].cells[cell].children) else { continue }
                    t.rows[row].cells[cell].children = children
                    changed = true
                }
            }
            return changed ? with(.table(t)) : nil
        case .container(var c):
            guard let children = blocks(c.children) else { return nil }
            c.children = children
            return with(.container(c))
        case .caption(let c): return blocks(c).map { with(.caption($0)) }
        case .legend(let c): return blocks(c).map { with(.legend($0)) }
        case .admonition(var a):
            let title = a.title.flatMap(inlines)
            let children = blocks(a.children)
            guard title != nil || children != nil else { return nil }
            if let title { a.title = title }
            if let children { a.children = children }
            return with(.admonition(a))
        case .footnoteDefinition(var f):
            guard let children = blocks(f.children) else { return nil }
            f.children = children
            return with(.footnoteDefinition(f))
        case .details(var d):
            let summary = inlines(d.summary)
            let children = blocks(d.children)
            guard summary != nil || children != nil else { return nil }
            if let summary { d.summary = summary }
            if let children { d.children = children }
            return with(.details(d))
        case .tabSet(let id, var items):
            var changed = false
            for index in items.indices {
                if let title = inlines(items[index].title) { items[index].title = title; changed = true }
                if let children = blocks(items[index].children) { items[index].children = children; changed = true }
            }
            return changed ? with(.tabSet(id: id, items: items)) : nil
        case .aside(var a):
            let title = a.title.flatMap(inlines)
            let children = blocks(a.children)
            guard title != nil || children != nil else { return nil }
            if let title { a.title = title }
            if let children { a.children = children }
            return with(.aside(a))
        case .div(let classes, let c): return blocks(c).map { with(.div(classes: classes, children: $0)) }
        case .definitionList(var items):
            var changed = false
            for index in items.indices {
                if let term = inlines(items[index].term) { items[index].term = term; changed = true }
                if let definition = blocks(items[index].definition) { items[index].definition = definition; changed = true }
            }
            return changed ? with(.definitionList(items)) : nil
        case .thematicBreak, .code, .html, .target, .comment, .blockBreak, .math, .image, .iframe, .calls, .bibliography:
            return nil
        }
    }

    /// This block with `kind` in place of its own.
    private func with(_ kind: Kind) -> Block {
        var copy = self
        copy.kind = kind
        return copy
    }

    /// Calls `blocks` or `inlines` on each child list, in document order, without changing the
    /// tree. The same lists as `mapChildLists`, read in place: a walk allocates nothing.
    public func forEachChildList(blocks: ([Block]) -> Void, inlines: ([Inline]) -> Void) {
        switch kind {
        case .paragraph(let c), .heading(_, let c, _): inlines(c)
        case .blockquote(let c), .list(_, _, _, let c), .listItem(_, let c), .caption(let c), .legend(let c),
             .div(_, let c):
            blocks(c)
        case .directive(let d): blocks(d.children)
        case .table(let t):
            for row in t.rows { for cell in row.cells { blocks(cell.children) } }
        case .container(let c): blocks(c.children)
        case .admonition(let a):
            if let title = a.title { inlines(title) }
            blocks(a.children)
        case .footnoteDefinition(let f): blocks(f.children)
        case .details(let d):
            inlines(d.summary)
            blocks(d.children)
        case .tabSet(_, let items):
            for item in items {
                inlines(item.title)
                blocks(item.children)
            }
        case .aside(let a):
            if let title = a.title { inlines(title) }
            blocks(a.children)
        case .definitionList(let items):
            for item in items {
                inlines(item.term)
                blocks(item.definition)
            }
        case .thematicBreak, .code, .html, .target, .comment, .blockBreak, .math, .image, .iframe, .calls, .bibliography:
            break
        }
    }
}

extension Inline {
    /// A copy whose list of children, if its kind has one, is passed through `transform`.
    /// A reference's children are the text written for it (not the text resolved for it).
    /// Nil when the kind has no children or `transform` returns nil (keep them as they are).
    public func mapChildList(_ transform: ([Inline]) -> [Inline]?) -> Inline? {
        switch kind {
        case .emphasis(let c): return transform(c).map { with(.emphasis($0)) }
        case .strong(let c): return transform(c).map { with(.strong($0)) }
        case .link(let url, let title, let c): return transform(c).map { with(.link(url: url, title: title, children: $0)) }
        case .role(let name, let value, let c): return transform(c).map { with(.role(name: name, value: value, children: $0)) }
        case .subscript(let c): return transform(c).map { with(.subscript($0)) }
        case .superscript(let c): return transform(c).map { with(.superscript($0)) }
        case .underline(let c): return transform(c).map { with(.underline($0)) }
        case .delete(let c): return transform(c).map { with(.delete($0)) }
        case .abbreviation(let title, let c): return transform(c).map { with(.abbreviation(title: title, children: $0)) }
        case .crossReference(var r):
            guard let children = transform(r.children) else { return nil }
            r.children = children
            return with(.crossReference(r))
        case .text, .inlineCode, .image, .html, .break, .keyboard, .inlineMath, .footnoteReference, .cite:
            return nil
        }
    }

    /// This inline with `kind` in place of its own.
    private func with(_ kind: Kind) -> Inline {
        var copy = self
        copy.kind = kind
        return copy
    }

    /// The inline's children, if its kind has any (the lists `mapChildList` passes), read in place.
    public var children: [Inline]? {
        switch kind {
        case .emphasis(let c), .strong(let c), .link(_, _, let c), .role(_, _, let c), .subscript(let c),
             .superscript(let c), .underline(let c), .delete(let c), .abbreviation(_, let c):
            return c
        case .crossReference(let r): return r.children
        case .text, .inlineCode, .image, .html, .break, .keyboard, .inlineMath, .footnoteReference, .cite:
            return nil
        }
    }

    /// A copy with `children` as its children (unchanged if its kind has none).
    public func replacingChildren(with children: [Inline]) -> Inline {
        mapChildList { _ in children } ?? self
    }
}
