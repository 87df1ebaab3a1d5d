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

    /// Writes one page of the site, its pieces one after the other (its folder made by `begin`);
    /// a failure says that the output was left as it was.
    public func write(_ page: PageText) throws {
        do {
            var (head, tail) = (page.head, page.tail)
            try head.withUTF8 { head in
                try tail.withUTF8 { tail in
                    try page.body.withUnsafeBufferPointer { body in
                        try SiteWriter.place([head, body, tail], at: page.path, in: folder, previous: previous)
                    }
                }
            }
        } catch {
            throw writer.failure(error)
        }
    }

    /// Writes one generated file of the site (a search text chunk) ahead of the rest, its
    /// folder made first.
    public func write(_ file: SiteFile) throws {
        do {
            let folderPath = BookPaths.directory(of: file.path)
            if !folderPath.isEmpty { try folder.makeFolder(folderPath) }
            try file.withUTF8 { try SiteWriter.place($0, at: file.path, in: folder, previous: previous) }
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
