/// What a build found of one chapter, kept for the next build (`ChapterCache`) so that an
/// unchanged chapter need not be parsed or resolved again: what the rest of the book sees of it
/// (its page, titles, targets, previews, cited keys, assets) and every diagnostic each stage
/// gave it. A chapter taken from its record is a stand-in without a tree: its page is the one
/// the output holds.
struct ChapterRecord: Sendable, Equatable {
    var path: String
    var sourceHash: UInt64
    /// The files it includes (absolute paths, sorted).
    var includes: [String]
    var bibliographyRequests: [BibliographyRequest]
    var parseDiagnostics: [Diagnostic]
    var pagePath: String
    var title: String
    var navTitle: String
    var targets: [Target]
    var previews: PagePreviews
    var assets: [Asset]
    var anchorDiagnostics: [Diagnostic]
    /// The bibliography keys it cites (sorted), and whether it has anything to bind there.
    var citedKeys: [String]
    var needsBinding: Bool
    var hasMath: Bool
    /// Its binding's diagnostics before "did you mean", and those waiting for one.
    var bindDiagnostics: [Diagnostic]
    var pending: [DidYouMean.Pending]
    /// Where its references land, found there or not, as `TargetLookups.anchor(_:on:)` writes
    /// them (a whole page's with the anchor `TargetPreviews.page`), sorted: its page shows the
    /// previews of the targets there.
    var shownPreviews: [String]
    /// The labels and anchors its binding looked up: another chapter's edit that changes the
    /// targets of none of them leaves its page as it is.
    var lookups: TargetLookups

    /// The record of a chapter as a build's passes left it.
    init(anchored: BookResolver.Anchored, survey: (keys: Set<String>, needsBinding: Bool), bound: BookResolver.Bound) {
        let chapter = anchored.chapter
        path = chapter.path
        sourceHash = chapter.sourceHash
        includes = chapter.includes.sorted()
        bibliographyRequests = chapter.bibliographyRequests
        parseDiagnostics = chapter.diagnostics
        pagePath = anchored.pagePath
        title = anchored.title
        navTitle = anchored.navTitle
        targets = anchored.targets
        previews = anchored.previews
        assets = anchored.assets
        anchorDiagnostics = anchored.diagnostics
        citedKeys = survey.keys.sorted()
        needsBinding = survey.needsBinding
        hasMath = bound.chapter.hasMath
        bindDiagnostics = bound.diagnostics
        pending = bound.pending
        shownPreviews = Set(bound.chapter.references.compactMap { reference in
            reference.page.map { TargetLookups.anchor(reference.htmlID ?? TargetPreviews.page, on: $0) }
        }).sorted()
        lookups = bound.chapter.lookups
    }

    /// The chapter as its parse left it, without its tree.
    func chapter(source: ChapterSource) -> Chapter {
        var chapter = Chapter(source: source, frontMatter: nil, document: Document(children: []), diagnostics: parseDiagnostics,
                              includes: Set(includes), bibliographyRequests: bibliographyRequests)
        chapter.sourceHash = sourceHash
        return chapter
    }

    /// The chapter after the first pass of Resolve, without its tree.
    func anchored(_ chapter: Chapter) -> BookResolver.Anchored {
        BookResolver.Anchored(chapter: chapter, pagePath: pagePath, title: title, navTitle: navTitle,
                              document: Document(children: []), outline: [], targets: targets, previews: previews,
                              assets: assets, diagnostics: anchorDiagnostics)
    }

    /// The chapter bound, without its tree (its page is not rendered again).
    func bound(_ chapter: Chapter) -> BookResolver.Bound {
        let resolved = ResolvedChapter(chapter: chapter, pagePath: pagePath, title: title, navTitle: navTitle,
                                       document: Document(children: []), outline: [], hasMath: hasMath)
        return (resolved, bindDiagnostics, pending)
    }

    /// What every page shows of this one, as bytes (source ranges left out): its page and
    /// titles (in the navigation), and the `.bib` files it asks for. Its targets, which only
    /// the pages that look them up show (`TargetChanges`), and its previews are compared apart.
    var sharedBytes: [UInt8] {
        Self.sharedBytes(pagePath: pagePath, title: title, navTitle: navTitle, requests: bibliographyRequests)
    }

    /// `sharedBytes` of a chapter after the first pass of Resolve.
    static func sharedBytes(of chapter: BookResolver.Anchored) -> [UInt8] {
        sharedBytes(pagePath: chapter.pagePath, title: chapter.title, navTitle: chapter.navTitle,
                    requests: chapter.chapter.bibliographyRequests)
    }

    private static func sharedBytes(pagePath: String, title: String, navTitle: String,
                                    requests: [BibliographyRequest]) -> [UInt8] {
        var writer = RecordWriter(withRanges: false)
        writer.text(pagePath)
        writer.text(title)
        writer.text(navTitle)
        writer.requests(requests)
        return writer.bytes.bytes
    }

    func write(to writer: inout RecordWriter) {
        writer.text(path)
        writer.bytes.number(sourceHash)
        writer.texts(includes)
        writer.requests(bibliographyRequests)
        writer.diagnostics(parseDiagnostics)
        writer.text(pagePath)
        writer.text(title)
        writer.text(navTitle)
        writer.targets(targets)
        writer.previews(previews)
        writer.assets(assets)
        writer.diagnostics(anchorDiagnostics)
        writer.texts(citedKeys)
        writer.flag(needsBinding)
        writer.flag(hasMath)
        writer.diagnostics(bindDiagnostics)
        writer.count(pending.count)
        for item in pending {
            writer.count(item.diagnostic)
            writer.flag(item.request.vocabulary == .citationKey)
            writer.text(item.request.wanted)
        }
        writer.texts(shownPreviews)
        writer.texts(lookups.labels.sorted())
        writer.texts(lookups.anchors.sorted())
    }

    /// - Parameter previews: the previews kept from where the record's bytes hold them (offsets
    ///   into `reader.bytes`), already checked (`RecordReader.previewsRange`).
    init?(from reader: inout RecordReader, previews: (Range<Int>) -> PagePreviews) {
        guard let path = reader.text(), let sourceHash = reader.bytes.number(), let includes = reader.texts(),
              let requests = reader.requests(), let parseDiagnostics = reader.diagnostics(), let pagePath = reader.text(),
              let title = reader.text(), let navTitle = reader.text(), let targets = reader.targets(),
              let previewsRange = reader.previewsRange(), let assets = reader.assets(), let anchorDiagnostics = reader.diagnostics(),
              let citedKeys = reader.texts(), let needsBinding = reader.flag(), let hasMath = reader.flag(),
              let bindDiagnostics = reader.diagnostics(), let pendingCount = reader.count() else { return nil }
        var pending: [DidYouMean.Pending] = []
        for _ in 0..<pendingCount {
            guard let index = reader.count(), index < bindDiagnostics.count, let isKey = reader.flag(),
                  let wanted = reader.text() else { return nil }
            pending.append(DidYouMean.Pending(diagnostic: index, request: .init(vocabulary: isKey ? .citationKey : .label,
                                                                                  wanted: wanted)))
        }
        guard let shownPreviews = reader.texts(), let labels = reader.texts(), let anchors = reader.texts() else { return nil }
        self.path = path
        self.sourceHash = sourceHash
        self.includes = includes
        bibliographyRequests = requests
        self.parseDiagnostics = parseDiagnostics
        self.pagePath = pagePath
        self.title = title
        self.navTitle = navTitle
        self.targets = targets
        self.previews = previews(previewsRange)
        self.assets = assets
        self.anchorDiagnostics = anchorDiagnostics
        self.citedKeys = citedKeys
        self.needsBinding = needsBinding
        self.hasMath = hasMath
        self.bindDiagnostics = bindDiagnostics
        self.pending = pending
        self.shownPreviews = shownPreviews
        lookups = TargetLookups(labels: Set(labels), anchors: Set(anchors))
    }
}
