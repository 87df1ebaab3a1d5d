import Testing
@testable import CallbookCore

/// The book index against the rules it states, written out the plainest way (every table made
/// at once, target by target in reading order), on random books: labels shared within and
/// across pages, implicit and explicit, pages shared by chapters, anchors given twice.
@Suite("Book index")
struct BookIndexTests {
    /// The rules, written out: the first explicit target of an identifier wins (later explicit
    /// ones are duplicates), else the first implicit one; on a page, the same among the page's
    /// targets; the first target with an anchor carries it on its page.
    struct Oracle {
        var targets: [String: Target] = [:]
        var onPage: [String: [String: Target]] = [:]
        var ids: [String: [String: Target]] = [:]
        var implicitPages: [String: [String]] = [:]
        var duplicates: [SourceRange?] = []

        init(_ chapters: [[Target]]) {
            for target in chapters.joined() {
                if let existing = targets[target.identifier] {
                    if existing.implicit && !target.implicit { targets[target.identifier] = target }
                    else if !existing.implicit && !target.implicit { duplicates.append(target.range) }
                } else {
                    targets[target.identifier] = target
                }
                if let existing = onPage[target.pagePath]?[target.identifier] {
                    if existing.implicit && !target.implicit { onPage[target.pagePath]![target.identifier] = target }
                } else {
                    onPage[target.pagePath, default: [:]][target.identifier] = target
                }
                if let id = target.htmlID, ids[target.pagePath]?[id] == nil { ids[target.pagePath, default: [:]][id] = target }
                if target.implicit, implicitPages[target.identifier]?.last != target.pagePath {
                    implicitPages[target.identifier, default: []].append(target.pagePath)
                }
            }
        }
    }

    static let identifiers = ["intro", "methods", "fig-map", "tbl-a", "summary", "x", "résumé", "long-label-of-some-length"]
    static let anchors = ["intro", "methods", "fig-map", "a1", "a2"]

    /// A random book: up to 12 chapters on up to 8 pages (a chapter's targets mostly on its
    /// own page), each target told from the others by its number.
    static func book(_ generator: inout SeededGenerator) -> [[Target]] {
        var number = 0
        let pageCount = Int.random(in: 1...8, using: &generator)
        return (0..<Int.random(in: 0...12, using: &generator)).map { chapter in
            let own = "page-\(chapter % pageCount).html"
            return (0..<Int.random(in: 0...15, using: &generator)).map { _ in
                number += 1
                let identifier = identifiers.randomElement(using: &generator)!
                let page = Int.random(in: 0..<5, using: &generator) == 0 ? "page-\(Int.random(in: 0..<pageCount, using: &generator)).html" : own
                return Target(identifier: identifier, label: identifier, kind: .heading, pagePath: page,
                              htmlID: Bool.random(using: &generator) ? anchors.randomElement(using: &generator) : nil,
                              title: [], number: number, implicit: Bool.random(using: &generator),
                              range: SourceRange(file: "\(chapter).md", line: number, column: 1))
            }
        }
    }

    @Test("look-ups, anchors, implicit pages and duplicates as the rules give them, on 400 random books")
    func agreesWithTheRules() async {
        var generator = SeededGenerator(state: 14)
        for round in 0..<400 {
            let chapters = Self.book(&generator)
            let index = BookIndex(chapters)
            let oracle = Oracle(chapters)
            let pages = [nil] + (0..<8).map { "page-\($0).html" } + ["nowhere.html"]
            // Asked from two tasks at once too: the page tables are made on first use.
            let answers = await withTaskGroup(of: [Target?].self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        pages.flatMap { page in Self.identifiers.map { index.target(identifier: $0, preferring: page) } }
                            + pages.compactMap { $0 }.flatMap { page in Self.anchors.map { index.target(atID: $0, on: page) } }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let expected = pages.flatMap { page in
                Self.identifiers.map { identifier in page.flatMap { oracle.onPage[$0]?[identifier] } ?? oracle.targets[identifier] }
            } + pages.compactMap { $0 }.flatMap { page in Self.anchors.map { oracle.ids[page]?[$0] } }
            #expect(answers.allSatisfy { $0 == expected }, "round \(round)")
            for identifier in Self.identifiers {
                #expect(index.pagesWithImplicitTarget(identifier: identifier) == (oracle.implicitPages[identifier] ?? []), "round \(round)")
            }
            #expect(index.diagnostics.map(\.range) == oracle.duplicates, "round \(round)")
            #expect(index.diagnostics.allSatisfy { $0.id == "duplicate-label" })
            // "Did you mean" offers explicit labels only.
            let explicit = Set(chapters.joined().filter { !$0.implicit }.map(\.identifier))
            if let suggested = index.suggestion(for: "intrx") { #expect(explicit.contains(suggested)) }
            #expect((index.suggestion(for: "intrx") != nil) == explicit.contains("intro"), "round \(round)")
        }
    }
}
