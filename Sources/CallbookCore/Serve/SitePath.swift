import Foundation

/// Maps a request path to a file of the served site, refusing anything outside it: `..`
/// segments (also percent-encoded), absolute escapes, and symbolic links leading out.
public struct SitePath: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// The file for `requestPath` (`/a/b.html`, `/a/` → `/a/index.html`), or nil (→ 404).
    public func file(for requestPath: String) -> URL? {
        let pathOnly = requestPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        let withoutFragment = pathOnly.split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
        guard let decoded = withoutFragment.removingPercentEncoding, !decoded.contains("\0") else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == ".." || $0 == "." || $0.contains("\\") }) else { return nil }
        var url = root
        for segment in segments { url.appendPathComponent(String(segment)) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            url.appendPathComponent("index.html")
        }
        let real = url.resolvingSymlinksInPath().standardizedFileURL
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard real.path.hasPrefix(rootPath), FileManager.default.fileExists(atPath: real.path) else { return nil }
        return real
    }

    /// A content type for a file name.
    public static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ics": return "text/calendar; charset=utf-8"
        case "xml": return "application/xml"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}
