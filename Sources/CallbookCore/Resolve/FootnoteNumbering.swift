/// Footnotes are numbered in the order of their first reference on the page; definitions
/// take the same numbers, and unreferenced ones come last.
struct FootnoteNumbering: TreeRewriter {
    /// Footnote identifier → its number.
    private let order: [String: Int]

    /// The order of first references on the page.
    private struct FirstReferences: TreeWalker {
        var order: [String: Int] = [:]

        mutating func visit(_ inline: Inline) -> WalkDecision {
            if case .footnoteReference(let reference) = inline.kind, order[reference.identifier] == nil {
                order[reference.identifier] = order.count + 1
            }
            return .visitChildren
        }
    }

    static func number(_ document: consuming Document) -> Document {
        var references = FirstReferences()
        references.walk(document)
        guard !references.order.isEmpty else { return document }
        var numbering = FootnoteNumbering(order: references.order)
        return numbering.rewrite(taking: document)
    }

    mutating func rewrite(_ block: Block) -> Block? {
        let rewritten = rewriteChildren(of: block)
        var copy = rewritten ?? block
        guard case .footnoteDefinition(var definition) = copy.kind else { return rewritten }
        definition.number = order[definition.identifier]
        copy.kind = .footnoteDefinition(definition)
        return copy
    }

    /// Text holds nothing this pass changes.
    static var rewritesText: Bool { false }

    mutating func rewrite(_ inline: Inline) -> Inline? {
        guard case .footnoteReference(var reference) = inline.kind else { return rewriteChildren(of: inline) }
        var copy = inline
        reference.number = order[reference.identifier]
        copy.kind = .footnoteReference(reference)
        return copy
    }
}
