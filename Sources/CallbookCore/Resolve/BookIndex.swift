import Synchronization

/// Every target of the book, merged from all chapters, looked up by normalised label.
///
/// Precedence is deterministic: an explicit label beats an implicit heading anchor; between
/// two explicit labels, the first in reading order (book order, then position in the page)
/// wins and the duplicate is an error naming both places; implicit duplicates are silent.
///
/// The book-wide table is made at once; a page's own tables (a label is looked up on its page
/// first, `#anchor` links by identifier) and the labels arranged for "did you mean" are made
/// when first asked for: a rebuild that binds a few chapters asks for a few pages.
public struct BookIndex: Sendable {
    /// Every chapter's targets, as given: the tables below hold where a target is in them (8
    /// bytes), not a copy of it (a target holds five references, each counted at every copy).
    private let chapters: [[Target]]
    /// A target's chapter and its place among that chapter's targets.
    private struct Place: Sendable, Equatable {
        let chapter: Int32
        let index: Int32
        /// A slot that holds no target yet.
        static let none = Place(chapter: -1, index: -1)
    }
    private var targets: [String: Place] = [:]
    /// Page path → the chapters with targets on that page, in reading order.
    private var chaptersByPage: [String: [Int32]] = [:]
    public private(set) var diagnostics: [Diagnostic] = []
    /// Identifier → the pages with an implicit (heading) target of that name, in reading order.
    private var implicitPages: [String: [String]] = [:]
    /// The tables made when first asked for, shared by every copy of the index.
    private let made = Made()

    /// A page's anchors and targets by identifier.
    private struct PageTables: Sendable {
        var ids: [String: Place] = [:]
        var targets: [String: Place] = [:]
    }

    private final class Made: Sendable {
        let pages = Mutex<[String: PageTables]>([:])
        let labelSuggestions = Mutex<LabelSuggestions?>(nil)
    }

    /// - Parameter chapters: each chapter's targets, in reading order.
    public init(_ chapters: [[Target]]) {
        self.chapters = chapters
        // Room for every target at once (24 bytes each): growing the table step by step moved
        // its entries again at every step.
        targets.reserveCapacity(chapters.reduce(0) { $0 + $1.count })
        chaptersByPage.reserveCapacity(chapters.count)
        for (chapter, chapterTargets) in chapters.enumerated() {
            var page: String?
            for (index, target) in chapterTargets.enumerated() {
                let place = Place(chapter: Int32(chapter), index: Int32(index))
                if target.pagePath != page {
                    page = target.pagePath
                    Self.append(Int32(chapter), to: &chaptersByPage[target.pagePath, default: []])
                }
                if target.implicit { Self.append(target.pagePath, to: &implicitPages[target.identifier, default: []]) }
                // One look-up a target: the slot is claimed when it holds none yet.
                guard let existingPlace = Self.claim(&targets[target.identifier, default: .none], for: place) else { continue }
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
    }

    /// Puts `place` in `slot` if it holds none and gives nil; else gives what it holds.
    private static func claim(_ slot: inout Place, for place: Place) -> Place? {
        guard slot == .none else { return slot }
        slot = place
        return nil
    }

    /// Appends `value` unless it is the last already (values come in runs).
    private static func append<T: Equatable>(_ value: T, to values: inout [T]) {
        if values.last != value { values.append(value) }
    }

    private subscript(place: Place) -> Target {
        chapters[Int(place.chapter)][Int(place.index)]
    }

    /// The tables of `page`, made the first time they are asked for.
    private func tables(of page: String) -> PageTables? {
        if let known = made.pages.withLock({ $0[page] }) { return known }
        guard let holders = chaptersByPage[page] else { return nil }
        var tables = PageTables()
        for chapter in holders {
            for (index, target) in chapters[Int(chapter)].enumerated() where target.pagePath == page {
                let place = Place(chapter: chapter, index: Int32(index))
                if let id = target.htmlID, tables.ids[id] == nil { tables.ids[id] = place }
                if let existing = tables.targets[target.identifier] {
                    if self[existing].implicit && !target.implicit { tables.targets[target.identifier] = place }
                } else {
                    tables.targets[target.identifier] = place
                }
            }
        }
        return made.pages.withLock { pages in
            if let other = pages[page] { return other }
            pages[page] = tables
            return tables
        }
    }

    /// The target a label names, looked up on `page` first, then in the whole book.
    public func target(_ label: String, preferring page: String? = nil) -> Target? {
        target(identifier: Labels.normalize(label), preferring: page)
    }

    /// The target a normalised label (`Labels.normalize`) names, looked up on `page` first.
    public func target(identifier: String, preferring page: String? = nil) -> Target? {
        if let page, let local = tables(of: page)?.targets[identifier] { return self[local] }
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
        tables(of: page)?.ids[id].map { self[$0] }
    }

    /// The explicit labels arranged for "did you mean", made the first time they are asked for.
    var labelSuggestions: LabelSuggestions {
        if let known = made.labelSuggestions.withLock({ $0 }) { return known }
        let suggestions = LabelSuggestions(targets.compactMap { identifier, place in
            let target = self[place]
            return target.implicit ? nil : (identifier, target.label)
        })
        return made.labelSuggestions.withLock { stored in
            if let other = stored { return other }
            stored = suggestions
            return suggestions
        }
    }

    /// The explicit label closest to `label` (by edit distance), for "did you mean".
    public func suggestion(for label: String) -> String? {
        labelSuggestions.nearest(to: Labels.normalize(label))
    }
}
