import Foundation

/// The Resolve stage: gives every chapter its page, title and heading anchors, and binds its
/// links and images to places in the site. Chapters are resolved in parallel.
public struct BookResolver: Sendable {
    public init() {}

    public func resolve(_ book: Book, chapters: [Chapter]) async -> ResolvedBook {
        let pages = Dictionary(chapters.map { ($0.path, BookPaths.pagePath(forChapter: $0.path)) },
                               uniquingKeysWith: { first, _ in first })
        let directory = book.directory
        let results = await withTaskGroup(of: (Int, ResolvedChapter, [Asset], [Diagnostic]).self) { group in
            for (index, chapter) in chapters.enumerated() {
                group.addTask {
                    let (resolved, assets, diagnostics) = Self.resolve(chapter, pages: pages, bookDirectory: directory)
                    return (index, resolved, assets, diagnostics)
                }
            }
            var ordered = [(ResolvedChapter, [Asset], [Diagnostic])?](repeating: nil, count: chapters.count)
            for await (index, resolved, assets, diagnostics) in group { ordered[index] = (resolved, assets, diagnostics) }
            return ordered.compactMap { $0 }
        }
        var assets: [String: Asset] = [:]
        var diagnostics: [Diagnostic] = []
        for (_, chapterAssets, chapterDiagnostics) in results {
            for asset in chapterAssets { assets[asset.sitePath] = asset }
            diagnostics += chapterDiagnostics
        }
        for asset in bookAssets(book) { assets[asset.sitePath] = asset }
        return ResolvedBook(book: book, chapters: results.map(\.0),
                            assets: assets.values.sorted { $0.sitePath < $1.sitePath }, diagnostics: diagnostics)
    }

    /// The logo and favicon named by the configuration.
    private func bookAssets(_ book: Book) -> [Asset] {
        [book.configuration.logo, book.configuration.favicon].compactMap { $0 }.compactMap { path in
            let normalized = BookPaths.normalize(path)
            let source = book.directory.appendingPathComponent(normalized).standardizedFileURL.path
            guard FileManager.default.fileExists(atPath: source) else { return nil }
            return Asset(source: source, sitePath: LinkRewriter.sitePath(forAsset: normalized))
        }
    }

    static func resolve(_ chapter: Chapter, pages: [String: String],
                        bookDirectory: URL) -> (ResolvedChapter, [Asset], [Diagnostic]) {
        var slugger = Slugger()
        var outline: [OutlineEntry] = []
        var firstHeading: String?
        var document = chapter.document.rewritingBlocks { block in
            guard case .heading(let depth, let children, _) = block.kind else { return block }
            let text = children.plainText
            let identifier = slugger.uniqueSlug(text)
            if firstHeading == nil { firstHeading = text }
            if depth == 2 || depth == 3 { outline.append(OutlineEntry(depth: depth, title: text, identifier: identifier)) }
            var copy = block
            copy.kind = .heading(depth: depth, children: children, identifier: identifier)
            return copy
        }
        var links = LinkRewriter(bookDirectory: bookDirectory, pages: pages, chapterPath: chapter.path,
                                 displayPath: chapter.source.displayPath)
        document = links.rewrite(document)

        let front = chapter.frontMatter
        let fileName = (chapter.path as NSString).lastPathComponent.replacingOccurrences(of: ".md", with: "")
        let title = front?.title ?? chapter.source.tocTitle ?? firstHeading ?? fileName
        let navTitle = chapter.source.tocTitle ?? front?.shortTitle ?? title
        let resolved = ResolvedChapter(chapter: chapter, pagePath: pages[chapter.path]!, title: title,
                                       navTitle: navTitle, document: document, outline: outline)
        return (resolved, links.assets, links.diagnostics)
    }
}
