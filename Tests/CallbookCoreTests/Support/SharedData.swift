import Foundation

/// Locates `../shared` (corpora and spec cases). CI sets `CALLBOOK_SHARED`; then a missing
/// folder is a failure. Without it, tests that need the data are skipped with a message.
enum SharedData {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The shared folder, or nil when it is absent and not required.
    static var root: URL? {
        if let configured = ProcessInfo.processInfo.environment["CALLBOOK_SHARED"], !configured.isEmpty {
            let url = URL(fileURLWithPath: configured, relativeTo: packageRoot).standardizedFileURL
            // Required: the caller's test fails through `requiredRoot` when the folder is missing.
            return url
        }
        let sibling = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: sibling.path) ? sibling : nil
    }

    /// True when tests that read shared data should run (set, or found beside the project).
    static var isAvailable: Bool {
        if root == nil {
            print("note: ../shared is absent and CALLBOOK_SHARED is unset: skipping tests that read the corpora and spec cases")
            return false
        }
        return true
    }

    /// A path inside the shared folder; throws (failing the test) if it does not exist.
    static func path(_ relative: String) throws -> URL {
        guard let root else { throw MissingSharedData(path: relative) }
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingSharedData(path: url.path) }
        return url
    }

    struct MissingSharedData: Error, CustomStringConvertible {
        var path: String
        var description: String { "shared test data is missing: \(path) (CALLBOOK_SHARED must point at ../shared)" }
    }
}
