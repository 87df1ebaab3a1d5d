/// Rebuilds a tree, in the manner of swift-markdown's `MarkupRewriter`: each node is replaced
/// by the node `rewrite` returns, or kept as it is when `rewrite` returns nil. The default
/// rewrites a node's children and keeps the node itself; an implementation calls
/// `rewriteChildren(of:)` before or after its own change, or not at all to leave the subtree
/// as it is. A node whose subtree nothing changed is kept, not copied: a pass that touches a
/// few links shares the rest of the tree with its input. Passes that delete nodes, put several
/// in one's place or look at siblings (a target labelling the block after it) implement
/// `rewrite(blocks:)` or `rewrite(inlines:)`. The recursion is as deep as the tree, which the
/// parser caps (`NestingLimit.depth`).
public protocol TreeRewriter {
    /// The block's replacement, or nil to keep it as it is.
    mutating func rewrite(_ block: Block) -> Block?
    /// The inline's replacement, or nil to keep it as it is.
    mutating func rewrite(_ inline: Inline) -> Inline?
    /// One list of sibling blocks (a document's, a list's items, a cell's content…); nil keeps it.
    mutating func rewrite(blocks: [Block]) -> [Block]?
    /// One list of sibling inlines (a paragraph's, a link's text…); nil keeps it.
    mutating func rewrite(inlines: [Inline]) -> [Inline]?
    /// Whether `rewrite(_:)` may replace a text inline. When false, the default
    /// `rewrite(inlines:)` passes text by without calling it (most inlines are text).
    static var rewritesText: Bool { get }
}

extension TreeRewriter {
    public mutating func rewrite(_ block: Block) -> Block? { rewriteChildren(of: block) }
    public mutating func rewrite(_ inline: Inline) -> Inline? { rewriteChildren(of: inline) }

    public mutating func rewrite(blocks: [Block]) -> [Block]? {
        var result: [Block]?
        for index in blocks.indices {
            guard let replacement = rewrite(blocks[index]) else { continue }
            if result == nil { result = blocks }
            result![index] = replacement
        }
        return result
    }

    public static var rewritesText: Bool { true }

    public mutating func rewrite(inlines: [Inline]) -> [Inline]? {
        var result: [Inline]?
        for index in inlines.indices {
            if !Self.rewritesText, case .text = inlines[index].kind { continue }
            guard let replacement = rewrite(inlines[index]) else { continue }
            if result == nil { result = inlines }
            result![index] = replacement
        }
        return result
    }

    /// The block with each of its child lists rewritten; nil when none changed.
    public mutating func rewriteChildren(of block: Block) -> Block? {
        block.mapChildLists(blocks: { rewrite(blocks: $0) }, inlines: { rewrite(inlines: $0) })
    }

    /// The inline with its children rewritten; nil when they did not change.
    public mutating func rewriteChildren(of inline: Inline) -> Inline? {
        inline.mapChildList { rewrite(inlines: $0) }
    }

    public mutating func rewrite(_ document: Document) -> Document {
        Document(children: rewrite(blocks: document.children) ?? document.children)
    }

    /// `rewrite(_:)` of a document handed over (see `Document.rebuilt(handingOver:_:)`): the old
    /// tree goes block by block as the new one is made. Only for a rewriter that takes the
    /// top-level blocks one by one, as the default `rewrite(blocks:)` does.
    public mutating func rewrite(taking document: consuming Document) -> Document {
        Document.rebuilt(handingOver: document) { rewrite($0) ?? $0 }
    }
}
