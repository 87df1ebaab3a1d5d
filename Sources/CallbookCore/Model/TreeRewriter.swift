/// Rebuilds a tree, in the manner of swift-markdown's `MarkupRewriter`: each node is replaced
/// by the nodes `rewrite` returns — none deletes it, several put them all in its place.
/// The default keeps the node and rewrites its children; an implementation calls
/// `rewriteChildren(of:)` before or after its own change, or not at all to leave the subtree
/// as it is. Passes that look at siblings (a target labelling the block after it) implement
/// `rewrite(blocks:)`. The recursion is as deep as the tree, which the parser caps
/// (`NestingLimit.depth`).
public protocol TreeRewriter {
    mutating func rewrite(_ block: Block) -> [Block]
    mutating func rewrite(_ inline: Inline) -> [Inline]
    /// One list of sibling blocks (a document's, a list's items, a cell's content…).
    mutating func rewrite(blocks: [Block]) -> [Block]
    /// One list of sibling inlines (a paragraph's, a link's text…).
    mutating func rewrite(inlines: [Inline]) -> [Inline]
}

extension TreeRewriter {
    public mutating func rewrite(_ block: Block) -> [Block] { [rewriteChildren(of: block)] }
    public mutating func rewrite(_ inline: Inline) -> [Inline] { [rewriteChildren(of: inline)] }

    public mutating func rewrite(blocks: [Block]) -> [Block] {
        var result: [Block] = []
        result.reserveCapacity(blocks.count)
        for block in blocks { result += rewrite(block) }
        return result
    }

    public mutating func rewrite(inlines: [Inline]) -> [Inline] {
        var result: [Inline] = []
        result.reserveCapacity(inlines.count)
        for inline in inlines { result += rewrite(inline) }
        return result
    }

    /// The block with each of its child lists rewritten.
    public mutating func rewriteChildren(of block: Block) -> Block {
        block.mapChildLists(blocks: { rewrite(blocks: $0) }, inlines: { rewrite(inlines: $0) })
    }

    /// The inline with its children rewritten.
    public mutating func rewriteChildren(of inline: Inline) -> Inline {
        inline.mapChildList { rewrite(inlines: $0) }
    }

    public mutating func rewrite(_ document: Document) -> Document {
        Document(children: rewrite(blocks: document.children))
    }

    /// `rewrite(_:)` of a document handed over (see `Document.rebuilt(handingOver:_:)`): the old
    /// tree goes block by block as the new one is made. Only for a rewriter that takes the
    /// top-level blocks one by one, as the default `rewrite(blocks:)` does.
    public mutating func rewrite(taking document: consuming Document) -> Document {
        Document.rebuilt(handingOver: document) { rewrite($0) }
    }
}
