/// The book's navigation, computed once: the TOC tree with each chapter's page and title,
/// the reading order, and each page's place in the tree. Per page it builds only what that
/// page shows (top level plus the branch leading to it), so rendering stays linear in size.
struct Navigation: Sendable {
    struct Node: Sendable {
        enum Kind: Sendable { case page(String), part, url(String) }
        var kind: Kind
        var title: String
        var children: [Node]
    }

    struct Link: Sendable {
        var title: String
        var pagePath: String
    }

    let roots: [Node]
    /// Page path → indices from the roots down to that page's node.
    let placeOfPage: [String: [Int]]
    let readingOrder: [Link]
    let readingIndex: [String: Int]

    init(book: ResolvedBook) {
        var byChapter: [String: ResolvedChapter] = [:]
        for chapter in book.chapters { byChapter[chapter.path] = chapter }
        func build(_ entries: [TOCEntry]) -> [Node] {
            entries.compactMap { entry in
                let children = build(entry.children)
                switch entry.target {
                case .chapter(let path):
                    guard let chapter = byChapter[path] else { return nil }
                    return Node(kind: .page(chapter.pagePath), title: chapter.navTitle, children: children)
                case .part:
                    return Node(kind: .part, title: entry.title ?? "", children: children)
                case .url(let url):
                    return Node(kind: .url(url), title: entry.title ?? url, children: children)
                }
            }
        }
        roots = build(book.book.toc)
        var places: [String: [Int]] = [:]
        func index(_ nodes: [Node], prefix: [Int]) {
            for (position, node) in nodes.enumerated() {
                let place = prefix + [position]
                if case .page(let page) = node.kind, places[page] == nil { places[page] = place }
                index(node.children, prefix: place)
            }
        }
        index(roots, prefix: [])
        placeOfPage = places
        readingOrder = book.chapters.map { Link(title: $0.navTitle, pagePath: $0.pagePath) }
        var readingIndex: [String: Int] = [:]
        for (position, link) in readingOrder.enumerated() { readingIndex[link.pagePath] = position }
        self.readingIndex = readingIndex
    }

    /// The sidebar items for `page`, as template data: every top-level entry, parts' children,
    /// and the children of each entry on the way to `page` and of `page` itself.
    func sidebar(for page: String) -> [[String: Any]] {
        let place = placeOfPage[page] ?? []
        func items(_ nodes: [Node], depth: Int, onPath: Bool) -> [[String: Any]] {
            nodes.enumerated().map { position, node in
                let isOnPath = onPath && place.count > depth && place[depth] == position
                // Every key is set on every item: Mustache looks missing keys up in outer items.
                var item: [String: Any] = ["title": node.title, "url": false, "current": false, "external": false,
                                           "part": false, "expanded": false, "children": [[String: Any]](),
                                           "onPath": isOnPath]
                let expand: Bool
                switch node.kind {
                case .page(let target):
                    item["url"] = BookPaths.relativeURL(from: page, to: target)
                    item["current"] = target == page && isOnPath && place.count == depth + 1
                    expand = isOnPath
                case .url(let url):
                    item["url"] = url
                    item["external"] = true
                    expand = false
                case .part:
                    item["part"] = true
                    expand = true
                }
                if expand && !node.children.isEmpty {
                    item["expanded"] = true
                    item["children"] = items(node.children, depth: depth + 1, onPath: isOnPath)
                }
                return item
            }
        }
        return items(roots, depth: 0, onPath: true)
    }

    /// The chain of entries above `page` (parts have no link), for breadcrumbs.
    func breadcrumbs(for page: String) -> [[String: Any]] {
        guard let place = placeOfPage[page] else { return [] }
        var result: [[String: Any]] = []
        var nodes = roots
        for position in place.dropLast() {
            let node = nodes[position]
            var crumb: [String: Any] = ["title": node.title, "url": false]
            if case .page(let target) = node.kind { crumb["url"] = BookPaths.relativeURL(from: page, to: target) }
            result.append(crumb)
            nodes = node.children
        }
        return result
    }

    func neighbour(of page: String, offset: Int) -> [String: Any]? {
        guard let index = readingIndex[page], readingOrder.indices.contains(index + offset) else { return nil }
        let link = readingOrder[index + offset]
        return ["title": link.title, "url": BookPaths.relativeURL(from: page, to: link.pagePath)]
    }
}
