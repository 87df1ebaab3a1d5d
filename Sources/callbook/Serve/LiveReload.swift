import CallbookCore
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

    /// Sends `{"type":"reload","build":N}`, or
    /// `{"type":"errors","shown":"new"|"previous","build":N,"lines":[…]}`.
    func send(_ json: String) {
        last = json
        for continuation in clients.values { continuation.yield(.text(json)) }
    }
}

/// The WebSocket handler: each page's stream of messages from `LiveReload`.
struct LiveReloadSocket: WSMessageHandler {
    let live: LiveReload

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        // What a page sends is only its heartbeat (it keeps the connection from timing out as
        // idle): read and dropped. The loop ends when the page goes.
        Task { for await _ in client {} }
        return await live.connect()
    }
}

/// The script every served page gets: reconnects, reloads after a newer build, shows build errors as an overlay
/// that says which site is shown (`shown`: the build with the errors, or the one before it),
/// and sends a heartbeat every so often so the server does not close the socket as idle.
enum LiveReloadScript {
    static let tag = "<script src=\"/_callbook/live.js\"></script>"

    static func source(heartbeatMilliseconds: Int) -> String {
        template.replacingOccurrences(of: "HEARTBEAT_MS", with: String(max(250, heartbeatMilliseconds)))
    }

    /// What the overlay says above the errors, by `shown`.
    static let newSiteText = "callbook: the last build has errors (below). The site shown is that build: each page as far as it could be built."
    static let previousSiteText = "callbook: the last build failed (below) and wrote nothing. The site shown is the one built before it, if any."

    static let template = #"""
    (function () {
      "use strict";
      // The build this page shows, from the first message; a later build that wrote the site
      // reloads the page, also one made while the socket was closed (a tab asleep, a restart).
      var shownBuild = null;
      function overlay(lines, shown) {
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
        box.textContent = (shown === "new" ? NEW_SITE_TEXT : PREVIOUS_SITE_TEXT) + "\n\n" + lines.join("\n");
      }
      function connect() {
        var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/_callbook/live");
        var heartbeat = setInterval(function () { if (socket.readyState === 1) { socket.send("ping"); } }, HEARTBEAT_MS);
        socket.onmessage = function (event) {
          var message = JSON.parse(event.data);
          var changed = message.type === "reload" || (message.type === "errors" && message.shown === "new");
          if (changed && shownBuild !== null && message.build !== shownBuild) { location.reload(); return; }
          shownBuild = message.build;
          overlay(message.type === "errors" ? message.lines : null, message.shown);
        };
        socket.onclose = function () { clearInterval(heartbeat); setTimeout(connect, 1000); };
      }
      connect();
    })();
    """#
        .replacingOccurrences(of: "NEW_SITE_TEXT", with: JSONString.quote(newSiteText))
        .replacingOccurrences(of: "PREVIOUS_SITE_TEXT", with: JSONString.quote(previousSiteText))
}
