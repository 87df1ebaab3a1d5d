import CallbookCore
import FlyingFox
import Foundation

/// Answers a request only when `HostCheck` accepts its `Host` (else 421 Misdirected Request)
/// and, for the live-reload WebSocket, its `Origin` (else 403 Forbidden); then hands it on.
struct HostGuard: HTTPHandler {
    let check: HostCheck
    let inner: any HTTPHandler

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard check.allowsHost(request.headers.values(for: .host)) else {
            return Self.refusal(.misdirectedRequest, "callbook serve answers only http://\(check.address):\(check.port)/ and http://localhost:\(check.port)/\n")
        }
        if request.headers[.upgrade] != nil, !check.allowsOrigin(request.headers.values(for: HTTPHeader("Origin"))) {
            return Self.refusal(.forbidden, "callbook serve accepts WebSockets only from its own pages\n")
        }
        return try await inner.handleRequest(request)
    }

    static func refusal(_ status: HTTPStatusCode, _ text: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8", .connection: "close"],
                     body: Data(text.utf8))
    }
}
