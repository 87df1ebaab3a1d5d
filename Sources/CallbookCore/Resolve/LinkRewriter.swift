import Foundation

/// Rewrites one chapter's images and links to files for the site: they are registered as
/// assets and pointed at their place in the site (links to chapters and labels are the
/// `ReferenceResolver`'s). Missing images are warnings at their position; a file outside the
/// project root is an error, and is not copied.
struct LinkRewriter: TreeRewriter {
    let bookDirectory: URL
    let chapterPath: String
    let pagePath: String
    let files: any BookFiles

    private(set) var assets: [Asset] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// The range of the nearest block around the node being rewritten that has one.
    private var fallback: SourceRange?

    init(bookDirectory: URL, chapterPath: String, files: any BookFiles) {
        self.bookDirectory = bookDirectory
        self.files = files
        self.chapterPath = chapterPath
        self.pagePath = BookPaths.pagePath(forChapter: chapterPath)
    }

    /// Image blocks (`{figure}`, `{image}`).
    mutating func rewrite(_ block: Block) -> Block? {
        let outer = enter(block)
        return leave(block, rewritten: rewriteChildren(of: block), outer: outer)
    }

    /// For a walk that goes down the tree itself and has this rewriter rewrite its inlines on
    /// the way (the anchors' pass): `block`'s range is the one its children's problems fall back
    /// on until `leave`. Returns the range to give back then.
    mutating func enter(_ block: Block) -> SourceRange? {
        let outer = fallback
        fallback = block.range ?? outer
        return outer
    }

    /// The end of `enter`: `rewritten` (`block` with its children rewritten, nil if they did not
    /// change) with its own image, if it is one, pointed at the site; nil when nothing changed.
    mutating func leave(_ block: Block, rewritten: Block?, outer: SourceRange?) -> Block? {
        fallback = outer
        var copy = rewritten ?? block
        guard case .image(var image) = copy.kind else { return rewritten }
        image.url = rewriteImage(image.url, at: block.range)
        copy.kind = .image(image)
        return copy
    }

    /// Text holds nothing this pass changes.
    static var rewritesText: Bool { false }

    /// Inline images and links.
    mutating func rewrite(_ inline: Inline) -> Inline? {
        let rewritten = rewriteChildren(of: inline)
        var copy = rewritten ?? inline
        switch copy.kind {
        case .link(let url, let title, let children):
            copy.kind = .link(url: rewriteLink(url, at: inline.range ?? fallback), title: title, children: children)
        case .image(let url, let title, let alt):
            if alt.trimmingWhitespace().isEmpty {
                diagnostics.append(.warning("image-alt-missing",
                    "image '\(url)' has no alt text (![description](…)); it is marked decorative (alt=\"\") for screen readers",
                    at: inline.range ?? fallback))
            }
            copy.kind = .image(url: rewriteImage(url, at: inline.range ?? fallback), title: title, alt: alt)
        default:
            return rewritten
        }
        return copy
    }

    /// True for URLs with a scheme (`https:`, `mailto:`) or protocol-relative ones: before the
    /// first `:`, a letter, then letters, digits, `+`, `-` or `.` (letters of any script).
    static func isExternal(_ url: String) -> Bool {
        if url.hasPrefix("//") { return true }
        // An ASCII scheme is read byte by byte; a character beyond ASCII is read as a Character.
        var length = 0
        var bytes = url.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: ":"):
                // A combining mark after it makes the colon part of another character.
                if let next = bytes.next(), next >= 0x80 { return hasSchemeOfCharacters(url) }
                return length > 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                length += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                guard length > 0 else { return false }
                length += 1
            case 0x80...:
                return hasSchemeOfCharacters(url)
            default:
                return false
            }
        }
        return false
    }

    private static func hasSchemeOfCharacters(_ url: String) -> Bool {
        guard let colon = url.firstIndex(ofASCII: UInt8(ascii: ":")) else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && scheme.first!.isLetter
            && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// Splits `path#fragment` (a query, if any, stays with the path).
    static func splitFragment(_ url: String) -> (path: String, fragment: String?) {
        guard let hash = url.firstIndex(ofASCII: UInt8(ascii: "#")) else { return (url, nil) }
        return (String(url[..<hash]), String(url[url.index(after: hash)...]))
    }

    private mutating func rewriteLink(_ url: String, at range: SourceRange?) -> String {
        if ScriptURL.isScript(url) { diagnostics.append(ScriptURL.warning(url, "link", at: range)) }
        guard !url.isEmpty, !Self.isExternal(url), !url.hasPrefix("#") else { return url }
        let (rawPath, fragment) = Self.splitFragment(url)
        let path = rawPath.removingPercentEncoding ?? rawPath
        guard !path.hasSuffix(".md") else { return url }
        // A link to another file of the book (a PDF, a dataset): copy it if it exists.
        switch registerAsset(BookPaths.resolve(path, from: chapterPath)) {
        case .success(let sitePath):
            return BookPaths.relativeURL(from: pagePath, to: sitePath) + (fragment.map { "#\($0)" } ?? "")
        case .failure(let problem):
            refuseIfOutside(problem, path, at: range)
            return url
        }
    }

    private mutating func rewriteImage(_ url: String, at range: SourceRange?) -> String {
        if ScriptURL.isScript(url) { diagnostics.append(ScriptURL.warning(url, "image", at: range)) }
        guard !url.isEmpty, !Self.isExternal(url) else { return url }
        let path = url.removingPercentEncoding ?? url
        let target = BookPaths.resolve(path, from: chapterPath)
        switch registerAsset(target) {
        case .success(let sitePath):
            return BookPaths.relativeURL(from: pagePath, to: sitePath)
        case .failure(.outsideRoot(let real)):
            refuseIfOutside(.outsideRoot(real), path, at: range)
        case .failure:
            diagnostics.append(.warning("image-missing", "image '\(url)' does not exist", at: range))
        }
        return url
    }

    /// Registers the book-relative file as an asset if it is a file inside the project root;
    /// returns its site path.
    private mutating func registerAsset(_ bookRelative: String) -> Result<String, BookFileProblem> {
        let url = BookPaths.file(bookRelative, in: bookDirectory)
        switch files.locate(url) {
        case .success:
            guard files.isFile(url) else { return .failure(.folder) }
            let sitePath = Self.sitePath(forAsset: bookRelative)
            assets.append(Asset(source: files.standardPath(url), sitePath: sitePath))
            return .success(sitePath)
        case .failure(let problem):
            return .failure(problem)
        }
    }

    /// The error for an image or linked file outside the project root (other problems are the caller's).
    private mutating func refuseIfOutside(_ problem: BookFileProblem, _ written: String, at range: SourceRange?) {
        guard case .outsideRoot = problem else { return }
        diagnostics.append(.error("read-outside-root", problem.describe(written, rootPath: files.rootPath), at: range))
    }

    /// Files inside the book keep their path; files outside it (`../figures/x.png`) go under
    /// `_assets/`, each leading `..` becoming `_up`.
    static func sitePath(forAsset bookRelative: String) -> String {
        guard bookRelative.hasPrefix("../") else { return bookRelative }
        let parts = bookRelative.split(separator: "/").map { $0 == ".." ? "_up" : String($0) }
        return "_assets/" + parts.joined(separator: "/")
    }
}
