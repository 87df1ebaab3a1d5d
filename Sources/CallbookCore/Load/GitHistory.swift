import Foundation

/// When each file of a book was last committed: one `git log` over the book's folder, run only
/// when the project root is a git repository (its own `.git`), so git reads nothing outside it.
public enum GitHistory {
    /// Path relative to the book folder → time of the newest commit that touched it. Empty when
    /// the project root holds no `.git`, or git is missing or fails (a shallow clone gives the
    /// dates of the commits it has).
    /// Takes the project root and the book folder, not the book: a build runs it beside parse
    /// and resolve, which must not keep the chapters' texts alive.
    public static func lastCommits(root: URL, directory: URL) async -> [String: Date] {
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) else { return [:] }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: run(in: directory))
            }
        }
    }

    /// The files that say whether the history `lastCommits` reads has moved (a commit, a checkout,
    /// a `git init`): the root's `.git`, and in it `HEAD`, the branch `HEAD` names and
    /// `packed-refs`. Nil when they cannot be known from files alone (the `.git` file of a
    /// worktree points elsewhere).
    public static func stampedFiles(root: String) -> [String]? {
        let git = root + "/.git"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: git, isDirectory: &isFolder) else { return [git] }
        guard isFolder.boolValue else { return nil }
        var files = [git, git + "/HEAD", git + "/packed-refs"]
        if let head = FileManager.default.contents(atPath: git + "/HEAD"),
           let line = String(data: head, encoding: .utf8)?.split(separator: "\n").first, line.hasPrefix("ref: ") {
            let reference = line.dropFirst(5).trimmingWhitespace()
            guard !reference.split(separator: "/").contains("..") else { return nil }
            files.append(git + "/" + reference)
        }
        return files
    }

    private static func run(in folder: URL) -> [String: Date] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "core.quotePath=false", "-C", folder.path, "log", "--relative", "--no-renames", "--format=%x00%ct",
                             "--name-only", "--", "."]
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return [:] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [:] }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Reads `git log --format=%x00%ct --name-only` (newest commit first): the first time a
    /// path appears is its last commit.
    static func parse(_ log: String) -> [String: Date] {
        var dates: [String: Date] = [:]
        var current: Date?
        for line in log.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.first == "\0" {
                current = TimeInterval(line.dropFirst()).map { Date(timeIntervalSince1970: $0) }
            } else if let current, dates[String(line)] == nil {
                dates[String(line)] = current
            }
        }
        return dates
    }
}
