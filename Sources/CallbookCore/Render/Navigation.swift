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

    /// The sidebar for `page` as an HTML list: every top-level entry, parts' children, and the
    /// children of each entry on the way to `page` and of `page` itself; the current page's
    /// link carries `aria-current="page"`. Built here rather than by a recursive template:
    /// it is the largest part of every page, and this keeps rendering fast.
    func sidebarHTML(for page: String) -> String {
        let place = placeOfPage[page] ?? []
        var out = "<ul class=\"toc\">\n"
        func items(_ nodes: [Node], depth: Int, onPath: Bool) {
            for (position, node) in nodes.enumerated() {
                let isOnPath = onPath && place.count > depth && place[depth] == position
                let title = HTMLEscaping.escape(node.title)
                var classes: [String] = []
                let expand: Bool
                var label: String
                switch node.kind {
                case .page(let target):
                    let current = target == page && isOnPath && place.count == depth + 1
                    if current { classes.append("current") }
                    let url = HTMLEscaping.escapeURL(BookPaths.relativeURL(from: page, to: target))
                    let more = !isOnPath && !node.children.isEmpty ? "<span class=\"more\" aria-hidden=\"true\">›</span>" : ""
                    label = "<a href=\"\(url)\"\(current ? " aria-current=\"page\"" : "")>\(title)\(more)</a>"
                    expand = isOnPath
                case .url(let url):
                    label = "<a href=\"\(HTMLEscaping.escapeURL(url))\" rel=\"external\">\(title)</a>"
                    expand = false
                case .part:
                    classes.append("part")
                    label = "<span class=\"caption\">\(title)</span>"
                    expand = true
                }
                if isOnPath { classes.append("on-path") }
                out += classes.isEmpty ? "<li>" : "<li class=\"\(classes.joined(separator: " "))\">"
                out += label
                if expand && !node.children.isEmpty {
                    out += "\n<ul>\n"
                    items(node.children, depth: depth + 1, onPath: isOnPath)
                    out += "</ul>"
                }
                out += "</li>\n"
            }
        }
        items(roots, depth: 0, onPath: true)
        return out + "</ul>\n"
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
