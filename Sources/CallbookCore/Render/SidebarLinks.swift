import Synchronization

/// The sidebar's links, escaped for `href`, from the pages of each folder: a link depends only
/// on the folder of the page it is on, so each is made once per folder, not once per page,
/// and shared by the pages rendered in parallel. Indexed by the entry's `Navigation.Node.number`.
final class SidebarLinks: Sendable {
    private let byFolder = Mutex<[String: [String?]]>([:])
    private let entries: Int

    init(entries: Int) {
        self.entries = entries
    }

    /// The links known so far from pages in `folder` (nil where none was made yet).
    func known(in folder: String) -> [String?] {
        byFolder.withLock { $0[folder] } ?? Array(repeating: nil, count: entries)
    }

    /// Keeps `links` for the next page in `folder`. Two pages of one folder drawn at once may
    /// both store theirs: either is right, as both hold the same links where they hold one.
    func keep(_ links: [String?], in folder: String) {
        byFolder.withLock { $0[folder] = links }
    }
}
