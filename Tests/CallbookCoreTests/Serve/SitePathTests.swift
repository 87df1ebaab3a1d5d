import CallbookCore
import Foundation
import Testing

/// `SitePath`: which file of the served site a request path names, and nothing outside it.
@Suite("SitePath (serve's request paths)")
struct SitePathTests {
    /// `<tmp>/site/` with pages, a folder, and symbolic links in and out; `<tmp>/site-secrets/`
    /// and `<tmp>/outside.html` beside it.
    struct Fixture {
        let root: URL
        var site: URL { root.appendingPathComponent("site") }
        let paths: SitePath

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("callbook-sitepath-\(UUID().uuidString)")
            let site = root.appendingPathComponent("site")
            let manager = FileManager.default
            for folder in ["site/a", "site/empty", "site-secrets", "elsewhere"] {
                try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            for (path, text) in ["site/index.html": "home", "site/a/index.html": "a home", "site/a/b.html": "b",
                                 "site/style.css": "body{}", "site/a b.html": "space",
                                 "site-secrets/secret.html": "secret", "outside.html": "outside",
                                 "elsewhere/index.html": "elsewhere"] {
                try Data(text.utf8).write(to: root.appendingPathComponent(path))
            }
            try manager.createSymbolicLink(atPath: site.appendingPathComponent("a/out.html").path, withDestinationPath: "../../outside.html")
            try manager.createSymbolicLink(atPath: site.appendingPathComponent("a/abs-out.html").path,
                                           withDestinationPath: root.appendingPathComponent("outside.html").path)
            try manager.createSymbolicLink(atPath: site.appendingPathComponent("sibling.html").path,
                                           withDestinationPath: "../site-secrets/secret.html")
            try manager.createSymbolicLink(atPath: site.appendingPathComponent("linked-out").path, withDestinationPath: "../elsewhere")
            try manager.createSymbolicLink(atPath: site.appendingPathComponent("a/in.html").path, withDestinationPath: "b.html")
            try manager.createSymbolicLink(atPath: site.appendingPathComponent("linked-in").path, withDestinationPath: "a")
            paths = SitePath(root: site)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }

        /// The site-relative path the request maps to, or nil.
        func resolve(_ request: String) -> String? {
            guard let file = paths.file(for: request) else { return nil }
            let base = site.resolvingSymlinksInPath().path + "/"
            let path = file.resolvingSymlinksInPath().path
            return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : "OUTSIDE:" + path
        }
    }

    @Test("ordinary request paths map to files, folders to their index.html")
    func ordinaryPaths() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(fixture.resolve("/") == "index.html")
        #expect(fixture.resolve("") == "index.html")
        #expect(fixture.resolve("/index.html") == "index.html")
        #expect(fixture.resolve("/a/") == "a/index.html")
        #expect(fixture.resolve("/a") == "a/index.html")
        #expect(fixture.resolve("/a/b.html") == "a/b.html")
        #expect(fixture.resolve("/a/b.html?x=1#y") == "a/b.html")
        #expect(fixture.resolve("/a/b.html#y") == "a/b.html")
        #expect(fixture.resolve("/a//b.html") == "a/b.html")
        #expect(fixture.resolve("/a%20b.html") == "a b.html")
        #expect(fixture.resolve("/style.css") == "style.css")
        #expect(fixture.resolve("/missing.html") == nil)
        #expect(fixture.resolve("/empty/") == nil, "a folder without index.html is not served")
    }

    @Test("traversal is refused, plain or encoded", arguments: [
        "..", "/..", "/../", "/../etc/passwd", "/../../etc/passwd", "/a/../index.html", "/a/../../outside.html",
        "%2e%2e/", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/outside.html", "/.%2e/outside.html",
        "/a%2F..%2F..%2Foutside.html", "%2F..%2F..%2Fetc%2Fpasswd", "/a/%2F..%2F..%2Foutside.html",
        "/..\\outside.html", "/a\\..\\..\\outside.html", "/..%5c..%5coutside.html", "/a/..%5Cb.html",
        "/./index.html", "/index.html%00", "/index.html%00.css", "/..;/outside.html",
        "/../site-secrets/secret.html", "/..%2fsite-secrets%2fsecret.html", "/%252e%252e/outside.html",
    ])
    func traversalIsRefused(request: String) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(fixture.resolve(request) == nil, "'\(request)' was mapped to a file")
    }

    @Test("symbolic links leading out of the site are refused; links inside are followed")
    func symbolicLinks() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(fixture.resolve("/a/out.html") == nil)
        #expect(fixture.resolve("/a/abs-out.html") == nil)
        // `site-secrets` starts with `site`: the prefix test must stop at a `/`.
        #expect(fixture.resolve("/sibling.html") == nil)
        #expect(fixture.resolve("/linked-out/") == nil)
        #expect(fixture.resolve("/linked-out/index.html") == nil)
        #expect(fixture.resolve("/a/in.html") == "a/b.html")
        #expect(fixture.resolve("/linked-in/b.html") == "a/b.html")
        #expect(fixture.resolve("/linked-in/") == "a/index.html")
    }

    @Test("a site root reached through a symbolic link still serves its files")
    func rootThroughALink() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let link = fixture.root.appendingPathComponent("site-link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "site")
        let paths = SitePath(root: link)
        #expect(paths.file(for: "/a/b.html") != nil)
        #expect(paths.file(for: "/../outside.html") == nil)
        #expect(paths.file(for: "/a/out.html") == nil)
    }

    @Test("content types", arguments: [
        ("index.html", "text/html; charset=utf-8"), ("PAGE.HTML", "text/html; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"), ("search.js", "text/javascript; charset=utf-8"),
        ("links.json", "application/json"), ("map.svg", "image/svg+xml"), ("a.png", "image/png"),
        ("a.jpg", "image/jpeg"), ("a.JPEG", "image/jpeg"), ("a.gif", "image/gif"), ("a.webp", "image/webp"),
        ("calls.ics", "text/calendar; charset=utf-8"), ("sitemap.xml", "application/xml"),
        ("doc.pdf", "application/pdf"), ("data.bin", "application/octet-stream"), ("README", "application/octet-stream"),
    ])
    func contentTypes(name: String, type: String) {
        #expect(SitePath.contentType(name) == type)
    }
}
