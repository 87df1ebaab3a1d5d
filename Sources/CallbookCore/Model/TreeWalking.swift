// Walkers that visit every node and rewriters that replace nodes, in the manner of
// swift-markdown's MarkupWalker and MarkupRewriter, over our value types.

extension Block {
    /// The block's direct inline children, if it holds inlines.
    public var inlineChildren: [Inline]? {
        switch kind {
        case .paragraph(let c), .heading(_, let c, _): return c
        default: return nil
        }
    }

    /// The block's direct block children, if it holds blocks.
    public var blockChildren: [Block]? {
        switch kind {
        case .blockquote(let c), .listItem(_, let c): return c
        case .list(_, _, _, let items): return items
        default: return nil
        }
    }

    /// Calls `visitBlock` on this block and every block below it, depth first, in order,
    /// and `visitInline` on every inline below them.
    public func walk(block visitBlock: (Block) -> Void, inline visitInline: (Inline) -> Void = { _ in }) {
        visitBlock(self)
        if let inlines = inlineChildren {
            for inline in inlines { inline.walk(visitInline) }
        }
        if let blocks = blockChildren {
            for child in blocks { child.walk(block: visitBlock, inline: visitInline) }
        }
    }

    /// A copy with every inline below it (after its own children) passed through `transform`.
    public func rewritingInlines(_ transform: (Inline) -> Inline) -> Block {
        var copy = self
        switch kind {
        case .paragraph(let c):
            copy.kind = .paragraph(c.map { $0.rewriting(transform) })
        case .heading(let depth, let c, let id):
            copy.kind = .heading(depth: depth, children: c.map { $0.rewriting(transform) }, identifier: id)
        case .blockquote(let c):
            copy.kind = .blockquote(c.map { $0.rewritingInlines(transform) })
        case .listItem(let spread, let c):
            copy.kind = .listItem(spread: spread, children: c.map { $0.rewritingInlines(transform) })
        case .list(let ordered, let start, let spread, let items):
            copy.kind = .list(ordered: ordered, start: start, spread: spread,
                              items: items.map { $0.rewritingInlines(transform) })
        case .thematicBreak, .code, .html:
            break
        }
        return copy
    }

    /// A copy in which every block (children first) is passed through `transform`.
    public func rewritingBlocks(_ transform: (Block) -> Block) -> Block {
        var copy = self
        switch kind {
        case .blockquote(let c):
            copy.kind = .blockquote(c.map { $0.rewritingBlocks(transform) })
        case .listItem(let spread, let c):
            copy.kind = .listItem(spread: spread, children: c.map { $0.rewritingBlocks(transform) })
        case .list(let ordered, let start, let spread, let items):
            copy.kind = .list(ordered: ordered, start: start, spread: spread,
                              items: items.map { $0.rewritingBlocks(transform) })
        default:
            break
        }
        return transform(copy)
    }
}

extension Inline {
    /// The inline's children, if it has any.
    public var children: [Inline]? {
        switch kind {
        case .emphasis(let c), .strong(let c), .link(_, _, let c): return c
        default: return nil
        }
    }

    /// Calls `visit` on this inline and every inline below it, depth first.
    public func walk(_ visit: (Inline) -> Void) {
        visit(self)
        for child in children ?? [] { child.walk(visit) }
    }

    /// A copy with its children rewritten first, then itself passed through `transform`.
    public func rewriting(_ transform: (Inline) -> Inline) -> Inline {
        var copy = self
        switch kind {
        case .emphasis(let c): copy.kind = .emphasis(c.map { $0.rewriting(transform) })
        case .strong(let c): copy.kind = .strong(c.map { $0.rewriting(transform) })
        case .link(let url, let title, let c):
            copy.kind = .link(url: url, title: title, children: c.map { $0.rewriting(transform) })
        default: break
        }
        return transform(copy)
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
