import Foundation

/// The second resolve pass over one chapter: binds every reference — `{ref}`, `{numref}`,
/// `{eq}`, `{term}`, `{doc}`, `{any}`, `[](#label)`, `[text](other.md#label)`, `/root/relative.md`,
/// `<project:#label>` — to a relative URL and an anchor through the book index, and gives
/// references without text the text mystmd would (heading text, page title, caption,
/// "Figure N"). What cannot be bound stays visible and gets a warning with a suggestion.
struct ReferenceResolver: TreeRewriter {
    let index: BookIndex
    /// Book-relative chapter path → page path.
    let pages: [String: String]
    /// Page path → page title.
    let titles: [String: [Inline]]
    let chapterPath: String
    let pagePath: String
    let bookDirectory: URL
    let files: any BookFiles
    private(set) var diagnostics: [Diagnostic] = []
    /// The diagnostics that wait for a "did you mean", given once the whole book is bound.
    private(set) var pendingSuggestions: [DidYouMean.Pending] = []
    /// Every reference met, bound or not, in document order.
    private(set) var references: [ResolvedReference] = []
    /// Every label and anchor looked up in the index, found or not.
    private(set) var lookups = TargetLookups()
    /// The range of the chapter's top-level block being resolved, for references without one.
    private var fallback: SourceRange?

    init(index: BookIndex, pages: [String: String], titles: [String: [Inline]], chapterPath: String, bookDirectory: URL,
         files: any BookFiles) {
        self.index = index
        self.pages = pages
        self.titles = titles
        self.chapterPath = chapterPath
        self.pagePath = pages[chapterPath] ?? BookPaths.pagePath(forChapter: chapterPath)
        self.bookDirectory = bookDirectory
        self.files = files
    }

    /// The document with every reference bound; handed over, its old tree goes block by block.
    mutating func resolve(_ document: consuming Document) -> Document {
        Document.rebuilt(handingOver: document) { block in
            fallback = block.range
            return rewriteChildren(of: block) ?? block
        }
    }

    /// Text holds nothing this pass changes.
    static var rewritesText: Bool { false }

    mutating func rewrite(_ inline: Inline) -> Inline? {
        let rewritten = rewriteChildren(of: inline)
        return resolve(rewritten ?? inline) ?? rewritten
    }

    /// The index's target for `label` (see `BookIndex.target`), the lookup recorded.
    private mutating func target(_ label: String, preferring page: String?) -> Target? {
        let identifier = Labels.normalize(label)
        lookups.labels.insert(identifier)
        return index.target(identifier: identifier, preferring: page)
    }

    /// The pages with a heading `label` names implicitly, the lookup recorded.
    private mutating func pagesWithImplicitTarget(_ label: String) -> [String] {
        let identifier = Labels.normalize(label)
        lookups.labels.insert(identifier)
        return index.pagesWithImplicitTarget(identifier: identifier)
    }

    /// What carries anchor `id` on `page`, the lookup recorded.
    private mutating func target(atID id: String, on page: String) -> Target? {
        lookups.anchors.insert(TargetLookups.anchor(id, on: page))
        return index.target(atID: id, on: page)
    }

    private func url(to target: Target) -> String {
        Self.url(from: pagePath, to: target.pagePath, id: target.htmlID)
    }

    /// The link from the page at `pagePath` to anchor `id` on `page` (to the page itself without one).
    static func url(from pagePath: String, to page: String, id: String?) -> String {
        let base = page == pagePath ? "" : BookPaths.relativeURL(from: pagePath, to: page)
        if let id { return base + "#" + id }
        return base.isEmpty ? "#" : base
    }

    /// The inline with its reference bound; nil when it is not one, or a link left as written.
    private mutating func resolve(_ inline: Inline) -> Inline? {
        var copy = inline
        var changed = false
        let range = inline.range ?? fallback
        let recorded = references.count
        switch inline.kind {
        case .crossReference(var reference):
            bind(&reference, range: range)
            copy.kind = .crossReference(reference)
            changed = true
        case .link(let url, let title, let children):
            if let bound = bindLink(url, children: children, range: range) {
                copy.kind = .link(url: bound.url, title: title, children: bound.children)
                changed = true
            }
        default:
            return nil
        }
        if references.count > recorded { references[references.count - 1].text = copy.plainText }
        return changed ? copy : nil
    }

    /// The page of the chapter a `{doc}` names (`intro` or `intro.md`, relative to this chapter).
    private func page(ofDocument label: String) -> String? {
        pages[BookPaths.resolve(label.hasSuffix(".md") ? label : label + ".md", from: chapterPath)]
    }

    private mutating func bind(_ reference: inout CrossReference, range: SourceRange?) {
        let isDocument = reference.kind == .doc
            || (reference.kind == .any && target(reference.label, preferring: pagePath) == nil
                && page(ofDocument: reference.label) != nil)
        if isDocument {
            guard let page = page(ofDocument: reference.label) else {
                warnUnresolved("no page '\(reference.label)' for {doc}", range: range)
                references.append(ResolvedReference(kind: reference.kind, label: reference.label, page: nil, htmlID: nil, range: range))
                return
            }
            references.append(ResolvedReference(kind: reference.kind, label: reference.label, page: page, htmlID: nil, range: range))
            reference.url = page == pagePath ? "#" : BookPaths.relativeURL(from: pagePath, to: page)
            reference.resolvedText = titles[page]
            return
        }
        guard !Labels.normalize(reference.label).isEmpty else {
            warnUnresolved("{\(reference.kind)} has an empty label", range: range)
            return
        }
        let lookup = reference.kind == .term ? "term-" + Slugger.slug(reference.label) : reference.label
        guard let target = target(lookup, preferring: pagePath) else {
            warnUnresolved("no target '\(reference.label)' for {\(reference.kind)}", range: range, suggesting: lookup)
            references.append(ResolvedReference(kind: reference.kind, label: reference.label, page: nil, htmlID: nil, range: range))
            return
        }
        references.append(ResolvedReference(kind: reference.kind, label: reference.label, page: target.pagePath,
                                            htmlID: target.htmlID, range: range))
        reference.url = url(to: target)
        reference.htmlId = target.htmlID
        reference.resolvedText = text(for: target, kind: reference.kind, explicit: reference.children)
        if !reference.children.isEmpty, reference.kind == .numref || reference.kind == .eq {
            // `{numref}`Figure %s <label>``: the explicit text is a template.
            reference.resolvedText = fill(reference.children.plainText, target: target)
            reference.children = []
        }
    }

    /// The text a reference shows when it gives none.
    private func text(for target: Target, kind: ReferenceKind, explicit: [Inline]) -> [Inline] {
        switch kind {
        case .numref:
            return fill(NumberedKind(target.kind)?.numrefTemplate ?? "%s", target: target)
        case .eq:
            return [Inline(.text(target.number.map(NumberedKind.equationLabel) ?? target.label))]
        default:
            return implicitText(target)
        }
    }

    private func implicitText(_ target: Target) -> [Inline] {
        if target.kind == .page { return titles[target.pagePath] ?? [Inline(.text(target.label))] }
        if !target.title.isEmpty { return Self.plain(target.title) }
        if let number = target.number {
            return [Inline(.text("\((NumberedKind(target.kind) ?? .code).word) \(number)"))]
        }
        return [Inline(.text(target.label))]
    }

    /// `%s` and `{number}` → the number; `{name}` → the target's title.
    private func fill(_ template: String, target: Target) -> [Inline] {
        let number = target.number.map(String.init) ?? "?"
        let text = template.replacingOccurrences(of: "%s", with: number)
            .replacingOccurrences(of: "{number}", with: number)
            .replacingOccurrences(of: "{name}", with: target.title.plainText)
        return [Inline(.text(text))]
    }

    /// Link text taken from elsewhere keeps its formatting but loses links and anchors inside.
    static func plain(_ inlines: [Inline]) -> [Inline] {
        inlines.flatMap { inline -> [Inline] in
            switch inline.kind {
            case .link(_, _, let children): return plain(children)
            case .crossReference(let reference):
                return plain(reference.children.isEmpty ? reference.resolvedText ?? [] : reference.children)
            case .footnoteReference: return []
            default: return [inline]
            }
        }
    }

    /// Binds a Markdown link to a chapter, a label or an anchor; nil leaves it as it is.
    private mutating func bindLink(_ url: String, children given: [Inline], range: SourceRange?) -> (url: String, children: [Inline])? {
        var raw = url
        if raw.hasPrefix("project:") { raw = String(raw.dropFirst("project:".count)) }
        guard !raw.isEmpty, !LinkRewriter.isExternal(raw) else { return nil }
        // An autolink (`<project:#x>`) shows its own address: treat it as a link without text.
        let children = given.plainText == url ? [] : given
        let (rawPath, fragment) = LinkRewriter.splitFragment(raw)
        let path = rawPath.removingPercentEncoding ?? rawPath

        if path.isEmpty, let fragment {
            // `#label` or `#anchor`: a label anywhere in the book, or an id on this page.
            if let target = target(fragment, preferring: pagePath) {
                let candidates = pagesWithImplicitTarget(fragment)
                if target.implicit, target.pagePath != pagePath, candidates.count > 1 {
                    // A heading's slug that other pages' headings share: the link may mean any.
                    let listed = candidates.prefix(4).joined(separator: ", ") + (candidates.count > 4 ? ", …" : "")
                    diagnostics.append(.warning("link-ambiguous",
                        "'#\(fragment)' is a heading on \(candidates.count) pages (\(listed)); it goes to the first, \(target.pagePath): give the heading you mean a label, e.g. (\(fragment))=",
                        at: range))
                }
                references.append(ResolvedReference(kind: .link, label: fragment, page: target.pagePath,
                                                    htmlID: target.htmlID, range: range))
                return (self.url(to: target), children.isEmpty ? implicitText(target) : children)
            }
            references.append(ResolvedReference(kind: .link, label: fragment, page: target(atID: fragment, on: pagePath) != nil ? pagePath : nil,
                                                htmlID: fragment, range: range))
            if let anchor = target(atID: fragment, on: pagePath) {
                return ("#" + fragment, children.isEmpty ? implicitText(anchor) : children)
            }
            warnUnresolved("no target '\(fragment)' for link '#\(fragment)'", range: range, suggesting: fragment)
            return nil
        }

        if path.hasSuffix(".md") {
            let chapter = BookPaths.resolve(path, from: chapterPath)
            guard let page = pages[chapter] else {
                let exists = files.exists(BookPaths.file(chapter, in: bookDirectory))
                warnUnresolved(exists ? "link to '\(path)', which is not in the table of contents, so it has no page"
                                      : "link to '\(path)', which does not exist", range: range, id: "link-not-a-page")
                references.append(ResolvedReference(kind: .link, label: path, page: nil, htmlID: nil, range: range))
                return nil
            }
            let base = page == pagePath ? "" : BookPaths.relativeURL(from: pagePath, to: page)
            guard let fragment, !fragment.isEmpty else {
                references.append(ResolvedReference(kind: .link, label: path, page: page, htmlID: nil, range: range))
                return (base.isEmpty ? "#" : base, children.isEmpty ? titles[page] ?? [] : children)
            }
            if let target = target(fragment, preferring: page), target.pagePath == page {
                references.append(ResolvedReference(kind: .link, label: fragment, page: page, htmlID: target.htmlID, range: range))
                return (base + (target.htmlID.map { "#" + $0 } ?? ""), children.isEmpty ? implicitText(target) : children)
            }
            references.append(ResolvedReference(kind: .link, label: fragment, page: target(atID: fragment, on: page) != nil ? page : nil,
                                                htmlID: fragment, range: range))
            guard let anchor = target(atID: fragment, on: page) else {
                warnUnresolved("no anchor '#\(fragment)' on '\(path)'", range: range, id: "link-anchor-missing")
                return (base + "#" + fragment, children)
            }
            return (base + "#" + fragment, children.isEmpty ? implicitText(anchor) : children)
        }

        // `[](label)`: a bare word that names a label, as MyST allows.
        if fragment == nil, !path.contains("/"), !path.contains("."), let target = target(path, preferring: pagePath),
           !files.exists(BookPaths.file(BookPaths.resolve(path, from: chapterPath), in: bookDirectory)) {
            references.append(ResolvedReference(kind: .link, label: path, page: target.pagePath, htmlID: target.htmlID, range: range))
            return (self.url(to: target), children.isEmpty ? implicitText(target) : children)
        }
        return nil
    }

    /// - Parameter suggesting: a label to find the nearest of, for "did you mean" (see `DidYouMean`).
    private mutating func warnUnresolved(_ message: String, range: SourceRange?, id: String = "reference-unresolved",
                                         suggesting wanted: String? = nil) {
        if let wanted { pendingSuggestions.append(DidYouMean.Pending(diagnostic: diagnostics.count, request: .init(vocabulary: .label, wanted: wanted))) }
        diagnostics.append(.warning(id, message, at: range))
    }
}
