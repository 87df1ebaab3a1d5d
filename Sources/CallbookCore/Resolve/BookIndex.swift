/// Every target of the book, merged from all chapters, looked up by normalised label.
///
/// Precedence is deterministic: an explicit label beats an implicit heading anchor; between
/// two explicit labels, the first in reading order (book order, then position in the page)
/// wins and the duplicate is an error naming both places; implicit duplicates are silent.
public struct BookIndex: Sendable {
    private(set) var targets: [String: Target] = [:]
    /// Page path → the anchors on that page and what they are, for `#anchor` links.
    private(set) var idsByPage: [String: [String: Target]] = [:]
    /// Page path → targets on that page by identifier (a label is looked up on its page first).
    private(set) var targetsByPage: [String: [String: Target]] = [:]
    public private(set) var diagnostics: [Diagnostic] = []
    /// Identifier → the pages with an implicit (heading) target of that name, in reading order.
    private var implicitPages: [String: [String]] = [:]
    /// The explicit labels arranged for "did you mean".
    private(set) var labelSuggestions = LabelSuggestions([:])

    /// - Parameter chapters: each chapter's targets, in reading order.
    public init(_ chapters: [[Target]]) {
        // A chapter's targets are nearly all on its own page: that page's tables are filled
        // here and stored once it is left, rather than looked up by page for every target.
        var page: String?
        var ids: [String: Target] = [:]
        var onPage: [String: Target] = [:]
        func leave() {
            guard let page else { return }
            idsByPage[page] = ids
            targetsByPage[page] = onPage
        }
        for chapterTargets in chapters {
            for target in chapterTargets {
                if target.pagePath != page {
                    leave()
                    page = target.pagePath
                    ids = idsByPage[target.pagePath] ?? [:]
                    onPage = targetsByPage[target.pagePath] ?? [:]
                }
                if target.implicit, implicitPages[target.identifier]?.last != target.pagePath {
                    implicitPages[target.identifier, default: []].append(target.pagePath)
                }
                if let id = target.htmlID, ids[id] == nil { ids[id] = target }
                if let existing = onPage[target.identifier] {
                    if existing.implicit && !target.implicit { onPage[target.identifier] = target }
                } else {
                    onPage[target.identifier] = target
                }
                guard let existing = targets[target.identifier] else {
                    targets[target.identifier] = target
                    continue
                }
                if existing.implicit && !target.implicit {
                    targets[target.identifier] = target
                } else if !existing.implicit && !target.implicit && existing != target {
                    diagnostics.append(.error("duplicate-label",
                        "duplicate label '\(target.label)': also defined at \(existing.range.map { "\($0)" } ?? existing.pagePath); references elsewhere go to that first one (on each page, to its own)",
                        at: target.range))
                }
            }
        }
        leave()
        labelSuggestions = LabelSuggestions(targets)
    }

    /// The target a label names, looked up on `page` first, then in the whole book.
    public func target(_ label: String, preferring page: String? = nil) -> Target? {
        target(identifier: Labels.normalize(label), preferring: page)
    }

    /// The target a normalised label (`Labels.normalize`) names, looked up on `page` first.
    public func target(identifier: String, preferring page: String? = nil) -> Target? {
        if let page, let local = targetsByPage[page]?[identifier] { return local }
        return targets[identifier]
    }

    /// The pages holding a heading that `label` names implicitly, in reading order.
    public func pagesWithImplicitTarget(_ label: String) -> [String] {
        pagesWithImplicitTarget(identifier: Labels.normalize(label))
    }

    /// The pages holding a heading that a normalised label names implicitly, in reading order.
    public func pagesWithImplicitTarget(identifier: String) -> [String] {
        implicitPages[identifier] ?? []
    }

    /// What carries anchor `id` on `page` (a heading, a figure…).
    public func target(atID id: String, on page: String) -> Target? {
        idsByPage[page]?[id]
    }

    /// The explicit label closest to `label` (by edit distance), for "did you mean".
    public func suggestion(for label: String) -> String? {
        labelSuggestions.nearest(to: Labels.normalize(label))
    }
}
