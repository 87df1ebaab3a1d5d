import CallbookCore
import FlyingFox
import Foundation

/// Serves the built site: files only from inside it (anything else is 404), HTML pages with
/// the live-reload script added before `</body>`.
struct SiteHandler: HTTPHandler {
    let site: SitePath

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed)
        }
        guard let file = site.file(for: request.path), let data = FileManager.default.contents(atPath: file.path) else {
            let notFound = site.root.appendingPathComponent("404.html")
            let body = FileManager.default.contents(atPath: notFound.path) ?? Data("Not found\n".utf8)
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                                body: Self.inject(body))
        }
        let type = SitePath.contentType(file.lastPathComponent)
        let body = type.hasPrefix("text/html") ? Self.inject(data) : data
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
    }

    /// Adds the live-reload script to an HTML page.
    static func inject(_ html: Data) -> Data {
        var text = String(decoding: html, as: UTF8.self)
        if let end = text.range(of: "</body>", options: .backwards) {
            text.replaceSubrange(end, with: LiveReloadScript.tag + "\n</body>")
        } else {
            text += LiveReloadScript.tag
        }
        return Data(text.utf8)
    }
}
