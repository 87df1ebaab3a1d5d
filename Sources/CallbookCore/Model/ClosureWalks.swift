// Walks and rewrites given as closures, for passes small enough not to need a type of their
// own; built, like `TreeWalker` and `TreeRewriter`, on `mapChildLists` alone.

extension Block {
    /// Calls `visitBlock` on this block and every block below it, depth first, in order,
    /// and `visitInline` on every inline below them. Reads the tree without copying it.
    public func walk(block visitBlock: (Block) -> Void, inline visitInline: (Inline) -> Void = { _ in }) {
        visitBlock(self)
        forEachChildList(blocks: { for child in $0 { child.walk(block: visitBlock, inline: visitInline) } },
                         inlines: { for child in $0 { child.walk(visitInline) } })
    }

    /// The first block, this one or below it in document order, for which `matches` holds; the
    /// walk stops there (inlines are not visited).
    public func firstBlock(where matches: (Block) -> Bool) -> Block? {
        if matches(self) { return self }
        var found: Block?
        forEachChildList(blocks: { children in
            for child in children where found == nil {
                found = child.firstBlock(where: matches)
            }
        }, inlines: { _ in })
        return found
    }

    /// A copy with every inline below it passed through `transform` (children first).
    public func rewritingInlines(_ transform: (Inline) -> Inline) -> Block {
        mapChildLists(blocks: { $0.map { $0.rewritingInlines(transform) } },
                      inlines: { $0.map { $0.rewriting(transform) } }) ?? self
    }

    /// A copy in which every block (children first, then itself) is passed through `transform`.
    public func rewritingBlocks(_ transform: (Block) -> Block) -> Block {
        transform(mapChildLists(blocks: { $0.map { $0.rewritingBlocks(transform) } }, inlines: { _ in nil }) ?? self)
    }
}

extension Inline {
    /// Calls `visit` on this inline and every inline below it, depth first, without copying.
    public func walk(_ visit: (Inline) -> Void) {
        visit(self)
        guard let children else { return }
        for child in children { child.walk(visit) }
    }

    /// A copy with its children rewritten first, then itself passed through `transform`.
    public func rewriting(_ transform: (Inline) -> Inline) -> Inline {
        transform(mapChildList { $0.map { $0.rewriting(transform) } } ?? self)
    }
}

extension Document {
    public func walk(block: (Block) -> Void, inline: (Inline) -> Void = { _ in }) {
        for child in children { child.walk(block: block, inline: inline) }
    }

    /// The first block in document order for which `matches` holds; the walk stops there.
    public func firstBlock(where matches: (Block) -> Bool) -> Block? {
        for child in children {
            if let found = child.firstBlock(where: matches) { return found }
        }
        return nil
    }

    public func rewritingInlines(_ transform: (Inline) -> Inline) -> Document {
        Document(children: children.map { $0.rewritingInlines(transform) })
    }

    public func rewritingBlocks(_ transform: (Block) -> Block) -> Document {
        Document(children: children.map { $0.rewritingBlocks(transform) })
    }
}
