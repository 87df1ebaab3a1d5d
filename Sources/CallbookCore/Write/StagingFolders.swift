import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary folders a build keeps beside its output `<parent>/<name>`, named after the
/// process that made them (its id and start time, so that a reused id, as in a new container,
/// does not pass for it) so that any build can tell which are abandoned:
/// `.<name>.new-<pid>-<start>-<token>` holds the site being written (and, after the exchange,
/// the previous site on its way out); `.<name>.old-<pid>-<start>-<token>` holds the previous
/// site between the two renames of the fallback swap.
struct StagingFolders: Sendable {
    let parent: String
    let name: String
    let token: String

    init(parent: String, name: String) {
        self.parent = parent
        self.name = name
        token = Self.processToken()
    }

    /// `<pid>-<start>-<token>`: this process's id and start time, and a token of its own,
    /// for a temporary name that `isRunning` tells apart from those of builds no longer running.
    static func processToken() -> String {
        "\(getpid())-\(ownStartTime)-" + UUID().uuidString.prefix(8)
    }

    private static let ownStartTime = startTime(of: getpid()) ?? 0

    var staging: String { parent + "/.\(name).new-" + token }
    var retired: String { parent + "/.\(name).old-" + token }
    /// `.<name>.spare`: the previous site, set aside after the exchange for the next build to
    /// make its new site in (`SiteWriter.begin`) rather than make every folder and link again.
    var spare: String { parent + "/.\(name).spare" }

    /// Repairs and tidies what builds no longer running left beside the output: when the output
    /// is missing and such a build had moved the previous site aside, that site is put back;
    /// every other leftover is removed. Returns warnings for what could not be done.
    static func tidy(parent: String, name: String) -> [Diagnostic] {
        let fresh = ".\(name).new-", aside = ".\(name).old-"
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: parent)
        } catch {
            guard FileManager.default.fileExists(atPath: parent) else { return [] }  // a first build makes it
            return [.warning("leftover-not-removed", "cannot list '\(parent)' to remove what interrupted builds left: \(error.localizedDescription)")]
        }
        var abandoned = names.filter { entry in
            guard let suffix = [fresh, aside].first(where: entry.hasPrefix).map({ entry.dropFirst($0.count) }) else { return false }
            return !isRunning(suffix)
        }
        var diagnostics: [Diagnostic] = []
        let output = parent + "/" + name
        if !FileManager.default.fileExists(atPath: output) {
            let moved = abandoned.filter { $0.hasPrefix(aside) }.max { modified(parent + "/" + $0) < modified(parent + "/" + $1) }
            if let moved {
                if rename(parent + "/" + moved, output) == 0 {
                    abandoned.removeAll { $0 == moved }
                    diagnostics.append(.warning("output-restored",
                        "'\(output)' was missing after an interrupted build; the previous site was put back from '\(moved)'"))
                } else {
                    diagnostics.append(.warning("output-not-restored",
                        "'\(output)' is missing after an interrupted build and the previous site could not be put back from '\(parent)/\(moved)': \(String(cString: strerror(errno)))"))
                    abandoned.removeAll { $0 == moved }
                }
            }
        }
        for entry in abandoned {
            if let problem = removeTree(parent + "/" + entry) {
                diagnostics.append(.warning("leftover-not-removed",
                    "could not remove '\(parent)/\(entry)', left by an interrupted build: \(problem)"))
            }
        }
        return diagnostics
    }

    /// Whether the process named in a leftover's `<pid>-<start>-<token>` suffix is still
    /// running: a process with that id started at that time (where the system says when its
    /// processes started; elsewhere the start is 0 and any process with that id counts). A name
    /// of another form comes from an older callbook and is abandoned.
    static func isRunning(_ suffix: Substring) -> Bool {
        let parts = suffix.split(separator: "-")
        guard parts.count == 3, let pid = Int32(parts[0]), pid > 0, let start = UInt64(parts[1]) else { return false }
        if let actual = startTime(of: pid) { return actual == start }
        return start == 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// When process `pid` started (clock ticks since boot, field 22 of `/proc/<pid>/stat`), or
    /// nil when it is not running or the system does not say.
    static func startTime(of pid: Int32) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }

    static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// Removes a folder callbook wrote and everything in it, making its folders writable first
    /// if they were made read-only. Returns why it could not, or nil when it is gone.
    static func removeTree(_ path: String) -> String? {
        if TreeRemoval.remove(path) { return nil }
        let fileManager = FileManager.default
        do {
            try fileManager.removeItem(atPath: path)
            return nil
        } catch {
            guard fileManager.fileExists(atPath: path) else { return nil }  // another build removed it
            var status = stat()
            if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                chmod(path, 0o755)
                if let walker = fileManager.enumerator(atPath: path) {
                    for case let relative as String in walker {
                        let inner = path + "/" + relative
                        if lstat(inner, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { chmod(inner, 0o755) }
                    }
                }
            }
            do {
                try fileManager.removeItem(atPath: path)
                return nil
            } catch {
                return fileManager.fileExists(atPath: path) ? error.localizedDescription : nil
            }
        }
    }
}
