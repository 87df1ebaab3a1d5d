import Synchronization

/// Generated files written into the new site's folder as soon as they are made (the search
/// index's text chunks, made beside the pages), so that a large book does not hold them all
/// until the write: once the build knows the folder it stages its site in (`start`), a file
/// offered is written there; before that, or when the write fails, it is kept, and the write
/// stage writes it with the rest (and reports a failure as it does for any file).
public final class EarlySiteFiles: Sendable {
    private let site = Mutex<StagedSite?>(nil)

    public init() {}

    /// From now on, offered files go into `staged` (the folder the build puts in place).
    public func start(_ staged: StagedSite) {
        site.withLock { $0 = staged }
    }

    /// Writes `file` into the staged site; false when there is none yet or the write failed
    /// (the caller keeps the file).
    public func take(_ file: SiteFile) -> Bool {
        guard let staged = site.withLock({ $0 }) else { return false }
        do {
            try staged.write(file)
            return true
        } catch {
            return false
        }
    }
}
