// Walkers that visit every node and rewriters that replace nodes, in the manner of
// swift-markdown's MarkupWalker and MarkupRewriter, over our value types. Everything is built
// on `mapChildren`, the one place that knows where each node kind keeps its children.

extension Block {
    /// A copy whose direct children are passed through `block` and `inline`.
    public func mapChildren(block: (Block) -> Block, inline: (Inline) -> Inline) -> Block {
        var copy = self
        func blocks(_ list: [Block]) -> [Block] { list.map(block) }
        func inlines(_ list: [Inline]) -> [Inline] { list.map(inline) }
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
        case .thematicBreak, .code, .html, .target, .comment, .blockBreak, .math, .image, .calls, .bibliography:
            break
        }
        return copy
    }

    /// A copy whose lists of child blocks are each passed whole through `transform` (for passes
    /// that look at siblings, such as a target labelling the block after it).
    public func mapChildLists(_ transform: ([Block]) -> [Block]) -> Block {
        var copy = self
        switch kind {
        case .blockquote(let c): copy.kind = .blockquote(transform(c))
        case .list(let ordered, let start, let spread, let items):
            copy.kind = .list(ordered: ordered, start: start, spread: spread, items: items.map { $0.mapChildLists(transform) })
        case .listItem(let spread, let c): copy.kind = .listItem(spread: spread, children: transform(c))
        case .directive(var d): d.children = transform(d.children); copy.kind = .directive(d)
        case .table(var t):
            t.rows = t.rows.map { row in TableRow(cells: row.cells.map { var cell = $0; cell.children = transform(cell.children); return cell }) }
            copy.kind = .table(t)
        case .container(var c): c.children = transform(c.children); copy.kind = .container(c)
        case .caption(let c): copy.kind = .caption(transform(c))
        case .legend(let c): copy.kind = .legend(transform(c))
        case .admonition(var a): a.children = transform(a.children); copy.kind = .admonition(a)
        case .footnoteDefinition(var f): f.children = transform(f.children); copy.kind = .footnoteDefinition(f)
        case .details(var d): d.children = transform(d.children); copy.kind = .details(d)
        case .tabSet(let id, let items):
            copy.kind = .tabSet(id: id, items: items.map { TabItem(title: $0.title, selected: $0.selected, children: transform($0.children)) })
        case .aside(var a): a.children = transform(a.children); copy.kind = .aside(a)
        case .div(let classes, let c): copy.kind = .div(classes: classes, children: transform(c))
        case .definitionList(let items):
            copy.kind = .definitionList(items.map { var item = $0; item.definition = transform(item.definition); return item })
        case .paragraph, .heading, .thematicBreak, .code, .html, .target, .comment, .blockBreak, .math, .image, .calls, .bibliography:
            break
        }
        return copy
    }

    /// Calls `visitBlock` on this block and every block below it, depth first, in order,
    /// and `visitInline` on every inline below them. Reads the tree without copying it.
    public func walk(block visitBlock: (Block) -> Void, inline visitInline: (Inline) -> Void = { _ in }) {
        visitBlock(self)
        func blocks(_ list: [Block]) { for child in list { child.walk(block: visitBlock, inline: visitInline) } }
        func inlines(_ list: [Inline]) { for child in list { child.walk(visitInline) } }
        switch kind {
        case .paragraph(let c), .heading(_, let c, _): inlines(c)
        case .blockquote(let c), .listItem(_, let c), .caption(let c), .legend(let c), .div(_, let c): blocks(c)
        case .list(_, _, _, let items): blocks(items)
        case .directive(let d): blocks(d.children)
        case .table(let t): for row in t.rows { for cell in row.cells { blocks(cell.children) } }
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
        case .thematicBreak, .code, .html, .target, .comment, .blockBreak, .math, .image, .calls, .bibliography:
            break
        }
    }

    /// A copy with every inline below it passed through `transform` (children first).
    public func rewritingInlines(_ transform: (Inline) -> Inline) -> Block {
        mapChildren(block: { $0.rewritingInlines(transform) }, inline: { $0.rewriting(transform) })
    }

    /// A copy in which every block (children first, then itself) is passed through `transform`.
    public func rewritingBlocks(_ transform: (Block) -> Block) -> Block {
        transform(mapChildren(block: { $0.rewritingBlocks(transform) }, inline: { $0 }))
    }
}

extension Inline {
    /// The inline's children, if its kind has any.
    public var children: [Inline]? {
        switch kind {
        case .emphasis(let c), .strong(let c), .link(_, _, let c), .role(_, _, let c), .subscript(let c),
             .superscript(let c), .underline(let c), .delete(let c), .abbreviation(_, let c):
            return c
        case .crossReference(let reference): return reference.children
        default: return nil
        }
    }

    /// A copy whose direct children are passed through `transform`.
    public func mapChildren(_ transform: (Inline) -> Inline) -> Inline {
        var copy = self
        switch kind {
        case .emphasis(let c): copy.kind = .emphasis(c.map(transform))
        case .strong(let c): copy.kind = .strong(c.map(transform))
        case .link(let url, let title, let c): copy.kind = .link(url: url, title: title, children: c.map(transform))
        case .role(let name, let value, let c): copy.kind = .role(name: name, value: value, children: c.map(transform))
        case .subscript(let c): copy.kind = .subscript(c.map(transform))
        case .superscript(let c): copy.kind = .superscript(c.map(transform))
        case .underline(let c): copy.kind = .underline(c.map(transform))
        case .delete(let c): copy.kind = .delete(c.map(transform))
        case .abbreviation(let title, let c): copy.kind = .abbreviation(title: title, children: c.map(transform))
        case .crossReference(var r): r.children = r.children.map(transform); copy.kind = .crossReference(r)
        case .text, .inlineCode, .image, .html, .break, .keyboard, .inlineMath, .footnoteReference, .cite:
            break
        }
        return copy
    }

    /// Calls `visit` on this inline and every inline below it, depth first, without copying.
    public func walk(_ visit: (Inline) -> Void) {
        visit(self)
        guard let children else { return }
        for child in children { child.walk(visit) }
    }

    /// A copy with its children rewritten first, then itself passed through `transform`.
    public func rewriting(_ transform: (Inline) -> Inline) -> Inline {
        transform(mapChildren { $0.rewriting(transform) })
    }
}

extension Document {
    public func walk(block: (Block) -> Void, inline: (Inline) -> Void = { _ in }) {
        for child in children { child.walk(block: block, inline: inline) }
    }

    public func rewritingInlines(_ transform: (Inline) -> Inline) -> Document {
        Document(children: children.map { $0.rewritingInlines(transform) })
    }

    public func rewritingBlocks(_ transform: (Block) -> Block) -> Document {
        Document(children: children.map { $0.rewritingBlocks(transform) })
    }
}
