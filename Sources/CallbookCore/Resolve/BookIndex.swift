/// Every target of the book, merged from all chapters, looked up by normalised label.
///
/// Precedence is deterministic: an explicit label beats an implicit heading anchor; between
/// two explicit labels, the first in reading order (book order, then position in the page)
/// wins and the duplicate is an error naming both places; implicit duplicates are silent.
public struct BookIndex: Sendable {
    /// Every chapter's targets, as given: the tables below hold where a target is in them (8
    /// bytes), not a copy of it (a target holds five references, each counted at every copy).
    private let chapters: [[Target]]
    /// A target's chapter and its place among that chapter's targets.
    private struct Place: Sendable {
        let chapter: Int32
        let index: Int32
    }
    private var targets: [String: Place] = [:]
    /// Page path → the anchors on that page and what they are, for `#anchor` links.
    private var idsByPage: [String: [String: Place]] = [:]
    /// Page path → targets on that page by identifier (a label is looked up on its page first).
    private var targetsByPage: [String: [String: Place]] = [:]
    public private(set) var diagnostics: [Diagnostic] = []
    /// Identifier → the pages with an implicit (heading) target of that name, in reading order.
    private var implicitPages: [String: [String]] = [:]
    /// The explicit labels arranged for "did you mean".
    private(set) var labelSuggestions = LabelSuggestions([])

    /// - Parameter chapters: each chapter's targets, in reading order.
    public init(_ chapters: [[Target]]) {
        self.chapters = chapters
        // Room for every target at once (24 bytes each): growing the table step by step moved
        // its entries again at every step.
        targets.reserveCapacity(chapters.reduce(0) { $0 + $1.count })
        // A chapter's targets are nearly all on its own page: that page's tables are filled
        // here and stored once it is left, rather than looked up by page for every target.
        var page: String?
        var ids: [String: Place] = [:]
        var onPage: [String: Place] = [:]
        func leave() {
            guard let page else { return }
            idsByPage[page] = ids
            targetsByPage[page] = onPage
        }
        for (chapter, chapterTargets) in chapters.enumerated() {
            for (index, target) in chapterTargets.enumerated() {
                let place = Place(chapter: Int32(chapter), index: Int32(index))
                if target.pagePath != page {
                    leave()
                    page = target.pagePath
                    ids = idsByPage[target.pagePath] ?? [:]
                    onPage = targetsByPage[target.pagePath] ?? [:]
                }
                if target.implicit, implicitPages[target.identifier]?.last != target.pagePath {
                    implicitPages[target.identifier, default: []].append(target.pagePath)
                }
                if let id = target.htmlID, ids[id] == nil { ids[id] = place }
                if let existing = onPage[target.identifier] {
                    if self[existing].implicit && !target.implicit { onPage[target.identifier] = place }
                } else {
                    onPage[target.identifier] = place
                }
                guard let existingPlace = targets[target.identifier] else {
                    targets[target.identifier] = place
                    continue
                }
                let existing = self[existingPlace]
                if existing.implicit && !target.implicit {
                    targets[target.identifier] = place
                } else if !existing.implicit && !target.implicit && existing != target {
                    diagnostics.append(.error("duplicate-label",
                        "duplicate label '\(target.label)': also defined at \(existing.range.map { "\($0)" } ?? existing.pagePath); references elsewhere go to that first one (on each page, to its own)",
                        at: target.range))
                }
            }
        }
        leave()
        labelSuggestions = LabelSuggestions(targets.compactMap { identifier, place in
            let target = self[place]
            return target.implicit ? nil : (identifier, target.label)
        })
    }

    private subscript(place: Place) -> Target {
        chapters[Int(place.chapter)][Int(place.index)]
    }

    /// The target a label names, looked up on `page` first, then in the whole book.
    public func target(_ label: String, preferring page: String? = nil) -> Target? {
        target(identifier: Labels.normalize(label), preferring: page)
    }

    /// The target a normalised label (`Labels.normalize`) names, looked up on `page` first.
    public func target(identifier: String, preferring page: String? = nil) -> Target? {
        if let page, let local = targetsByPage[page]?[identifier] { return self[local] }
        return targets[identifier].map { self[$0] }
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
        idsByPage[page]?[id].map { self[$0] }
    }

    /// The explicit label closest to `label` (by edit distance), for "did you mean".
    public func suggestion(for label: String) -> String? {
        labelSuggestions.nearest(to: Labels.normalize(label))
    }
}
