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

    @Test func firstBlockIsTheFirstAFullWalkFindsAndStopsThere() {
        let nested = Document(children: [
            Block(.paragraph([Inline(.text("before"))])),
            Block(.admonition(Admonition(kind: "note", title: nil, children: [
                Block(.blockquote([Block(.heading(depth: 3, children: [Inline(.text("deep"))], identifier: nil))])),
            ]))),
            Block(.heading(depth: 2, children: [Inline(.text("later"))], identifier: nil)),
        ])
        func isHeading(_ block: Block) -> Bool { if case .heading = block.kind { true } else { false } }
        for document in [Self.document, nested, Document(children: [])] {
            var all: [Block] = []
            document.walk(block: { if isHeading($0) { all.append($0) } })
            var visited = 0
            let first = document.firstBlock(where: { visited += 1; return isHeading($0) })
            #expect(first == all.first)
            // Nothing after the match is looked at: in `nested`, the paragraph, the note, the
            // quote and the heading (4 of 5 blocks).
            if document == nested { #expect(visited == 4) }
        }
        #expect(nested.firstBlock(where: { _ in false }) == nil)
    }

    @Test func walkSkipsAPrunedSubtree() {
        var collector = TextCollector(skipAdmonitions: true)
        collector.walk(Self.document)
        #expect(collector.texts == ["Title", "a", "b", "c"])
    }

    /// Deletes admonitions, splits every text into one node per character, and drops `strong`:
    /// deletions and replacements by several are made on lists of siblings.
    struct Splitter: TreeRewriter {
        mutating func rewrite(blocks: [Block]) -> [Block]? {
            blocks.compactMap { block in
                if case .admonition = block.kind { return nil }
                return rewrite(block) ?? block
            }
        }

        mutating func rewrite(inlines: [Inline]) -> [Inline]? {
            inlines.flatMap { inline -> [Inline] in
                switch inline.kind {
                case .text(let text): return text.map { Inline(.text(String($0))) }
                case .strong: return []
                default: return [rewrite(inline) ?? inline]
                }
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
        mutating func rewrite(inlines: [Inline]) -> [Inline]? {
            var result: [Inline] = []
            for inline in inlines.map({ rewrite($0) ?? $0 }) {
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

    /// Changes nothing: every node is kept.
    struct Identity: TreeRewriter {}

    @Test func defaultRewriteKeepsTheTree() {
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
            // Every text is reached and replaced in place; a pass that changes nothing keeps
            // the block (nil), for every kind.
            var shouting = Shouting()
            var rewritten = TextCollector()
            rewritten.walk(shouting.rewrite(Block(kind)) ?? Block(kind))
            #expect(rewritten.texts.count == collector.texts.count, "\(kind)")
            #expect(rewritten.texts.allSatisfy { $0 == "X" }, "\(kind)")
            var identity = Identity()
            #expect(identity.rewrite(Block(kind)) == nil, "\(kind)")
        }
    }

    /// Upper-cases every text.
    struct Shouting: TreeRewriter {
        mutating func rewrite(_ inline: Inline) -> Inline? {
            guard case .text(let text) = inline.kind else { return rewriteChildren(of: inline) }
            return Inline(.text(text.uppercased()), at: inline.range)
        }
    }

    @Test func anUntouchedSubtreeIsKeptAndOnlyTheChangedPathIsRebuilt() {
        // The admonition holds no `strong`: a pass that drops only `strong` keeps it (nil from
        // `rewrite`), and the document's other blocks around the one it changed.
        struct StrongDropper: TreeRewriter {
            static func isStrong(_ inline: Inline) -> Bool { if case .strong = inline.kind { true } else { false } }

            /// Drops `strong` where it stands among its siblings (the document has none deeper).
            mutating func rewrite(inlines: [Inline]) -> [Inline]? {
                guard inlines.contains(where: Self.isStrong) else { return nil }
                return inlines.filter { !Self.isStrong($0) }
            }
        }
        var dropper = StrongDropper()
        #expect(dropper.rewrite(Self.document.children[1]) == nil)
        #expect(dropper.rewrite(Self.document.children[0]) == nil)
        #expect(dropper.rewrite(Self.document.children[2]) == Block(.paragraph([Inline(.text("a")), Inline(.text("c"))])))
        #expect(dropper.rewrite(Self.document).children == [Self.document.children[0], Self.document.children[1],
                                                             Block(.paragraph([Inline(.text("a")), Inline(.text("c"))]))])
    }
}

/// The read-only twins (`forEachChildList`, `Inline.children`) read exactly the lists the
/// rewriting ones (`mapChildLists`, `mapChildList`) pass, in the same order, for every kind.
@Suite struct ChildListTwinsTests {
    /// One list of each kind a block can hold, each with its own text so order shows.
    static func blockKinds() -> [Block.Kind] {
        var count = 0
        func text() -> [Inline] { count += 1; return [Inline(.text("t\(count)"))] }
        func blocks() -> [Block] { [Block(.paragraph(text()))] }
        return [
            .paragraph(text()), .heading(depth: 2, children: text(), identifier: nil), .thematicBreak,
            .blockquote(blocks()), .list(ordered: true, start: 3, spread: false, items: blocks()),
            .listItem(spread: true, children: blocks()), .code(CodeBlock(lang: "py", value: "x")), .html("<b>"),
            .directive(Directive(name: "note", argument: nil, options: [], value: "", children: blocks())),
            .target(label: "a", htmlID: nil), .comment("c"), .blockBreak(meta: nil),
            .table(Table(rows: [TableRow(cells: [TableCell(header: true, align: nil, children: blocks()),
                                                 TableCell(header: false, align: nil, children: blocks())])])),
            .container(Container(kind: .figure, label: nil, children: blocks())), .caption(blocks()), .legend(blocks()),
            .admonition(Admonition(kind: "note", title: text(), children: blocks())),
            .admonition(Admonition(kind: "note", title: nil, children: blocks())),
            .footnoteDefinition(FootnoteDefinition(label: "f", children: blocks())),
            .details(Details(summary: text(), open: true, children: blocks())),
            .tabSet(id: "t", items: [TabItem(title: text(), selected: true, children: blocks()),
                                     TabItem(title: text(), selected: false, children: blocks())]),
            .aside(Aside(kind: "margin", title: text(), children: blocks())), .div(classes: ["c"], children: blocks()),
            .definitionList([DefinitionItem(term: text(), identifier: "", definition: blocks()),
                             DefinitionItem(term: text(), identifier: "", definition: blocks())]),
        ]
    }

    enum List: Equatable {
        case blocks([Block])
        case inlines([Inline])
    }

    @Test func blockListsReadInPlaceAreTheListsARewritePasses() {
        for kind in Self.blockKinds() {
            let block = Block(kind)
            var passed: [List] = []
            _ = block.mapChildLists(blocks: { passed.append(.blocks($0)); return $0 },
                                    inlines: { passed.append(.inlines($0)); return $0 })
            var read: [List] = []
            block.forEachChildList(blocks: { read.append(.blocks($0)) }, inlines: { read.append(.inlines($0)) })
            #expect(read == passed, "\(kind)")
        }
    }

    @Test func inlineChildrenReadInPlaceAreTheListARewritePasses() {
        let x = [Inline(.text("x"))]
        let kinds: [Inline.Kind] = [
            .text("a"), .emphasis(x), .strong(x), .link(url: "u", title: nil, children: x), .role(name: "r", value: "v", children: x),
            .subscript(x), .superscript(x), .underline(x), .delete(x), .abbreviation(title: "t", children: x),
            .inlineCode("c"), .html("<i>"), .break, .keyboard("k"), .inlineMath("x"), .image(url: "i", title: nil, alt: "a"),
        ]
        for kind in kinds {
            let inline = Inline(kind)
            var passed: [Inline]?
            _ = inline.mapChildList { passed = $0; return $0 }
            #expect(inline.children == passed, "\(kind)")
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
