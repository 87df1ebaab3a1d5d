/// What a walker does after visiting a node.
public enum WalkDecision: Sendable {
    case visitChildren
    /// Prune: the node's subtree is not visited.
    case skipChildren
}

/// Visits a tree depth first, in document order, reading it without copying, in the manner of
/// swift-markdown's `MarkupWalker`. Implement the `visit` methods you need; each decides
/// whether the walk goes into the node's children. The recursion is as deep as the tree,
/// which the parser caps (`NestingLimit.depth`).
public protocol TreeWalker {
    mutating func visit(_ block: Block) -> WalkDecision
    mutating func visit(_ inline: Inline) -> WalkDecision
}

extension TreeWalker {
    public mutating func visit(_ block: Block) -> WalkDecision { .visitChildren }
    public mutating func visit(_ inline: Inline) -> WalkDecision { .visitChildren }

    public mutating func walk(_ document: Document) {
        for child in document.children { walk(child) }
    }

    public mutating func walk(_ block: Block) {
        guard visit(block) == .visitChildren else { return }
        block.forEachChildList(blocks: { for child in $0 { walk(child) } }, inlines: { for child in $0 { walk(child) } })
    }

    public mutating func walk(_ inline: Inline) {
        guard visit(inline) == .visitChildren, let children = inline.children else { return }
        for child in children { walk(child) }
    }
}
