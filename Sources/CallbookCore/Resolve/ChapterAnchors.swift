/// The first resolve pass over one chapter, in document order: gives every heading, labelled
/// block and glossary term its unique `id` on the page (a `(label)=` target labels the block
/// after it, as in mystmd), numbers figures, tables, programs and equations per page, numbers
/// footnotes by first reference, and lists the chapter's targets for the book index. Links and
/// images are rewritten in the same walk, by `links` (one walk of the tree, not two).
struct ChapterAnchors: TreeRewriter {
    let pagePath: String
    /// The chapter's links and images, rewritten on the way (none when nil).
    private(set) var links: LinkRewriter?
    private(set) var targets: [Target] = []
    private(set) var outline: [OutlineEntry] = []
    /// The text of the first heading, for the page title when nothing else names it.
    private(set) var firstHeading: [Inline]?
    private var ids = Slugger()
    private var numbering = PageNumbering()
    private var seenContent = false
    private var pageTitle: [Inline] = []
    /// Labels written before a directive, for the first block it produced (index -1).
    private var inherited: [(label: String, index: Int, range: SourceRange?)] = []

    init(pagePath: String, links: LinkRewriter? = nil) {
        self.pagePath = pagePath
        self.links = links
    }

    /// The document with its anchors; handed over, its old tree goes block by block.
    mutating func assign(_ document: consuming Document, pageTitle: [Inline]) -> Document {
        self.pageTitle = pageTitle
        var blocks = document.children
        document.children = []
        let anchored = Document(children: anchorSiblings(&blocks, handingOver: true))
        return FootnoteNumbering.number(consume anchored)
    }

    /// Inlines hold no anchors: only the links' rewriter goes into them.
    mutating func rewrite(inlines: [Inline]) -> [Inline]? { links?.rewrite(inlines: inlines) }

    mutating func rewrite(blocks: [Block]) -> [Block]? {
        var blocks = blocks
        return anchorSiblings(&blocks, handingOver: false)
    }

    /// One list of sibling blocks with their anchors; `handingOver` lets each block go from
    /// `blocks` as soon as it is done (the document's own list, held here alone).
    private mutating func anchorSiblings(_ blocks: inout [Block], handingOver: Bool) -> [Block] {
        var result: [Block] = []
        var pending = inherited
        inherited = []
        for index in blocks.indices {
            let block = blocks[index]
            if handingOver { blocks[index] = Block(.thematicBreak) }
            if case .target(let label, _) = block.kind {
                pending.append((label, result.count, block.range))
                result.append(block)
                continue
            }
            if case .comment = block.kind { result.append(block); continue }
            if case .directive = block.kind {
                // A directive's labels belong to the first node it produced; if none carries them
                // (or it produced nothing), they become a target at the front of its children.
                inherited = pending.map { ($0.label, -1, $0.range) }
                pending = []
                result.append(descend(block))
                continue
            }
            var labelled = block
            let carried = carry(pending.map { ($0.label, $0.range) }, into: &labelled)
            if !carried { anchor(pending, in: &result) }
            pending = []
            result.append(descend(labelled))
            switch block.kind {
            case .heading, .listItem: break
            default: seenContent = true
            }
        }
        anchor(pending, in: &result)
        return result
    }

    /// The block with its children anchored, and its links and images rewritten.
    private mutating func descend(_ block: Block) -> Block {
        guard links != nil else { return rewriteChildren(of: block) ?? block }
        let outer = links!.enter(block)
        let rewritten = rewriteChildren(of: block)
        return links!.leave(block, rewritten: rewritten, outer: outer) ?? block
    }

    /// Targets that no block carries become anchors of their own (`<span id>` before the block);
    /// labels inherited from a directive (index -1) get a target node at the front.
    private mutating func anchor(_ pending: [(label: String, index: Int, range: SourceRange?)], in result: inout [Block]) {
        var front: [Block] = []
        for target in pending {
            let identifier = Labels.normalize(target.label)
            let id = ids.claim(Labels.htmlID(identifier))
            if target.index < 0 {
                front.append(Block(.target(label: target.label, htmlID: id), at: target.range))
            } else {
                result[target.index].kind = .target(label: target.label, htmlID: id)
            }
            targets.append(Target(identifier: identifier, label: target.label, kind: .anchor, pagePath: pagePath,
                                  htmlID: id, title: [], number: nil, implicit: false, range: target.range))
        }
        // Inserted last, so the indices above still point at their targets.
        result.insert(contentsOf: front, at: 0)
    }

    private mutating func register(_ labels: [(String, SourceRange?)], kind: Target.Kind, id: String?, title: [Inline],
                                   number: Int? = nil, fallback: SourceRange?) {
        for (label, range) in labels {
            targets.append(Target(identifier: Labels.normalize(label), label: label, kind: kind, pagePath: pagePath,
                                  htmlID: id, title: title, number: number, implicit: false, range: range ?? fallback))
        }
    }

    /// Gives `block` its anchor and labels; false when the block cannot carry the pending labels.
    private mutating func carry(_ labels: [(String, SourceRange?)], into block: inout Block) -> Bool {
        switch block.kind {
        case .heading(let depth, let children, _):
            let text = children.plainText
            let isTitle = firstHeading == nil && depth == 1 && !seenContent
            let id: String
            if let explicit = labels.last {
                id = ids.claim(Labels.htmlID(Labels.normalize(explicit.0)))
                // Labels before the chapter's title heading label the page itself.
                register(labels, kind: isTitle ? .page : .heading, id: isTitle ? nil : id,
                         title: isTitle ? pageTitle : children, fallback: block.range)
            } else {
                id = ids.claim(Slugger.slug(text))
            }
            targets.append(Target(identifier: Slugger.slug(text), label: text, kind: .heading, pagePath: pagePath,
                                  htmlID: id, title: children, number: nil, implicit: true, range: block.range))
            if firstHeading == nil { firstHeading = children }
            if depth == 2 || depth == 3 { outline.append(OutlineEntry(depth: depth, title: text, identifier: id)) }
            block.kind = .heading(depth: depth, children: children, identifier: id)
            return true
        case .container(var container):
            let label = container.label ?? labels.last?.0
            // An embedded frame is a numbered figure only with a caption, as in mystmd.
            let hasCaption = container.children.contains { if case .caption = $0.kind { return true } else { return false } }
            if hasCaption || !container.classes.contains("iframe") {
                container.number = numbering.next(NumberedKind(container.kind))
            }
            if let label {
                container.label = label
                container.identifier = Labels.normalize(label)
                container.htmlID = ids.claim(Labels.htmlID(Labels.normalize(label)))
                let kind: Target.Kind = container.kind == .figure ? .figure : container.kind == .table ? .table : .code
                let named = container.label.map { [($0, block.range)] } ?? []
                register(Self.merge(named, labels), kind: kind, id: container.htmlID, title: Self.caption(of: container),
                         number: container.number, fallback: block.range)
            }
            block.kind = .container(container)
            return label != nil || labels.isEmpty
        case .math(var math):
            let number = numbering.next(.equation)
            math.number = number
            let label = math.label ?? labels.last?.0
            if let label {
                math.label = label
                math.identifier = Labels.normalize(label)
                math.htmlID = ids.claim(Labels.htmlID(Labels.normalize(label)))
                register(Self.merge(math.label.map { [($0, block.range)] } ?? [], labels), kind: .equation, id: math.htmlID,
                         title: [Inline(.text(NumberedKind.equationLabel(number)))], number: number, fallback: block.range)
            }
            block.kind = .math(math)
            return true
        case .admonition(var admonition):
            guard let label = admonition.label ?? labels.last?.0 else { return labels.isEmpty }
            admonition.label = label
            admonition.identifier = Labels.normalize(label)
            admonition.htmlID = ids.claim(Labels.htmlID(Labels.normalize(label)))
            register(Self.merge([(label, block.range)], labels), kind: .admonition, id: admonition.htmlID,
                     title: admonition.title ?? [Inline(.text(admonition.defaultTitle))], fallback: block.range)
            block.kind = .admonition(admonition)
            return true
        case .code(var code):
            guard let label = code.label ?? labels.last?.0 else { return labels.isEmpty }
            code.label = label
            code.identifier = Labels.normalize(label)
            code.htmlID = ids.claim(Labels.htmlID(Labels.normalize(label)))
            // Labelled code blocks are numbered with code listings, as mystmd does.
            register(Self.merge([(label, block.range)], labels), kind: .code, id: code.htmlID,
                     title: [Inline(.text(label))], number: numbering.next(.code), fallback: block.range)
            block.kind = .code(code)
            return true
        case .definitionList(var items):
            for index in items.indices where !items[index].identifier.isEmpty {  // glossary terms only
                items[index].identifier = ids.claim(items[index].identifier)
                let term = items[index].term
                targets.append(Target(identifier: Labels.normalize(items[index].identifier), label: term.plainText, kind: .term,
                                      pagePath: pagePath, htmlID: items[index].identifier, title: term, number: nil,
                                      implicit: false, range: items[index].range))
            }
            block.kind = .definitionList(items)
            return labels.isEmpty
        default:
            return labels.isEmpty
        }
    }

    /// The block's own label first, then any `(label)=` targets before it, without repeats.
    private static func merge(_ own: [(String, SourceRange?)], _ targets: [(String, SourceRange?)]) -> [(String, SourceRange?)] {
        var seen = Set<String>()
        return (own + targets).filter { seen.insert(Labels.normalize($0.0)).inserted }
    }

    private static func caption(of container: Container) -> [Inline] {
        for child in container.children {
            if case .caption(let blocks) = child.kind, let first = blocks.first, case .paragraph(let inlines) = first.kind {
                return inlines
            }
        }
        return []
    }
}
