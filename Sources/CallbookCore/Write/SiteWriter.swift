import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// The Write stage, and the only code that writes the site: builds the whole site in a
/// temporary folder beside the output, then swaps it in. If anything fails, the temporary
/// folder is removed and the previous output is left exactly as it was.
public struct SiteWriter: Sendable {
    public let output: URL
    /// Files of the old output kept across builds (the README that says what the folder is).
    static let keptFiles = ["README.md"]

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    public func write(_ site: RenderedSite) async throws {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let token = UUID().uuidString.prefix(8)
        let staging = parent.appendingPathComponent(".\(name).new-\(token)")
        let retired = parent.appendingPathComponent(".\(name).old-\(token)")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            let folders = Set((site.allFiles.map(\.path) + site.reused + site.assets.map(\.sitePath)).map(BookPaths.directory(of:)))
            for folder in folders.sorted() where !folder.isEmpty {
                try fileManager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let stagingPath = staging.path
            try await withThrowingTaskGroup(of: Void.self) { group in
                for batch in Self.batches(site.allFiles) {
                    group.addTask {
                        for page in batch { try Self.writeFile(stagingPath + "/" + page.path, Array(page.contents.utf8)) }
                    }
                }
                for batch in Self.batches(site.assets) {
                    group.addTask {
                        for asset in batch {
                            guard let data = FileManager.default.contents(atPath: asset.source) else {
                                throw CallbookError("asset-unreadable", "cannot read '\(asset.source)'")
                            }
                            try Self.writeFile(stagingPath + "/" + asset.sitePath, Array(data))
                        }
                    }
                }
                try await group.waitForAll()
            }
            // Pages unchanged since the last build: the same bytes, linked (or copied) across.
            for path in site.reused {
                let old = output.appendingPathComponent(path).path
                let new = staging.appendingPathComponent(path).path
                if link(old, new) != 0 { try fileManager.copyItem(atPath: old, toPath: new) }
            }
            for kept in Self.keptFiles {
                let old = output.appendingPathComponent(kept)
                let new = staging.appendingPathComponent(kept)
                if fileManager.fileExists(atPath: old.path), !fileManager.fileExists(atPath: new.path) {
                    try fileManager.copyItem(at: old, to: new)
                }
            }
            if fileManager.fileExists(atPath: output.path) {
                try fileManager.moveItem(at: output, to: retired)
                do {
                    try fileManager.moveItem(at: staging, to: output)
                } catch {
                    try? fileManager.moveItem(at: retired, to: output)
                    throw error
                }
                try fileManager.removeItem(at: retired)
            } else {
                try fileManager.moveItem(at: staging, to: output)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            if let error = error as? CallbookError { throw error }
            throw CallbookError("write-failed", "could not write the site to '\(output.path)': \(error.localizedDescription)")
        }
    }

    /// Writes into the output folder as it stands (for `callbook serve`): only files whose
    /// contents changed are written, assets only when missing or of another size.
    public func writeInPlace(_ site: RenderedSite, previous: [String: UInt64]) throws -> [String: UInt64] {
        let fileManager = FileManager.default
        var hashes: [String: UInt64] = [:]
        do {
            try fileManager.createDirectory(at: output, withIntermediateDirectories: true)
            let folders = Set((site.allFiles.map(\.path) + site.reused + site.assets.map(\.sitePath)).map(BookPaths.directory(of:)))
            for folder in folders where !folder.isEmpty {
                try fileManager.createDirectory(at: output.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            for file in site.allFiles {
                var hasher = StableHasher()
                hasher.combine(file.contents)
                hashes[file.path] = hasher.value
                guard previous[file.path] != hasher.value else { continue }
                try Self.writeFile(output.appendingPathComponent(file.path).path, Array(file.contents.utf8))
            }
            for path in site.reused { hashes[path] = previous[path] }
            for asset in site.assets {
                // Copied again when its size or modification time differs from the last copy's.
                let attributes = try? fileManager.attributesOfItem(atPath: asset.source)
                var stamp = StableHasher()
                stamp.combine("\(attributes?[.size] ?? "")|\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)")
                let key = "asset:" + asset.sitePath
                hashes[key] = stamp.value
                let destination = output.appendingPathComponent(asset.sitePath).path
                if previous[key] == stamp.value, fileManager.fileExists(atPath: destination) { continue }
                guard let data = fileManager.contents(atPath: asset.source) else { continue }
                try Self.writeFile(destination, Array(data))
            }
            // Files of the last build that this one no longer has (a removed chapter).
            for path in previous.keys where hashes[path] == nil {
                let relative = path.hasPrefix("asset:") ? String(path.dropFirst(6)) : path
                try? fileManager.removeItem(at: output.appendingPathComponent(relative))
            }
        } catch let error as CallbookError {
            throw error
        } catch {
            throw CallbookError("write-failed", "could not write the site to '\(output.path)': \(error.localizedDescription)")
        }
        return hashes
    }

    /// Splits work into a few batches, one per core or so, to write files in parallel.
    static func batches<T>(_ items: [T]) -> [ArraySlice<T>] {
        let count = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount * 2))
        let size = max(32, (items.count + count - 1) / count)
        return stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }

    /// Writes bytes with plain POSIX calls (no temporary file, no fsync: the folder swap is
    /// what makes the site appear at once).
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw CallbookError("write-failed", "cannot create '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else {
                throw CallbookError("write-failed", "cannot write '\(path)': \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}
