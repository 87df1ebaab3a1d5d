/// The book's navigation, computed once: the TOC tree with each chapter's page and title,
/// the reading order, and each page's place in the tree. Per page it builds only what that
/// page shows (top level plus the branch leading to it), so rendering stays linear in size;
/// the whole tree goes once into `toc.js` (`tocScript`).
struct Navigation: Sendable {
    struct Node: Sendable {
        enum Kind: Sendable { case page(String), part, url(String) }
        var kind: Kind
        var title: String
        var children: [Node]
        /// The title, escaped for HTML (once per build, not once per page).
        var escapedTitle: String
        /// The entry's place in the whole tree, in document order (for `SidebarLinks`).
        var number = 0

        init(kind: Kind, title: String, children: [Node]) {
            self.kind = kind
            self.title = title
            self.children = children
            escapedTitle = HTMLEscaping.escape(title)
        }
    }

    struct Link: Sendable {
        var title: String
        var pagePath: String
    }

    let roots: [Node]
    /// The sidebar's links made so far, by the folder of the page they are on.
    let sidebarLinks: SidebarLinks
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
        var tree = build(book.book.toc)
        var count = 0
        func number(_ nodes: inout [Node]) {
            for index in nodes.indices {
                nodes[index].number = count
                count += 1
                number(&nodes[index].children)
            }
        }
        number(&tree)
        roots = tree
        sidebarLinks = SidebarLinks()
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

    /// The sidebar for `page` as an HTML list: the top level of the table of contents (the
    /// entries of a part count as top level: a part is a caption), and each entry on the way
    /// down to `page`, `page` included, with its children in an open `<details>` whose
    /// `<summary>` hides or shows them (without JavaScript). Entries off that way show no
    /// children here (`class="branch"` marks those that have some): without JavaScript the
    /// reader opens one by following it, as its own page lists them; with it, `callbook.js`
    /// adds them from the site's one `toc.js` (`TOCScript`). So a page's sidebar grows with the
    /// depth of the book and the width of one branch, never with the whole book, and a build
    /// stays linear in the number of pages. The current page's link carries `aria-current="page"`,
    /// the entries above it `class="on-path"`. Built here rather than by a recursive template:
    /// it runs once per page. With `base`, links are that address followed by their site path
    /// (the 404 page, served at any depth).
    func sidebarHTML(for page: String, base: String? = nil) -> String {
        let place = placeOfPage[page] ?? []
        let links = RelativeLinks(from: page)
        let folder = BookPaths.directory(of: page)
        var known = base == nil ? sidebarLinks.known(in: folder) : [:]
        var madeLinks = false
        /// The escaped link to `target` (entry `number`), from the other pages of this folder if one made it.
        func href(_ target: String, number: Int) -> String {
            if let base { return HTMLEscaping.escapeURL(base + target) }
            if let made = known[number] { return made }
            let made = HTMLEscaping.escapeURL(links.url(to: target))
            known[number] = made
            madeLinks = true
            return made
        }
        // Written as bytes: a `String` append of each piece cost more than the piece. The
        // output is passed down, not captured (a captured variable is checked at every access).
        var out = HTMLOutput()
        out.reserveCapacity(16_384)
        out += "<ul class=\"toc\">\n"
        func items(_ nodes: [Node], depth: Int, onPath: Bool, into out: inout HTMLOutput) {
            for (position, node) in nodes.enumerated() {
                let isOnPath = onPath && place.count > depth && place[depth] == position
                let isCurrent = isOnPath && place.count == depth + 1
                // An entry off the way with children: `branch` keeps room for the chevron that
                // `callbook.js` adds from `toc.js`, so nothing moves when it does.
                let isClosedBranch = !isOnPath && !node.children.isEmpty
                switch node.kind {
                case .page(let target):
                    out += isCurrent ? "<li class=\"current\"><a href=\"" : isOnPath ? "<li class=\"on-path\"><a href=\""
                        : isClosedBranch ? "<li class=\"branch\"><a href=\"" : "<li><a href=\""
                    out += href(target, number: node.number)
                    out += isCurrent ? "\" aria-current=\"page\">" : "\">"
                    out += node.escapedTitle
                    out += "</a>"
                case .url(let url):
                    out += isOnPath ? "<li class=\"on-path\"><a href=\"" : isClosedBranch ? "<li class=\"branch\"><a href=\"" : "<li><a href=\""
                    out += HTMLEscaping.escapeURL(url)
                    out += "\" rel=\"external\">"
                    out += node.escapedTitle
                    out += "</a>"
                case .part:
                    out += isOnPath ? "<li class=\"part on-path\"><span class=\"caption\">" : "<li class=\"part\"><span class=\"caption\">"
                    out += node.escapedTitle
                    out += "</span>"
                }
                if !node.children.isEmpty {
                    if case .part = node.kind {
                        out += "\n<ul>\n"
                        items(node.children, depth: depth + 1, onPath: isOnPath, into: &out)
                        out += "</ul>"
                    } else if isOnPath {
                        out += "<details open><summary><span class=\"visually-hidden\">"
                        out += node.escapedTitle
                        out += ": sections</span></summary>\n<ul>\n"
                        items(node.children, depth: depth + 1, onPath: true, into: &out)
                        out += "</ul></details>"
                    }
                }
                out += "</li>\n"
            }
        }
        items(roots, depth: 0, onPath: true, into: &out)
        out += "</ul>\n"
        if madeLinks { sidebarLinks.keep(known, in: folder) }
        return out.text
    }

    /// `_static/toc.js`: the whole tree, once per site.
    func tocScript() -> SiteFile {
        SiteFile(path: TOCScript.path, contents: TOCScript(roots: roots).script())
    }

    /// The chain of entries above `page` (parts have no link), for breadcrumbs.
    func breadcrumbs(for page: String) -> [Breadcrumb] {
        guard let place = placeOfPage[page] else { return [] }
        var result: [Breadcrumb] = []
        var nodes = roots
        for position in place.dropLast() {
            let node = nodes[position]
            var crumb = Breadcrumb(title: node.title)
            if case .page(let target) = node.kind { crumb.url = BookPaths.relativeURL(from: page, to: target) }
            result.append(crumb)
            nodes = node.children
        }
        return result
    }

    /// The page `offset` places from `page` in the reading order, if there is one.
    func neighbour(of page: String, offset: Int) -> PageLink? {
        guard let index = readingIndex[page], readingOrder.indices.contains(index + offset) else { return nil }
        let link = readingOrder[index + offset]
        return PageLink(title: link.title, url: BookPaths.relativeURL(from: page, to: link.pagePath))
    }
}
