import Foundation

/// Where a book's sources are published, for "Edit this page" and "View source" links: the
/// repository's web address, its branch and the book's folder in it. What the configuration
/// does not say is read from the git checkout the book is in (`.git/HEAD` for the branch, the
/// book's place below the checkout for its folder), never guessed.
public struct SourceRepository: Hashable, Sendable {
    /// `https://github.com/org/repo`, without a final `/`.
    public var url: String
    public var branch: String?
    /// The book folder, relative to the repository's root (`book/website`), or nil when unknown.
    public var pathToBook: String?

    public init(url: String, branch: String? = nil, pathToBook: String? = nil) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.branch = branch
        self.pathToBook = pathToBook.map { BookPaths.normalize($0) }
    }

    /// Fills the branch and the book's folder from the checkout at `root` (the project root),
    /// when it holds `.git` and the configuration left them out.
    func completed(bookDirectory: URL, root: ProjectRoot) -> SourceRepository {
        var copy = self
        let git = URL(fileURLWithPath: root.path).appendingPathComponent(".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: git.path, isDirectory: &isFolder) else { return copy }
        if copy.pathToBook == nil, let book = ProjectRoot.realPath(bookDirectory.path) {
            copy.pathToBook = book == root.path ? "" : String(book.dropFirst(root.path.count + 1))
        }
        if copy.branch == nil, isFolder.boolValue,
           let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8),
           head.hasPrefix("ref: refs/heads/") {
            copy.branch = String(head.dropFirst("ref: refs/heads/".count)).trimmingWhitespaceAndNewlines()
        }
        return copy
    }

    /// The chapter's page on the repository's site (`…/blob/BRANCH/path`), when its place is known.
    public func sourceURL(of chapter: String) -> String? {
        guard let pathToBook else { return nil }
        return url + "/blob/" + (branch ?? "HEAD") + "/" + BookPaths.display(chapter, under: pathToBook)
    }

    /// The repository's editor for the chapter (`…/edit/BRANCH/path`), when its branch and place are known.
    public func editURL(of chapter: String) -> String? {
        guard let pathToBook, let branch else { return nil }
        return url + "/edit/" + branch + "/" + BookPaths.display(chapter, under: pathToBook)
    }
}
