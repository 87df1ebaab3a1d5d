import Foundation

/// What each page's HTML depends on, hashed: when a page's key is the same as in the last
/// build, its HTML is the same and need not be rendered or written again. A page depends on
/// its own source and the files it includes, what its references show, where they lead and the
/// previews of their targets, its `{calls}` listings as drawn, the navigation (every page's titles and
/// the TOC: sidebar, breadcrumbs, previous/next), the book's configuration and the theme, and
/// where its images and links point (which depends on which files exist).
public enum RenderKeys {
    /// The part every page shares.
    static func bookSignature(_ book: ResolvedBook, theme: ThemeFiles, baseURL: String?) -> UInt64 {
        var hasher = StableHasher()
        let configuration = book.book.configuration
        for value in [configuration.title, configuration.author, configuration.description, configuration.language,
                      configuration.logo, configuration.favicon, configuration.license, configuration.baseURL, baseURL] {
            hasher.combine(value ?? "\u{0}")
        }
        hasher.combine(book.calendar == nil ? 0 : 1)
        // With `notice: true` in calls.yml, every page loads the call notice.
        hasher.combine(book.book.calls?.notice == true ? "notice" : "-")
        hasher.combine(book.book.logoSize.map { "\($0.width)x\($0.height)" } ?? "-")
        if let repository = configuration.repository {
            hasher.combine(repository.url + "|" + (repository.branch ?? "-") + "|" + (repository.pathToBook ?? "-"))
        }
        func toc(_ entries: [TOCEntry]) {
            for entry in entries {
                // (Spelled out: interpolating the enum went through reflection, 4 µs an entry.)
                switch entry.target {
                case .chapter(let path): hasher.combine("chapter|" + path)
                case .part: hasher.combine("part")
                case .url(let url): hasher.combine("url|" + url)
                }
                hasher.combine((entry.title ?? "") + "|" + String(entry.children.count))
                toc(entry.children)
            }
        }
        toc(book.book.toc)
        for chapter in book.chapters {
            hasher.combine(chapter.pagePath)
            hasher.combine(chapter.title)
            hasher.combine(chapter.navTitle)
        }
        hasher.combine(String(themeSignature(theme)))
        return hasher.value
    }

    /// A hash of every template's name and text.
    static func themeSignature(_ theme: ThemeFiles) -> UInt64 {
        var hasher = StableHasher()
        for name in theme.templates.keys.sorted() {
            hasher.combine(name)
            hasher.combine(theme.templates[name]!.text)
        }
        return hasher.value
    }

    /// Each chapter page's key.
    /// - Parameters:
    ///   - baseURL: where the site is published, as the pages show it (see `SiteRenderer.base`).
    ///   - included: the contents of the files the chapters include, as this build read them.
    ///   - standing: the keys of pages that stand in for themselves (`QuickRebuild`), taken as they are.
    public static func keys(_ book: ResolvedBook, theme: ThemeFiles, baseURL: String?, included: FileContents,
                            standing: [String: UInt64] = [:]) async -> [String: UInt64] {
        let signature = bookSignature(book, theme: theme, baseURL: baseURL)
        let shared = SharedContext(book: book.book, hasCalendar: book.calendar != nil, baseURL: baseURL)
        // Only the pages without a standing key are hashed, in parallel (no task for the others).
        let toHash = book.chapters.filter { standing[$0.pagePath] == nil }
        let hashed = await Parallel.map(toHash) { chapter in
            (chapter.pagePath, key(of: chapter, in: book, signature: signature, shared: shared, included: included))
        }
        var keys: [String: UInt64] = [:]
        keys.reserveCapacity(book.chapters.count)
        for chapter in book.chapters {
            if let key = standing[chapter.pagePath] { keys[chapter.pagePath] = key }
        }
        for (page, key) in hashed { keys[page] = key }
        return keys
    }

    /// One chapter page's key; `signature` is the book's, `shared` what every page shows of the book.
    private static func key(of chapter: ResolvedChapter, in book: ResolvedBook, signature: UInt64, shared: SharedContext,
                            included: FileContents) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(String(signature))
        hasher.combine(String(chapter.chapter.sourceHash, radix: 16))
        hasher.combine(book.book.lastCommits[chapter.path].map { String($0.timeIntervalSince1970) } ?? "-")
        for file in chapter.chapter.includes.sorted() {
            hasher.combine(file)
            hasher.combine(bytes: included[file] ?? Data())
        }
        for reference in chapter.references {
            hasher.combine("\(reference.kind)|\(reference.label)|\(reference.page ?? "-")|\(reference.htmlID ?? "-")|\(reference.text)")
        }
        // The previews of other pages' targets that the page carries.
        for entry in chapter.previews {
            let preview = entry.preview
            hasher.combine("\(entry.url)|\(preview.kind)|\(preview.title)|\(preview.text)|\(preview.image ?? "-")|\(preview.tex ?? "-")")
        }
        // Where images and links point depends on which files exist, not only on the text.
        chapter.document.walk(block: { block in
            switch block.kind {
            case .calls(let listing):
                // Everything a listing shows comes from calls.yml and the labels it names: the
                // listing as drawn.
                var html = HTMLOutput()
                SiteRenderer.callsListings(book.calendar, pagePath: chapter.pagePath, shared: shared).render(listing, into: &html)
                hasher.combine(html.text)
            case .image(let image):
                hasher.combine(image.url)
            case .bibliography(let listing):
                for entry in listing.entries { hasher.combine(entry.anchor + "|" + entry.content.plainText) }
            default:
                break
            }
        }, inline: { inline in
            switch inline.kind {
            case .image(let url, _, _), .link(let url, _, _): hasher.combine(url)
            case .cite(let citation): hasher.combine(citation.plainText + "|" + citation.items.map { $0.anchor ?? "-" }.joined(separator: "|"))
            default: break
            }
        })
        return hasher.value
    }
}
