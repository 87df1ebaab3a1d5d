import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// The Write stage, and the only code that writes the site: builds the whole site in a
/// temporary folder beside the output, then exchanges the two folders in one step. If anything
/// fails before the exchange, the temporary folder is removed and the previous output is left
/// exactly as it was. Every path written goes through `OutputFolder.place`. The previous site,
/// once exchanged, may be set aside as a spare (`ExchangedSite.setAside`), in which the next
/// build makes its site: most of its folders and files are already the ones it needs.
public struct SiteWriter: Sendable {
    public let output: URL
    /// Whether `begin` takes the spare a previous build set aside (if there is one).
    public let takesSpare: Bool
    /// Files of the old output kept across builds (the README that says what the folder is).
    static let keptFiles = ["README.md"]

    public init(output: URL, takesSpare: Bool = true) {
        self.output = output.standardizedFileURL
        self.takesSpare = takesSpare
    }

    /// The output's path with symbolic links resolved: a link at the output's place is kept,
    /// and the site is written where it points.
    var target: String { OutputLocation.realPath(output) }

    /// Before a build: puts back a site an interrupted build had moved aside, removes what
    /// builds no longer running left beside the output, and refuses an output that is not a
    /// folder, or a folder callbook did not write (unless `force`). Returns warnings.
    public func prepare(force: Bool) throws -> [Diagnostic] {
        let target = URL(fileURLWithPath: self.target)
        let parent = target.deletingLastPathComponent().path
        let warnings = StagingFolders.tidy(parent: parent, name: target.lastPathComponent)
        try SiteMarker.checkReplaceable(target.path, shownAs: output.path, force: force)
        return warnings
    }

    /// Starts a site in a folder of its own beside the output, with the folders of `pagePaths`
    /// made, so that pages can be written as they are rendered (`StagedSite.write`) before
    /// `write` puts the rest in and exchanges the folders. The folder is the spare a previous
    /// build set aside, when there is one (taken by renaming it, so that no other build takes it
    /// too), else a new one.
    public func begin(pagePaths: [String]) throws -> StagedSite {
        let target = URL(fileURLWithPath: self.target)
        let folders = StagingFolders(parent: target.deletingLastPathComponent().path, name: target.lastPathComponent)
        do {
            try FileManager.default.createDirectory(atPath: folders.parent, withIntermediateDirectories: true)
            let recycled = takesSpare && Self.takeSpare(folders)
            guard recycled || mkdir(folders.staging, 0o755) == 0 else {
                throw CallbookError("write-failed", "cannot create '\(folders.staging)': \(String(cString: strerror(errno)))")
            }
            // The previous site, whose files with the same bytes are linked rather than written.
            let staged = StagedSite(writer: self, folders: folders, folder: OutputFolder(root: folders.staging, recycled: recycled),
                                    previous: Self.isFolder(target.path) ? OutputFolder(root: target.path) : nil)
            do {
                try Self.makeFolders(pagePaths, in: staged.folder)
            } catch {
                staged.abandon()
                throw error
            }
            return staged
        } catch {
            throw failure(error)
        }
    }

    /// Whether the spare beside the output is now the staging folder (a real folder: anything
    /// else found under its name is removed).
    static func takeSpare(_ folders: StagingFolders) -> Bool {
        guard rename(folders.spare, folders.staging) == 0 else { return false }
        if isFolder(folders.staging) { return true }
        unlink(folders.staging)
        return false
    }

    /// The error a failed write reports: the output is as it was.
    func failure(_ error: any Error) -> CallbookError {
        let reason = (error as? CallbookError)?.diagnostic.message ?? error.localizedDescription
        return CallbookError((error as? CallbookError)?.diagnostic.id ?? "write-failed",
                             "could not write the site to '\(output.path)': \(reason); the output was left unchanged")
    }

    /// Writes the site (into `staged`, which may hold its pages already, else into a new
    /// folder) and exchanges that folder with the output, then removes the previous site. When
    /// this throws, the output is as it was; what went wrong after the exchange comes back as
    /// warnings.
    @discardableResult
    public func write(_ site: RenderedSite, staged: StagedSite? = nil) async throws -> [Diagnostic] {
        try await writeLeavingPrevious(site, staged: staged).removePrevious()
    }

    /// A site in place whose previous site is still to be removed (beside other work).
    public struct ExchangedSite: Sendable {
        /// Where the new site is, and the previous one now (nil when there was none).
        let target: String
        let previous: String?
        /// Where `setAside` puts the previous site.
        var spare: String?

        /// Sets the previous site aside as the spare the next build makes its site in; removes
        /// it when that cannot be (another build's spare is there). A warning if neither can be.
        public func setAside() -> [Diagnostic] {
            guard let previous, let spare, rename(previous, spare) == 0 else { return removePrevious() }
            return []
        }

        /// Removes the previous site; a warning if it cannot be.
        public func removePrevious() -> [Diagnostic] {
            guard let previous, let problem = StagingFolders.removeTree(previous) else { return [] }
            return [.warning("previous-site-not-removed",
                             "the new site is in place at '\(target)', but the previous one, moved to '\(previous)', could not be removed: \(problem)")]
        }
    }

    /// Puts the pages unchanged since the last build (linked across) and the assets into
    /// `staged` ahead of `write` (which is then told so), beside other work. When this throws,
    /// the output is as it was.
    /// - Parameter unchangedAssets: the paths of assets the previous site holds as they are
    ///   (`BuildManifest.ChangedInputs.unchanged`): linked across without reading their sources.
    public func placeUnchanged(reused: [String], assets: [Asset], unchangedAssets: Set<String> = [],
                               in staged: StagedSite) async throws {
        do {
            try Self.makeFolders(reused + assets.map(\.sitePath), in: staged.folder)
            try await Self.place(reused: reused, assets: assets, unchangedAssets: unchangedAssets, in: staged, target: target)
        } catch {
            staged.abandon()
            throw failure(error)
        }
    }

    private static func place(reused: [String], assets: [Asset], unchangedAssets: Set<String> = [],
                              in staged: StagedSite, target: String) async throws {
        let folder = staged.folder
        _ = try await Parallel.map(assets) { asset in
            if unchangedAssets.contains(asset.sitePath), isRegularFile(target + "/" + asset.sitePath),
               try linkAcross(target + "/" + asset.sitePath, to: folder.place(asset.sitePath), in: folder) { return }
            guard let data = FileManager.default.contents(atPath: asset.source) else {
                throw CallbookError("asset-unreadable", "cannot read '\(asset.source)'")
            }
            try Array(data).withUnsafeBufferPointer { try Self.place($0, at: asset.sitePath, in: folder, previous: staged.previous) }
        }
        // Pages unchanged since the last build: the same bytes, linked (or copied) across.
        for path in reused {
            let old = target + "/" + path
            let new = try folder.place(path)
            if try !linkAcross(old, to: new, in: folder) { try FileManager.default.copyItem(atPath: old, toPath: new) }
        }
    }

    /// Links the previous site's file `old` at `new`; true when it is there (in a recycled
    /// folder, perhaps already).
    private static func linkAcross(_ old: String, to new: String, in folder: OutputFolder) throws -> Bool {
        try folder.clear(new, keeping: old) || link(old, new) == 0
    }

    /// `write`, leaving the previous site to be removed by the caller.
    /// - Parameters:
    ///   - unchangedPlaced: whether `placeUnchanged` put the reused pages and the assets in already.
    ///   - unchangedAssets: as for `placeUnchanged`, when it did not.
    public func writeLeavingPrevious(_ site: RenderedSite, staged: StagedSite? = nil, unchangedPlaced: Bool = false,
                                     unchangedAssets: Set<String> = []) async throws -> ExchangedSite {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: self.target)
        let staged = try staged ?? begin(pagePaths: [])
        let folder = staged.folder
        let folders = staged.folders
        do {
            try Self.makeFolders(site.allFiles.map(\.path) + (unchangedPlaced ? [] : site.reused + site.assets.map(\.sitePath)), in: folder)
            _ = try await Parallel.map(site.allFiles) { file in
                try file.withUTF8 { try Self.place($0, at: file.path, in: folder, previous: staged.previous) }
            }
            if !unchangedPlaced {
                try await Self.place(reused: site.reused, assets: site.assets, unchangedAssets: unchangedAssets, in: staged, target: target.path)
            }
            let marker = try folder.place(SiteMarker.name)
            _ = try folder.clear(marker, keeping: nil)
            try Self.writeFile(marker, Array(SiteMarker.contents.utf8))
            // (A file of the site by that name stays.)
            let written = Set(site.allFiles.map(\.path) + site.reused + site.assets.map(\.sitePath))
            for kept in Self.keptFiles where !written.contains(kept) && Self.isRegularFile(target.path + "/" + kept) {
                let new = try folder.place(kept)
                _ = try folder.clear(new, keeping: nil)
                try fileManager.copyItem(atPath: target.path + "/" + kept, toPath: new)
            }
            try folder.removeUnplaced()
        } catch {
            staged.abandon()  // if it fails, the next build removes it
            throw failure(error)
        }
        let staging = folders.staging
        do {
            return ExchangedSite(target: target.path, previous: try Self.exchange(folders, into: target.path), spare: folders.spare)
        } catch {
            _ = StagingFolders.removeTree(staging)
            throw error
        }
    }

    /// Puts the staging folder at `target` in one exchange (or, where the system has none, in
    /// two renames that the next build repairs if interrupted), then removes the previous site.
    /// - Parameter exchange: swaps two folders, returning 0 or an `errno` (tests pass one that
    ///   is unsupported, to take the fallback).
    static func swap(_ folders: StagingFolders, into target: String,
                     exchange: (String, String) -> Int32 = FolderExchange.exchange) throws -> [Diagnostic] {
        ExchangedSite(target: target, previous: try Self.exchange(folders, into: target, exchange: exchange)).removePrevious()
    }

    /// `swap` without the removal: returns where the previous site is now (nil when there was none).
    static func exchange(_ folders: StagingFolders, into target: String,
                         exchange: (String, String) -> Int32 = FolderExchange.exchange) throws -> String? {
        let staging = folders.staging
        if !FileManager.default.fileExists(atPath: target) {
            guard rename(staging, target) != 0 else { return nil }
            let failure = errno
            // Unless another build put its site there meanwhile (then it is replaced as usual):
            guard failure == EEXIST || failure == ENOTEMPTY else {
                throw CallbookError("write-failed", "could not put the new site at '\(target)': \(String(cString: strerror(failure))); the output was left unchanged")
            }
        }
        let outcome = exchange(staging, target)
        var previous = staging  // after an exchange, the previous site is here
        if FolderExchange.isUnsupported(outcome) {
            guard rename(target, folders.retired) == 0 else {
                throw CallbookError("write-failed", "could not move the previous site '\(target)' aside: \(String(cString: strerror(errno))); the output was left unchanged")
            }
            guard rename(staging, target) == 0 else {
                let failure = String(cString: strerror(errno))
                guard rename(folders.retired, target) == 0 else {
                    throw CallbookError("write-failed", "could not put the new site at '\(target)' (\(failure)) nor the previous one back; the previous site is at '\(folders.retired)'")
                }
                throw CallbookError("write-failed", "could not put the new site at '\(target)': \(failure); the output was left unchanged")
            }
            previous = folders.retired
        } else if outcome != 0 {
            throw CallbookError("write-failed", "could not put the new site at '\(target)': \(String(cString: strerror(outcome))); the output was left unchanged")
        }
        return previous
    }

    /// Makes every folder the site's files go in.
    static func makeFolders(for site: RenderedSite, in folder: OutputFolder) throws {
        try makeFolders(site.allFiles.map(\.path) + site.reused + site.assets.map(\.sitePath), in: folder)
    }

    /// Makes the folders the files at `paths` go in.
    static func makeFolders(_ paths: [String], in folder: OutputFolder) throws {
        for path in Set(paths.map(BookPaths.directory(of:))).sorted() where !path.isEmpty {
            try folder.makeFolder(path)
        }
    }

    /// Whether `path` is a regular file itself (not a symbolic link to one).
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// Whether `path` is a folder itself (not a symbolic link to one).
    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// Writes into the output folder as it stands (for `callbook serve`): only files whose
    /// contents changed are written, assets only when missing or of another size. Each file is
    /// replaced in one step (`replaceFile`), so a reader sees the old or the new one.
    public func writeInPlace(_ site: RenderedSite, previous: [String: UInt64]) throws -> [String: UInt64] {
        let fileManager = FileManager.default
        var hashes: [String: UInt64] = [:]
        do {
            try fileManager.createDirectory(at: output, withIntermediateDirectories: true)
            let folder = OutputFolder(root: target)
            try Self.makeFolders(for: site, in: folder)
            if !fileManager.fileExists(atPath: try folder.place(SiteMarker.name)) {
                try Self.replaceFile(SiteMarker.name, in: folder, Array(SiteMarker.contents.utf8))
            }
            for file in site.allFiles {
                var hasher = StableHasher()
                file.withUTF8 { hasher.combine(bytes: $0) }
                hashes[file.path] = hasher.value
                guard previous[file.path] != hasher.value else { continue }
                try Self.replaceFile(file.path, in: folder, file.withUTF8 { Array($0) })
            }
            for path in site.reused { hashes[path] = previous[path] }
            for asset in site.assets {
                // Copied again when its size or modification time differs from the last copy's.
                let attributes = try? fileManager.attributesOfItem(atPath: asset.source)
                var stamp = StableHasher()
                stamp.combine("\(attributes?[.size] ?? "")|\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)")
                let key = "asset:" + asset.sitePath
                hashes[key] = stamp.value
                if previous[key] == stamp.value, fileManager.fileExists(atPath: try folder.place(asset.sitePath)) { continue }
                guard let data = fileManager.contents(atPath: asset.source) else { continue }
                try Self.replaceFile(asset.sitePath, in: folder, Array(data))
            }
            // Files of the last build that this one no longer has (a removed chapter).
            for path in previous.keys where hashes[path] == nil {
                let relative = path.hasPrefix("asset:") ? String(path.dropFirst(6)) : path
                try? fileManager.removeItem(atPath: try folder.place(relative))
            }
        } catch let error as CallbookError {
            throw error
        } catch {
            throw CallbookError("write-failed", "could not write the site to '\(output.path)': \(error.localizedDescription)")
        }
        return hashes
    }

    /// Writes pages into the output as it stands, ahead of the rest (`serve` shows an edited
    /// page at once), each replaced in one step.
    public func writePagesInPlace(_ pages: [SiteFile]) throws {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let folder = OutputFolder(root: target)
        for page in pages {
            let directory = BookPaths.directory(of: page.path)
            if !directory.isEmpty { try folder.makeFolder(directory) }
            try Self.replaceFile(page.path, in: folder, page.withUTF8 { Array($0) })
        }
    }

    /// Replaces one file of a folder being read (`serve`'s output): the bytes go to a new file
    /// beside it, which is then renamed over the old one, so a reader opens the whole old file
    /// or the whole new one, never a half-written or empty one.
    static func replaceFile(_ relative: String, in folder: OutputFolder, _ bytes: [UInt8]) throws {
        let destination = try folder.place(relative)
        let directory = BookPaths.directory(of: relative)
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        let temporary = try folder.place((directory.isEmpty ? "" : directory + "/") + ".\(name).tmp-\(getpid())-" + UUID().uuidString.prefix(8))
        do {
            try writeFile(temporary, bytes, exclusive: true)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, destination) == 0 else {
            let failure = String(cString: strerror(errno))
            unlink(temporary)
            throw CallbookError("write-failed", "cannot replace '\(destination)': \(failure)")
        }
    }

    /// Puts a file of the new site in `folder`: as a hard link to the file at the same place in
    /// the previous site when that holds the same bytes (the system then makes no new file, and
    /// frees none when the previous site is removed: most of a rebuild's writing), else written.
    /// The file's bytes may come in pieces, one after the other (a page's frame and body).
    static func place(_ pieces: [UnsafeBufferPointer<UInt8>], at relative: String, in folder: OutputFolder,
                      previous: OutputFolder?) throws {
        let new = try folder.place(relative)
        if let previous, let old = try? previous.place(relative), holds(old, pieces) {
            if try folder.clear(new, keeping: old) || link(old, new) == 0 { return }
        } else {
            _ = try folder.clear(new, keeping: nil)
        }
        try writeFile(new, pieces)
    }

    static func place(_ bytes: UnsafeBufferPointer<UInt8>, at relative: String, in folder: OutputFolder,
                      previous: OutputFolder?) throws {
        try place([bytes], at: relative, in: folder, previous: previous)
    }

    /// Whether the regular file at `path` (not a symbolic link) holds exactly these bytes, read
    /// and compared 64 KB at a time, so a page of many megabytes is not held twice.
    static func holds(_ path: String, _ pieces: [UnsafeBufferPointer<UInt8>]) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        let total = pieces.reduce(0) { $0 + $1.count }
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == total else { return false }
        let size = min(max(total, 1), 1 << 16)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        for piece in pieces {
            var compared = 0
            while compared < piece.count {
                let count = read(descriptor, buffer.baseAddress!, min(size, piece.count - compared))
                if count < 0 && errno == EINTR { continue }
                guard count > 0, memcmp(buffer.baseAddress!, piece.baseAddress! + compared, count) == 0 else { return false }
                compared += count
            }
        }
        return true
    }

    static func writeFile(_ path: String, _ bytes: [UInt8], exclusive: Bool = false) throws {
        try bytes.withUnsafeBufferPointer { try writeFile(path, $0, exclusive: exclusive) }
    }

    /// Writes bytes with plain POSIX calls (no temporary file, no fsync: in a build the folder
    /// exchange is what makes the site appear at once). A symbolic link at `path` is not
    /// followed; with `exclusive`, the file must be new.
    static func writeFile(_ path: String, _ bytes: UnsafeBufferPointer<UInt8>, exclusive: Bool = false) throws {
        try writeFile(path, [bytes], exclusive: exclusive)
    }

    /// Writes the pieces one after the other, as one file.
    static func writeFile(_ path: String, _ pieces: [UnsafeBufferPointer<UInt8>], exclusive: Bool = false) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | (exclusive ? O_EXCL : O_TRUNC), 0o644)
        guard descriptor >= 0 else {
            throw CallbookError("write-failed", "cannot create '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        for bytes in pieces {
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                guard written > 0 else {
                    throw CallbookError("write-failed", "cannot write '\(path)': \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }
}
