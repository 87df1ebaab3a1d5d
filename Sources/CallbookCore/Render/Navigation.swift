/// The book's navigation, computed once: the TOC tree with each chapter's page and title,
/// the reading order, and each page's place in the tree. Per page it builds only what that
/// page shows (top level plus the branch leading to it), so rendering stays linear in size.
struct Navigation: Sendable {
    struct Node: Sendable {
        enum Kind: Sendable { case page(String), part, url(String) }
        var kind: Kind
        var title: String
        var children: [Node]
        /// The title, escaped for HTML (once per build, not once per page).
        var escapedTitle: String

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
    /// Page path → indices from the roots down to that page's node.
    let placeOfPage: [String: [Int]]
    let readingOrder: [Link]
    let readingIndex: [String: Int]
    /// Folder of a page → every page node's relative link from there, in pre-order.
    let linksFrom: [String: [String]]
    /// About how long the sidebar's HTML is, to reserve it at once.
    let sidebarSize: Int
    /// Page path → the pre-order numbers of the nodes from the roots down to that page.
    let pathOfPage: [String: [Int]]
    /// Folder → its sidebar with every branch closed and no page current, and where each
    /// node's changing parts sit in it: a page's sidebar is this with a few tags replaced.
    let closedSidebars: [String: ClosedSidebar]

    struct ClosedSidebar: Sendable {
        var bytes: [UInt8]
        /// Per node in pre-order: its `<li…>` tag, where its link's `">` is (pages), and where
        /// its `<details>` tag starts (-1 without one).
        var li: [Range<Int>]
        var linkEnd: [Int]
        var details: [Int]
        var kinds: [UInt8]  // 0 page, 1 part, 2 url
    }

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
        let folders = Set(places.keys.map { BookPaths.directory(of: $0) } + [""])
        linksFrom = Self.links(roots: roots, folders: folders)
        sidebarSize = places.count * 120
        var paths: [String: [Int]] = [:]
        var flat = 0
        func number(_ nodes: [Node], prefix: [Int]) {
            for node in nodes {
                let path = prefix + [flat]
                flat += 1
                if case .page(let page) = node.kind, paths[page] == nil { paths[page] = path }
                number(node.children, prefix: path)
            }
        }
        number(roots, prefix: [])
        pathOfPage = paths
        var closed: [String: ClosedSidebar] = [:]
        for folder in folders { closed[folder] = Self.closedSidebar(roots: roots, links: linksFrom[folder] ?? []) }
        closedSidebars = closed
    }

    /// A folder's sidebar with every branch closed and no page current (the same HTML as
    /// `sidebarHTMLDirect` writes for a page outside the table of contents), and where each
    /// node's tags are in it.
    static func closedSidebar(roots: [Node], links: [String]) -> ClosedSidebar {
        var out: [UInt8] = Array("<ul class=\"toc\">\n".utf8)
        var li: [Range<Int>] = [], linkEnd: [Int] = [], details: [Int] = [], kinds: [UInt8] = []
        func append(_ text: String) { out.append(contentsOf: text.utf8) }
        func items(_ nodes: [Node]) {
            for node in nodes {
                let number = li.count
                let start = out.count
                switch node.kind {
                case .page:
                    append("<li>")
                    li.append(start..<out.count)
                    append("<a href=\"")
                    append(links.indices.contains(number) ? links[number] : "")
                    linkEnd.append(out.count)
                    append("\">")
                    kinds.append(0)
                case .url(let url):
                    append("<li>")
                    li.append(start..<out.count)
                    append("<a href=\"")
                    append(HTMLEscaping.escapeURL(url))
                    linkEnd.append(out.count)
                    append("\" rel=\"external\">")
                    kinds.append(2)
                case .part:
                    append("<li class=\"part\">")
                    li.append(start..<out.count)
                    linkEnd.append(-1)
                    append("<span class=\"caption\">")
                    kinds.append(1)
                }
                append(node.escapedTitle)
                if case .part = node.kind { append("</span>") } else { append("</a>") }
                details.append(-1)
                if !node.children.isEmpty {
                    if case .part = node.kind {
                        append("\n<ul>\n")
                        items(node.children)
                        append("</ul>")
                    } else {
                        details[number] = out.count
                        append("<details><summary><span class=\"visually-hidden\">")
                        append(node.escapedTitle)
                        append(": sections</span></summary>\n<ul>\n")
                        items(node.children)
                        append("</ul></details>")
                    }
                }
                append("</li>\n")
            }
        }
        items(roots)
        append("</ul>\n")
        return ClosedSidebar(bytes: out, li: li, linkEnd: linkEnd, details: details, kinds: kinds)
    }

    /// The sidebar for `page` (see `sidebarHTMLDirect`): its folder's closed sidebar with the
    /// tags of the nodes on the way to the page replaced, so each page costs one copy.
    func sidebarHTML(for page: String) -> String {
        guard let closed = closedSidebars[BookPaths.directory(of: page)] else { return sidebarHTMLDirect(for: page) }
        let path = pathOfPage[page] ?? []
        var out: [UInt8] = []
        out.reserveCapacity(closed.bytes.count + 64 * path.count + 32)
        var at = 0
        func copy(to end: Int) {
            out.append(contentsOf: closed.bytes[at..<end])
        }
        for (step, node) in path.enumerated() {
            let current = step == path.count - 1
            let kind = closed.kinds[node]
            copy(to: closed.li[node].lowerBound)
            switch kind {
            case 0: out.append(contentsOf: (current ? "<li class=\"current\">" : "<li class=\"on-path\">").utf8)
            case 1: out.append(contentsOf: "<li class=\"part on-path\">".utf8)
            default: out.append(contentsOf: "<li class=\"on-path\">".utf8)
            }
            at = closed.li[node].upperBound
            if kind == 0 && current {
                copy(to: closed.linkEnd[node])
                out.append(contentsOf: "\" aria-current=\"page".utf8)
                at = closed.linkEnd[node]
            }
            if closed.details[node] >= 0 {
                copy(to: closed.details[node])
                out.append(contentsOf: "<details open>".utf8)
                at = closed.details[node] + "<details>".utf8.count
            }
        }
        copy(to: closed.bytes.count)
        return String(decoding: out, as: UTF8.self)
    }

    /// The sidebar for `page` as an HTML list holding the whole table of contents. An entry with
    /// children is followed by a `<details>` whose `<summary>` shows or hides them (without
    /// JavaScript); it is open on the way to `page` and below `page`, closed elsewhere. The
    /// current page's link carries `aria-current="page"`, the entries above it `class="on-path"`.
    /// Built here rather than by a recursive template: it is the largest part of every page.
    /// `sidebarHTML(for:)` makes the same HTML by patching a folder's closed sidebar; this
    /// builds it node by node (pages outside the table of contents' folders, and tests).
    func sidebarHTMLDirect(for page: String) -> String {
        let place = placeOfPage[page] ?? []
        let links = linksFrom[BookPaths.directory(of: page)]
        var out = "<ul class=\"toc\">\n"
        out.reserveCapacity(sidebarSize + 200)
        var flat = 0  // the node's number in pre-order, which indexes `links`
        // Appended piece by piece, without temporary strings: this runs once per page over the
        // whole table of contents.
        func items(_ nodes: [Node], depth: Int, onPath: Bool) {
            for (position, node) in nodes.enumerated() {
                let number = flat
                flat += 1
                let isOnPath = onPath && place.count > depth && place[depth] == position
                let isCurrent = isOnPath && place.count == depth + 1
                switch node.kind {
                case .page(let target):
                    out += isCurrent ? "<li class=\"current\"><a href=\"" : isOnPath ? "<li class=\"on-path\"><a href=\"" : "<li><a href=\""
                    if let links { out += links[number] } else {
                        out += HTMLEscaping.escapeURL(BookPaths.relativeURL(from: page, to: target))
                    }
                    out += isCurrent ? "\" aria-current=\"page\">" : "\">"
                    out += node.escapedTitle
                    out += "</a>"
                case .url(let url):
                    out += isOnPath ? "<li class=\"on-path\"><a href=\"" : "<li><a href=\""
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
                        items(node.children, depth: depth + 1, onPath: isOnPath)
                        out += "</ul>"
                    } else {
                        out += isOnPath ? "<details open><summary><span class=\"visually-hidden\">" : "<details><summary><span class=\"visually-hidden\">"
                        out += node.escapedTitle
                        out += ": sections</span></summary>\n<ul>\n"
                        items(node.children, depth: depth + 1, onPath: isOnPath)
                        out += "</ul></details>"
                    }
                }
                out += "</li>\n"
            }
        }
        items(roots, depth: 0, onPath: true)
        return out + "</ul>\n"
    }

    /// Every page node's link (escaped), in pre-order, as seen from each folder holding a page.
    static func links(roots: [Node], folders: Set<String>) -> [String: [String]] {
        var targets: [String?] = []
        func collect(_ nodes: [Node]) {
            for node in nodes {
                if case .page(let target) = node.kind { targets.append(target) } else { targets.append(nil) }
                collect(node.children)
            }
        }
        collect(roots)
        var result: [String: [String]] = [:]
        for folder in folders {
            let from = folder.isEmpty ? "x.html" : folder + "/x.html"
            result[folder] = targets.map { $0.map { HTMLEscaping.escapeURL(BookPaths.relativeURL(from: from, to: $0)) } ?? "" }
        }
        return result
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
