import Synchronization

/// The sidebar's links, escaped for `href`, from the pages of a folder: a link depends only on
/// the folder of the page it is on, so the pages of one folder, which follow one another in the
/// table of contents and are drawn together, share them instead of making each again. Only the
/// links of the last few folders are kept (a book of thousands of folders keeps no more), each
/// by the entry's `Navigation.Node.number`.
final class SidebarLinks: Sendable {
    /// The folders kept, the one used last at the end.
    private let recent = Mutex<[(folder: String, links: [Int: String])]>([])
    static let foldersKept = 8

    /// The links known so far from pages in `folder` (none for a folder not among the recent).
    func known(in folder: String) -> [Int: String] {
        recent.withLock { recent in recent.last(where: { $0.folder == folder })?.links ?? [:] }
    }

    /// Keeps `links` for the next page in `folder`, the oldest folder dropped when more than
    /// `foldersKept` are. Two pages of one folder drawn at once may both keep theirs: either is
    /// right, as both hold the same link where they hold one.
    func keep(_ links: [Int: String], in folder: String) {
        recent.withLock { recent in
            recent.removeAll { $0.folder == folder }
            recent.append((folder, links))
            if recent.count > Self.foldersKept { recent.removeFirst() }
        }
    }
}
