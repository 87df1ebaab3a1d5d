@testable import CallbookCore
import Foundation
import Testing

/// What a built page shows around its chapter: the sidebar with the current page marked,
/// previous/next in reading order, breadcrumbs, heading anchors and "On this page".
@Suite struct NavigationTests {
    /// Five chapters: a home page, a part holding a chapter with a child and a sibling, an end.
    ///
    ///     index.md
    ///     [Basics]
    ///       basics/setup.md "Setting Up"
    ///         basics/setup/details.md "Details"
    ///       basics/usage.md
    ///     end.md
    static func build() async throws -> (TemporaryBook, BuildResult) {
        let book = try TemporaryBook()
        try book.write("myst.yml", """
            version: 1
            project:
              title: Nav Book
              toc:
                - file: index.md
                - title: Basics
                  children:
                    - file: basics/setup.md
                      title: Setting Up
                      children:
                        - file: basics/setup/details.md
                          title: Details
                    - file: basics/usage.md
                - file: end.md

            """)
        try book.write("index.md", "# Welcome Home\n\nStart here.\n")
        try book.write("basics/setup.md", "# Setup\n\n## Install\n")
        try book.write("basics/setup/details.md", """
            # Details

            ## Hello, World!

            Text.

            ### Sub part

            ## Hello, World!

            #### Too deep for the outline

            ## Notes & `Code`

            """)
        try book.write("basics/usage.md", "---\ntitle: Using It\n---\n\n# Usage heading\n")
        try book.write("end.md", "# The End\n")
        let result = await book.build()
        return (book, result)
    }

    static func page(_ result: BuildResult, _ path: String) throws -> String {
        try #require(BuildInspection.page(result, path), "no page \(path)")
    }

    static func sidebar(_ html: String) throws -> String {
        try #require(BuildInspection.section(html, tag: "nav", class: "sidebar"))
    }

    @Test func buildHasOnePagePerChapterAndNoDiagnostics() async throws {
        let (book, result) = try await Self.build()
        defer { book.remove() }
        #expect(result.diagnostics.isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.pageCount == 5)
        #expect(result.site?.pages.map(\.path)
                == ["index.html", "basics/setup.html", "basics/setup/details.html", "basics/usage.html", "end.html"])
    }

    @Test func sidebarMarksOnlyTheCurrentPage() async throws {
        let (book, result) = try await Self.build()
        defer { book.remove() }

        let expectations: [(page: String, href: String, title: String)] = [
            ("index.html", "index.html", "Welcome Home"),
            ("basics/setup.html", "setup.html", "Setting Up"),
            ("basics/setup/details.html", "details.html", "Details"),
            ("basics/usage.html", "usage.html", "Using It"),
            ("end.html", "end.html", "The End"),
        ]
        for expected in expectations {
            let sidebar = try Self.sidebar(try Self.page(result, expected.page))
            let current = BuildInspection.anchors(sidebar).filter { $0.attributes["aria-current"] != nil }
            #expect(current.count == 1, "\(expected.page): \(current.map(\.text))")
            #expect(current.first?.attributes["aria-current"] == "page")
            #expect(current.first?.attributes["href"] == expected.href, "\(expected.page)")
            #expect(current.first?.text == expected.title, "\(expected.page)")
        }

        // From the deepest page: every link is relative to it, the part is a caption, and the
        // branch down to the page is expanded.
        let sidebar = try Self.sidebar(try Self.page(result, "basics/setup/details.html"))
        let links = BuildInspection.anchors(sidebar).map { "\($0.attributes["href"] ?? "-") \($0.text)" }
        #expect(links == [
            "../../index.html Welcome Home", "../setup.html Setting Up", "details.html Details",
            "../usage.html Using It", "../../end.html The End",
        ])
        #expect(sidebar.contains(#"<span class="caption">Basics</span>"#))

        // The branch down to the page is open, and the entries above the page are marked.
        #expect(sidebar.contains(#"<li class="on-path"><a href="../setup.html">Setting Up</a><details open><summary>"#))
        #expect(sidebar.contains(#"<li class="current"><a href="details.html" aria-current="page">Details</a></li>"#))

        // From the home page, the top level and the part's entries are listed, but not the
        // chapter below "Setting Up": it is off the way to the page, so it shows no children.
        let home = try Self.sidebar(try Self.page(result, "index.html"))
        #expect(BuildInspection.anchors(home).map { $0.attributes["href"] ?? "-" }
                == ["index.html", "basics/setup.html", "basics/usage.html", "end.html"])
        // Its `branch` class keeps room for the chevron the script adds from `toc.js`.
        #expect(home.contains(#"<li class="branch"><a href="basics/setup.html">Setting Up</a></li>"#))
        #expect(home.contains(#"<li><a href="basics/usage.html">Using It</a></li>"#))
        #expect(!home.contains("<details"))

        // From the chapter above "Details": its own children are open below it.
        let setup = try Self.sidebar(try Self.page(result, "basics/setup.html"))
        #expect(BuildInspection.anchors(setup).map { $0.attributes["href"] ?? "-" }
                == ["../index.html", "setup.html", "setup/details.html", "usage.html", "../end.html"])
        #expect(setup.contains(#"<li class="current"><a href="setup.html" aria-current="page">Setting Up</a><details open>"#))
    }

    /// A page's sidebar holds the top level and the branch down to the page, whatever the size of
    /// the rest of the book: in a book of 40 chapters with 40 sections each (1,640 pages), a
    /// section's sidebar links 40 chapters, its 40 siblings and the home page, 81 links, and the
    /// home page's 41, so the site grows linearly with the book.
    @Test func sidebarGrowsWithTheBranchNotTheBook() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        var toc = "version: 1\nproject:\n  title: Wide\n  toc:\n    - file: index.md\n"
        try book.write("index.md", "# Home\n")
        for chapter in 1...40 {
            toc += "    - file: c\(chapter).md\n      children:\n"
            try book.write("c\(chapter).md", "# Chapter \(chapter)\n")
            for section in 1...40 {
                toc += "        - file: c\(chapter)/s\(section).md\n"
                try book.write("c\(chapter)/s\(section).md", "# Section \(chapter).\(section)\n")
            }
        }
        try book.write("myst.yml", toc)
        let result = await book.build()
        #expect(result.pageCount == 1 + 40 + 40 * 40)
        let section = try Self.sidebar(try Self.page(result, "c7/s3.html"))
        let links = BuildInspection.anchors(section)
        #expect(links.count == 81)
        #expect(links.filter { $0.attributes["href"]!.hasPrefix("../c7/") || !$0.attributes["href"]!.contains("/") }.count == 40)
        #expect(links.first { $0.attributes["aria-current"] == "page" }?.text == "Section 7.3")
        #expect(BuildInspection.anchors(try Self.sidebar(try Self.page(result, "index.html"))).count == 41)

        // Without JavaScript every page is still reached through the sidebars alone: from the
        // home page, following links down (a chapter's page lists its sections).
        var seen: Set<String> = ["index.html"], queue = ["index.html"]
        while let page = queue.popLast() {
            let folder = BookPaths.directory(of: page)
            for link in BuildInspection.anchors(try Self.sidebar(try Self.page(result, page))) {
                let href = try #require(link.attributes["href"])
                let target = BookPaths.normalize(folder.isEmpty ? href : folder + "/" + href)
                if seen.insert(target).inserted { queue.append(target) }
            }
        }
        #expect(seen.count == 1_641)  // the home page, 40 chapters, 40 × 40 sections
        #expect(seen == Set(result.site?.pages.map(\.path) ?? []))
    }

    /// The whole tree is written once, in `_static/toc.js`, which every page loads: entries as
    /// `[title, site path, children]`, a part's path `null` (the tree of `build()`'s myst.yml,
    /// with the titles the navigation shows: first heading, TOC title, front matter title).
    @Test func theWholeTreeIsInOneScriptThatEveryPageLoads() async throws {
        let (book, result) = try await Self.build()
        defer { book.remove() }
        let site = BuildInspection.snapshot(book.outside("site"))
        let script = String(decoding: try #require(site["_static/toc.js"]), as: UTF8.self)
        #expect(script == #"window.callbookTOC=[["Welcome Home","index.html"],"#
                + #"["Basics",null,[["Setting Up","basics/setup.html",[["Details","basics/setup/details.html"]]],"#
                + #"["Using It","basics/usage.html"]]],["The End","end.html"]];"# + "\n")
        for (page, root) in [("index.html", ""), ("basics/setup.html", "../"), ("basics/setup/details.html", "../../")] {
            #expect(try Self.page(result, page).contains(#"<script defer src="\#(root)_static/toc.js"></script>"#), "\(page)")
        }
        for page in ["search.html", "404.html"] {
            let html = String(decoding: try #require(site[page]), as: UTF8.self)
            #expect(html.contains(#"<script defer src="_static/toc.js"></script>"#), "\(page)")
        }
    }

    @Test func previousAndNextFollowTheReadingOrder() async throws {
        let (book, result) = try await Self.build()
        defer { book.remove() }

        func pager(_ path: String) throws -> (previous: String?, next: String?) {
            let html = try Self.page(result, path)
            let anchors = BuildInspection.anchors(try #require(BuildInspection.section(html, tag: "nav", class: "pager")))
            let previous = anchors.filter { $0.attributes["rel"] == "prev" }
            let next = anchors.filter { $0.attributes["rel"] == "next" }
            #expect(previous.count <= 1 && next.count <= 1)
            return (previous.first?.attributes["href"], next.first?.attributes["href"])
        }
        #expect(try pager("index.html") == (nil, "basics/setup.html"))
        #expect(try pager("basics/setup.html") == ("../index.html", "setup/details.html"))
        #expect(try pager("basics/setup/details.html") == ("../setup.html", "../usage.html"))
        #expect(try pager("basics/usage.html") == ("setup/details.html", "../end.html"))
        #expect(try pager("end.html") == ("basics/usage.html", nil))

        // The pager names the neighbours by their navigation titles.
        let details = try Self.page(result, "basics/setup/details.html")
        let pagerHTML = try #require(BuildInspection.section(details, tag: "nav", class: "pager"))
        #expect(pagerHTML.contains("Setting Up"))
        #expect(pagerHTML.contains("Using It"))
    }

    @Test func breadcrumbsListTheAncestors() async throws {
        let (book, result) = try await Self.build()
        defer { book.remove() }

        func crumbs(_ path: String) throws -> [String] {
            let html = try Self.page(result, path)
            let nav = try #require(BuildInspection.section(html, tag: "nav", class: "breadcrumbs"))
            let items = try NSRegularExpression(pattern: #"<li>(.*?)</li>"#, options: [.dotMatchesLineSeparators])
            let ns = nav as NSString
            return items.matches(in: nav, range: NSRange(location: 0, length: ns.length)).map { match in
                let item = ns.substring(with: match.range(at: 1))
                let anchors = BuildInspection.anchors(item)
                if let anchor = anchors.first { return "\(anchor.attributes["href"] ?? "-") \(anchor.text)" }
                return item.replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
            }
        }
        #expect(try crumbs("basics/setup/details.html")
                == ["../../index.html Nav Book", "Basics", "../setup.html Setting Up", "Details"])
        #expect(try crumbs("basics/usage.html") == ["../index.html Nav Book", "Basics", "Using It"])
        #expect(try crumbs("end.html") == ["index.html Nav Book", "The End"])
        let details = try Self.page(result, "basics/setup/details.html")
        #expect(details.contains(#"<span aria-current="page">Details</span>"#))
    }

    @Test func headingsGetSlugIdsAndTheOutlineListsH2AndH3() async throws {
        let (book, result) = try await Self.build()
        defer { book.remove() }

        let details = try Self.page(result, "basics/setup/details.html")
        let body = try #require(BuildInspection.section(details, tag: "article", class: "chapter"))
        let ids = try NSRegularExpression(pattern: #"<h([1-6]) id="([^"]*)""#)
        let ns = body as NSString
        let headings = ids.matches(in: body, range: NSRange(location: 0, length: ns.length)).map {
            "h\(ns.substring(with: $0.range(at: 1)))#\(ns.substring(with: $0.range(at: 2)))"
        }
        #expect(headings == [
            "h1#details", "h2#hello-world", "h3#sub-part", "h2#hello-world-1", "h4#too-deep-for-the-outline",
            "h2#notes-code",
        ])
        #expect(body.contains(##"<a class="headerlink" href="#hello-world-1""##))

        let outline = try #require(BuildInspection.section(details, tag: "nav", class: "outline"))
        #expect(outline.contains("On this page"))
        let entries = BuildInspection.anchors(outline).map { "\($0.attributes["href"] ?? "-") \($0.text)" }
        #expect(entries == ["#hello-world Hello, World!", "#sub-part Sub part", "#hello-world-1 Hello, World!",
                            "#notes-code Notes &amp; Code"])
        #expect(outline.contains(##"<li class="nested"><a href="#sub-part">"##))

        // A page with no h2 or h3 has no outline.
        let end = try Self.page(result, "end.html")
        #expect(BuildInspection.section(end, tag: "nav", class: "outline") == nil)
        #expect(end.contains(#"<h1 id="the-end">"#))
    }

    @Test func pageTitlesComeFromFrontMatterTOCOrFirstHeading() async throws {
        let (book, result) = try await Self.build()
        defer { book.remove() }
        func title(_ path: String) throws -> String? {
            let html = try Self.page(result, path)
            guard let start = html.range(of: "<title>"), let end = html.range(of: "</title>") else { return nil }
            return String(html[start.upperBound..<end.lowerBound])
        }
        #expect(try title("index.html") == "Welcome Home · Nav Book")
        #expect(try title("basics/setup.html") == "Setting Up · Nav Book")       // TOC title
        #expect(try title("basics/usage.html") == "Using It · Nav Book")         // front matter
        #expect(try title("end.html") == "The End · Nav Book")                   // first heading
    }

    /// A sidebar link is made once per folder and shared by the folder's other pages (rendered
    /// in parallel), for the last few folders: every page's sidebar, drawn in any order after
    /// others, is the one a fresh navigation draws for that page alone.
    @Test func sidebarsSharingTheirFoldersLinksAreThoseOfAFreshNavigation() async throws {
        // More folders than `SidebarLinks` keeps, so that drawing in any order also draws pages
        // whose folder's links were let go.
        let chapters = ["index.md", "a/one.md", "a/two.md", "a/b/three.md", "a/b/four.md", "c/five.md", "a/six & seven.md"]
            + (1...(SidebarLinks.foldersKept + 3)).flatMap { ["f\($0)/x.md", "f\($0)/g/y.md"] }
        var files: [String: String] = [:]
        for path in chapters { files[path] = "# \(path)\n" }
        let book = try ResolveFixture.book(toc: chapters, files: files)
        defer { book.remove() }
        let resolved = try await ResolveFixture.resolve(book)
        let shared = Navigation(book: resolved)
        var generator = SeededGenerator(state: 7)
        let pages = resolved.chapters.map(\.pagePath)
        for _ in 0..<3 {
            for page in pages.shuffled(using: &generator) {
                #expect(shared.sidebarHTML(for: page) == Navigation(book: resolved).sidebarHTML(for: page), "\(page)")
            }
        }
        let concurrent = await withTaskGroup(of: (String, String).self) { group in
            for page in pages + pages { group.addTask { (page, shared.sidebarHTML(for: page)) } }
            var drawn: [(String, String)] = []
            for await pair in group { drawn.append(pair) }
            return drawn
        }
        for (page, html) in concurrent { #expect(html == Navigation(book: resolved).sidebarHTML(for: page), "\(page)") }
        // The links themselves: from a/b/, up one folder to a/ and two to the root.
        let fromDeep = shared.sidebarHTML(for: "a/b/three.html")
        #expect(fromDeep.contains("href=\"../one.html\"") && fromDeep.contains("href=\"../../index.html\"")
                && fromDeep.contains("href=\"four.html\"") && fromDeep.contains("href=\"../six%20&amp;%20seven.html\""))
    }
}
