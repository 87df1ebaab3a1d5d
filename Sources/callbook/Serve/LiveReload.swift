import FlyingFox
import Foundation

/// Tells every open page to reload after a build, or shows the build's errors over the page,
/// through a WebSocket on the same port as the site (`/_callbook/live`).
actor LiveReload {
    private var clients: [UUID: AsyncStream<WSMessage>.Continuation] = [:]
    /// The last message sent, replayed to pages that connect later (so an error overlay shows).
    private var last: String = #"{"type":"ok"}"#

    func connect() -> AsyncStream<WSMessage> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        clients[id] = continuation
        continuation.yield(.text(last))
        continuation.onTermination = { _ in Task { await self.disconnect(id) } }
        return stream
    }

    private func disconnect(_ id: UUID) {
        clients[id] = nil
    }

    /// Sends `{"type":"reload"}` or `{"type":"errors","lines":[…]}`.
    func send(_ json: String) {
        last = json
        for continuation in clients.values { continuation.yield(.text(json)) }
    }
}

/// The WebSocket handler: each page's stream of messages from `LiveReload`.
struct LiveReloadSocket: WSMessageHandler {
    let live: LiveReload

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        await live.connect()
    }
}

/// The script every served page gets: reconnects, reloads, shows build errors as an overlay.
enum LiveReloadScript {
    static let tag = "<script src=\"/_callbook/live.js\"></script>"
    static let source = #"""
    (function () {
      "use strict";
      function overlay(lines) {
        var box = document.getElementById("callbook-overlay");
        if (!lines) { if (box) { box.remove(); } return; }
        if (!box) {
          box = document.createElement("div");
          box.id = "callbook-overlay";
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:50vh;overflow:auto;z-index:9999;" +
            "background:#2d1416;color:#ffdcd7;font:14px/1.4 ui-monospace,monospace;padding:1rem;border-radius:.5rem;white-space:pre-wrap";
          document.body.appendChild(box);
        }
        box.textContent = "callbook: the last build has problems; the last good site is shown.\n\n" + lines.join("\n");
      }
      function connect() {
        var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/_callbook/live");
        var first = true;
        socket.onmessage = function (event) {
          var message = JSON.parse(event.data);
          if (message.type === "reload" && !first) { location.reload(); return; }
          overlay(message.type === "errors" ? message.lines : null);
          first = false;
        };
        socket.onclose = function () { setTimeout(connect, 1000); };
      }
      connect();
    })();
    """#
}
