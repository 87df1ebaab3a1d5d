/// The preview of every target of one page, made once in the first resolve pass (so a page with
/// thousands of references to it costs no more than one with a single one), keyed by the
/// target's anchor on the page. A heading or a `(label)=` shows the first paragraph after it
/// (before the next heading), a figure its number, caption and image, a glossary term its
/// definition, an equation its TeX, an admonition its title and first paragraph.
struct TargetPreviews {
    /// The key of the page's own preview (its title and description or first paragraph).
    static let page = ""

    let pagePath: String
    private(set) var previews: [String: TargetPreview] = [:]

    /// Anchor → preview for every target of `document` (already anchored, with its images
    /// pointing at their place in the site), and `TargetPreviews.page` → the page's own.
    static func collect(_ document: Document, pagePath: String, title: String, description: String?) -> [String: TargetPreview] {
        var collector = TargetPreviews(pagePath: pagePath)
        let text = description.map { TextExcerpt.cut($0, limit: TargetPreview.textLimit) } ?? firstParagraph(in: document.children)
        collector.previews[page] = TargetPreview(kind: .section, title: title, text: text)
        collector.scan(document.children, section: title)
        return collector.previews
    }

    /// The previews of the targets in `blocks` and, recursively, in their children.
    /// - Parameter section: the title of the section the list is in, for `(label)=` anchors.
    private mutating func scan(_ blocks: [Block], section: String) {
        // For each position, the first paragraph after it and before the next heading.
        var following = [Int?](repeating: nil, count: blocks.count)
        var next: Int?
        for index in blocks.indices.reversed() {
            following[index] = next
            switch blocks[index].kind {
            case .heading: next = nil
            case .paragraph: next = index
            default: break
            }
        }
        // Each paragraph's text once, however many anchors stand before it.
        var texts: [Int: String] = [:]
        func text(at index: Int?) -> String {
            guard let index, case .paragraph(let inlines) = blocks[index].kind else { return "" }
            if let known = texts[index] { return known }
            let text = TextExcerpt.cut(inlines.plainText, limit: TargetPreview.textLimit)
            texts[index] = text
            return text
        }
        var section = section
        for (index, block) in blocks.enumerated() {
            switch block.kind {
            case .heading(_, let children, let id?):
                section = TextExcerpt.cut(children.plainText, limit: TargetPreview.textLimit)
                previews[id] = TargetPreview(kind: .section, title: section, text: text(at: following[index]))
            case .target(_, let id?):
                previews[id] = TargetPreview(kind: .section, title: section, text: text(at: following[index]))
            case .container(let container):
                if let id = container.htmlID { previews[id] = preview(of: container) }
            case .math(let math):
                if let id = math.htmlID {
                    let title = math.number.map { NumberedKind.equation.word + " " + NumberedKind.equationLabel($0) } ?? ""
                    previews[id] = TargetPreview(kind: .equation, title: title, text: "", tex: math.value)
                }
            case .admonition(let admonition):
                if let id = admonition.htmlID {
                    let title = admonition.title.map(\.plainText) ?? admonition.defaultTitle
                    previews[id] = TargetPreview(kind: .section, title: TextExcerpt.cut(title, limit: TargetPreview.textLimit),
                                                 text: Self.firstParagraph(in: admonition.children))
                }
            case .definitionList(let items):
                for item in items where !item.identifier.isEmpty {
                    previews[item.identifier] = TargetPreview(
                        kind: .term, title: TextExcerpt.cut(item.term.plainText, limit: TargetPreview.textLimit),
                        text: Self.firstParagraph(in: item.definition))
                }
            default:
                break
            }
            block.forEachChildList(blocks: { scan($0, section: section) }, inlines: { _ in })
        }
    }

    /// "Figure N" (or "Table N"), the caption, and a figure's first image as a site path.
    private func preview(of container: Container) -> TargetPreview {
        let numbered = NumberedKind(container.kind)
        let title = container.number.map { "\(numbered.word) \($0)" } ?? numbered.word
        var caption = ""
        var image: String?
        for child in container.children {
            switch child.kind {
            case .caption(let blocks) where caption.isEmpty: caption = Self.firstParagraph(in: blocks)
            case .image(let block) where image == nil && container.kind == .figure && !block.url.isEmpty:
                image = LinkRewriter.isExternal(block.url) ? block.url : BookPaths.resolve(block.url, from: pagePath)
            default: break
            }
        }
        return TargetPreview(kind: .figure, title: title, text: caption, image: image)
    }

    /// The text of the first paragraph of `blocks` that has any, cut for a preview; "" when none has.
    private static func firstParagraph(in blocks: [Block]) -> String {
        for block in blocks {
            guard case .paragraph(let inlines) = block.kind else { continue }
            let text = TextExcerpt.cut(inlines.plainText, limit: TargetPreview.textLimit)
            if !text.isEmpty { return text }
        }
        return ""
    }
}
