import Foundation

/// A new site being written in its folder beside the output (see `SiteWriter.begin`): pages go
/// in as they are rendered, so a build does not hold them all, and `SiteWriter.write` adds the
/// rest and puts the folder in place.
public struct StagedSite: Sendable {
    let writer: SiteWriter
    let folders: StagingFolders
    /// The folder being filled, and the previous site, whose files with the same bytes are
    /// linked rather than written.
    let folder: OutputFolder
    let previous: OutputFolder?

    /// Writes one file of the site (its folder made by `begin` or `write`); a failure says that
    /// the output was left as it was.
    public func write(_ file: SiteFile) throws {
        var text = file.contents
        do {
            try text.withUTF8 { try SiteWriter.place($0, at: file.path, in: folder, previous: previous) }
        } catch {
            throw writer.failure(error)
        }
    }

    /// Removes the folder, when the build will not put it in place (if that fails, the next
    /// build removes it).
    public func abandon() {
        _ = StagingFolders.removeTree(folders.staging)
    }
}
