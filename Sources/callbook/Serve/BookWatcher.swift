import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells when files of a book (chapters, `myst.yml`, `calls.yml`, figures) or of the theme
/// change. On Linux it listens to inotify, so a save is seen at once; elsewhere it polls
/// modification times a few times a second.
struct BookWatcher: Sendable {
    let folders: [URL]

    /// Batches of changed paths: the first change, plus any that follow within a few
    /// milliseconds (an editor saving several files, or writing a file in steps).
    func changes() -> AsyncStream<[String]> {
        let (stream, sink) = AsyncStream<[String]>.makeStream()
        #if canImport(Glibc)
        if let descriptor = InotifyWatch(folders: folders) {
            descriptor.start(into: sink)
        } else {
            Polling(folders: folders).start(into: sink)
        }
        #else
        Polling(folders: folders).start(into: sink)
        #endif
        return stream
    }

    static func skipped(_ name: String) -> Bool {
        name.hasPrefix(".") || name == "_build" || name == "node_modules"
    }
}

#if canImport(Glibc)
/// inotify on every folder below the watched ones (folders created later are added too).
final class InotifyWatch: Sendable {
    let descriptor: Int32
    let folders: [URL]

    init?(folders: [URL]) {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.folders = folders
    }

    static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE)

    /// Starts a thread that blocks on the descriptor and sends batches of changed paths to
    /// `sink`: after the first event it waits 5 ms for more.
    func start(into sink: AsyncStream<[String]>.Continuation) {
        let descriptor = self.descriptor
        let folders = self.folders
        let thread = Thread {
            var watched: [Int32: String] = [:]
            func watch(_ folder: String) {
                let id = inotify_add_watch(descriptor, folder, Self.mask)
                if id >= 0 { watched[id] = folder }
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
                for name in names where !BookWatcher.skipped(name) {
                    var isFolder: ObjCBool = false
                    let path = folder + "/" + name
                    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { watch(path) }
                }
            }
            for folder in folders { watch(folder.standardizedFileURL.path) }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            var batch = Set<String>()
            while true {
                if !batch.isEmpty {
                    // More within 5 ms joins this batch; otherwise send it.
                    var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    if poll(&waiting, 1, 5) <= 0 {
                        sink.yield(batch.sorted())
                        batch = []
                    }
                }
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let (id, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                        let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                        return (event.wd, event.mask, Int(event.len))
                    }
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = buffer[nameStart..<min(nameStart + length, count)].prefix { $0 != 0 }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    offset = nameStart + length
                    guard let folder = watched[id], !name.isEmpty, !BookWatcher.skipped(name) else { continue }
                    let path = folder + "/" + name
                    if mask & UInt32(IN_ISDIR) != 0 {
                        if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watch(path) }
                        continue
                    }
                    batch.insert(path)
                }
            }
            sink.finish()
        }
        thread.start()
    }
}
#endif

/// Polls modification times and sizes (where inotify is not available).
struct Polling: Sendable {
    let folders: [URL]

    func start(into sink: AsyncStream<[String]>.Continuation) {
        let folders = self.folders
        Task.detached {
            var last = Self.snapshot(folders)
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(150))
                let now = Self.snapshot(folders)
                var changed = now.filter { entry in last[entry.key].map { $0 != entry.value } ?? true }.map(\.key)
                changed += last.keys.filter { now[$0] == nil }
                if !changed.isEmpty { sink.yield(changed.sorted()) }
                last = now
            }
        }
    }

    static func snapshot(_ folders: [URL]) -> [String: String] {
        var result: [String: String] = [:]
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys,
                                                              options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in walker {
                if BookWatcher.skipped(url.lastPathComponent) { walker.skipDescendants(); continue }
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                result[url.standardizedFileURL.path] = "\(values.contentModificationDate?.timeIntervalSince1970 ?? 0)/\(values.fileSize ?? 0)"
            }
        }
        return result
    }
}
