// The one place that knows where each node kind keeps its children. Walkers, rewriters and
// every pass built on them reach children only through `mapChildLists` (blocks) and
// `mapChildList` (inlines), or their read-only twins `forEachChildList` and `children`, which
// read the same lists without copying (a test checks the twins agree), so a new node kind is
// taught here, in this file.

extension Block {
    /// A copy whose child lists are each passed whole through `blocks` or `inlines`, in
    /// document order (an admonition's title before its body, a term before its definition).
    /// A list's items are one list of blocks; a table has one list per cell.
    public func mapChildLists(blocks: ([Block]) -> [Block], inlines: ([Inline]) -> [Inline]) -> Block {
        var copy = self
        switch kind {
        case .paragraph(let c): copy.kind = .paragraph(inlines(c))
        case .heading(let depth, let c, let id): copy.kind = .heading(depth: depth, children: inlines(c), identifier: id)
        case .blockquote(let c): copy.kind = .blockquote(blocks(c))
        case .list(let ordered, let start, let spread, let items):
            copy.kind = .list(ordered: ordered, start: start, spread: spread, items: blocks(items))
        case .listItem(let spread, let c): copy.kind = .listItem(spread: spread, children: blocks(c))
        case .directive(var d): d.children = blocks(d.children); copy.kind = .directive(d)
        case .table(var t):
            t.rows = t.rows.map { row in TableRow(cells: row.cells.map { var cell = $0; cell.children = blocks(cell.children); return cell }) }
            copy.kind = .table(t)
        case .container(var c): c.children = blocks(c.children); copy.kind = .container(c)
        case .caption(let c): copy.kind = .caption(blocks(c))
        case .legend(let c): copy.kind = .legend(blocks(c))
        case .admonition(var a):
            a.title = a.title.map(inlines)
            a.children = blocks(a.children)
            copy.kind = .admonition(a)
        case .footnoteDefinition(var f): f.children = blocks(f.children); copy.kind = .footnoteDefinition(f)
        case .details(var d):
            d.summary = inlines(d.summary)
            d.children = blocks(d.children)
            copy.kind = .details(d)
        case .tabSet(let id, let items):
            copy.kind = .tabSet(id: id, items: items.map { item in
                TabItem(title: inlines(item.title), selected: item.selected, children: blocks(item.children))
            })
        case .aside(var a):
            a.title = a.title.map(inlines)
            a.children = blocks(a.children)
            copy.kind = .aside(a)
        case .div(let classes, let c): copy.kind = .div(classes: classes, children: blocks(c))
        case .definitionList(let items):
            copy.kind = .definitionList(items.map { item in
                var copy = item
                copy.term = inlines(item.term)
                copy.definition = blocks(item.definition)
                return copy
            })
        case .thematicBreak, .code, .html, .target, .comment, .blockBreak, .math, .image, .iframe, .calls, .bibliography:
            break
        }
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
    public func mapChildList(_ transform: ([Inline]) -> [Inline]) -> Inline {
        var copy = self
        switch kind {
        case .emphasis(let c): copy.kind = .emphasis(transform(c))
        case .strong(let c): copy.kind = .strong(transform(c))
        case .link(let url, let title, let c): copy.kind = .link(url: url, title: title, children: transform(c))
        case .role(let name, let value, let c): copy.kind = .role(name: name, value: value, children: transform(c))
        case .subscript(let c): copy.kind = .subscript(transform(c))
        case .superscript(let c): copy.kind = .superscript(transform(c))
        case .underline(let c): copy.kind = .underline(transform(c))
        case .delete(let c): copy.kind = .delete(transform(c))
        case .abbreviation(let title, let c): copy.kind = .abbreviation(title: title, children: transform(c))
        case .crossReference(var r): r.children = transform(r.children); copy.kind = .crossReference(r)
        case .text, .inlineCode, .image, .html, .break, .keyboard, .inlineMath, .footnoteReference, .cite:
            break
        }
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
        mapChildList { _ in children }
    }
}
