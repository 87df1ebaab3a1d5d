@testable import CallbookCore
import Testing

/// The walker and the rewriter over the one definition of each node's children: a walk can
/// prune a subtree; a rewrite can delete a node or put several in its place.
@Suite struct TreeWalkerTests {
    static let document = Document(children: [
        Block(.heading(depth: 1, children: [Inline(.text("Title"))], identifier: nil)),
        Block(.admonition(Admonition(kind: "note", title: [Inline(.text("Heads up"))], children: [
            Block(.paragraph([Inline(.emphasis([Inline(.text("inside"))]))])),
        ]))),
        Block(.paragraph([Inline(.text("a")), Inline(.strong([Inline(.text("b"))])), Inline(.text("c"))])),
    ])

    struct TextCollector: TreeWalker {
        var texts: [String] = []
        var skipAdmonitions = false

        mutating func visit(_ block: Block) -> WalkDecision {
            if skipAdmonitions, case .admonition = block.kind { return .skipChildren }
            return .visitChildren
        }

        mutating func visit(_ inline: Inline) -> WalkDecision {
            if case .text(let text) = inline.kind { texts.append(text) }
            return .visitChildren
        }
    }

    @Test func walkVisitsEveryNodeInDocumentOrder() {
        var collector = TextCollector()
        collector.walk(Self.document)
        #expect(collector.texts == ["Title", "Heads up", "inside", "a", "b", "c"])
    }

    @Test func walkSkipsAPrunedSubtree() {
        var collector = TextCollector(skipAdmonitions: true)
        collector.walk(Self.document)
        #expect(collector.texts == ["Title", "a", "b", "c"])
    }

    /// Deletes admonitions, splits every text into one node per character, and drops `strong`.
    struct Splitter: TreeRewriter {
        mutating func rewrite(_ block: Block) -> [Block] {
            if case .admonition = block.kind { return [] }
            return [rewriteChildren(of: block)]
        }

        mutating func rewrite(_ inline: Inline) -> [Inline] {
            switch inline.kind {
            case .text(let text): return text.map { Inline(.text(String($0))) }
            case .strong: return []
            default: return [rewriteChildren(of: inline)]
            }
        }
    }

    @Test func rewriteDeletesAndReplacesWithSeveral() {
        var splitter = Splitter()
        let result = splitter.rewrite(Self.document)
        #expect(result.children.count == 2)
        #expect(result.children[0] == Block(.heading(depth: 1, children: "Title".map { Inline(.text(String($0))) }, identifier: nil)))
        #expect(result.children[1] == Block(.paragraph([Inline(.text("a")), Inline(.text("c"))])))
    }

    /// Joins adjacent texts: a pass over lists of siblings.
    struct TextJoiner: TreeRewriter {
        mutating func rewrite(inlines: [Inline]) -> [Inline] {
            var result: [Inline] = []
            for inline in inlines.flatMap({ rewrite($0) }) {
                if case .text(let next) = inline.kind, let last = result.last, case .text(let previous) = last.kind {
                    result[result.count - 1] = Inline(.text(previous + next))
                } else {
                    result.append(inline)
                }
            }
            return result
        }
    }

    @Test func rewriteSeesSiblings() {
        var splitter = Splitter()
        var joiner = TextJoiner()
        let result = joiner.rewrite(splitter.rewrite(Self.document))
        #expect(result.children[0] == Block(.heading(depth: 1, children: [Inline(.text("Title"))], identifier: nil)))
        #expect(result.children[1] == Block(.paragraph([Inline(.text("ac"))])))
    }

    @Test func defaultRewriteKeepsTheTree() {
        struct Identity: TreeRewriter {}
        var identity = Identity()
        #expect(identity.rewrite(Self.document) == Self.document)
    }

    @Test func childrenOfEveryContainerKindAreReached() {
        let leaf = Block(.paragraph([Inline(.text("x"))]))
        let kinds: [Block.Kind] = [
            .blockquote([leaf]), .list(ordered: false, start: nil, spread: false, items: [Block(.listItem(spread: false, children: [leaf]))]),
            .directive(Directive(name: "note", argument: nil, options: [], value: "", children: [leaf])),
            .table(Table(rows: [TableRow(cells: [TableCell(header: false, align: nil, children: [leaf])])])),
            .container(Container(kind: .figure, label: nil, children: [Block(.caption([leaf])), Block(.legend([leaf]))])),
            .footnoteDefinition(FootnoteDefinition(label: "a", children: [leaf])),
            .details(Details(summary: [Inline(.text("x"))], open: false, children: [leaf])),
            .tabSet(id: "t", items: [TabItem(title: [Inline(.text("x"))], selected: true, children: [leaf])]),
            .aside(Aside(kind: "margin", title: [Inline(.text("x"))], children: [leaf])),
            .div(classes: [], children: [leaf]),
            .definitionList([DefinitionItem(term: [Inline(.text("x"))], identifier: "", definition: [leaf])]),
        ]
        for kind in kinds {
            var collector = TextCollector()
            collector.walk(Block(kind))
            #expect(!collector.texts.isEmpty, "\(kind)")
            #expect(collector.texts.allSatisfy { $0 == "x" }, "\(kind)")
            var splitter = Splitter()
            #expect(splitter.rewrite(Block(kind)) == [Block(kind)], "\(kind)")
        }
    }
}

/// Walks and rewrites of a tree as deep as `NestingLimit` allows fit the small stack the
/// robustness tests give every stage.
@Suite struct DeepTreeWalkTests {
    static func deepTree() -> Document {
        var block = Block(.paragraph([Inline(.emphasis([Inline(.text("deep"))]))]))
        for level in 0..<NestingLimit.depth {
            block = level.isMultiple(of: 2) ? Block(.blockquote([block])) : Block(.listItem(spread: false, children: [block]))
        }
        return Document(children: [block])
    }

    struct Counter: TreeWalker {
        var blocks = 0
        mutating func visit(_ block: Block) -> WalkDecision {
            blocks += 1
            return .visitChildren
        }
    }

    struct Identity: TreeRewriter {}

    @Test func deepTreesWalkAndRewriteOnASmallStack() async {
        let (blocks, same, closureBlocks) = await ChapterStress.onSmallStack {
            let document = Self.deepTree()
            var counter = Counter()
            counter.walk(document)
            var identity = Identity()
            var closureBlocks = 0
            document.rewritingBlocks { closureBlocks += 1; return $0 }.walk(block: { _ in })
            return (counter.blocks, identity.rewrite(document) == document, closureBlocks)
        }
        #expect(blocks == NestingLimit.depth + 1)
        #expect(same)
        #expect(closureBlocks == NestingLimit.depth + 1)
    }
}
