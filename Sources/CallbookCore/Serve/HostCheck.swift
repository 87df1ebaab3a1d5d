/// Which `Host` and `Origin` headers `callbook serve` answers, against DNS rebinding: a page
/// of another site whose name is made to resolve to 127.0.0.1 reaches the server with its own
/// name in `Host` (and in `Origin`), so on a loopback address only the address itself,
/// `localhost` and `[::1]`, each with the port, are answered. On any other address (`--host`,
/// the user's explicit choice) every name is.
public struct HostCheck: Sendable {
    public let address: String
    public let port: UInt16

    public init(address: String, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// True for an IPv4 address in 127.0.0.0/8.
    public var isLoopback: Bool {
        let parts = address.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy({ UInt8($0) != nil }) && parts[0] == "127"
    }

    /// Whether the `Host` header values of a request are answered: exactly one, naming this
    /// server (an absent `Host` is refused too: every browser sends one).
    public func allowsHost(_ values: [String]) -> Bool {
        guard isLoopback else { return true }
        guard values.count == 1 else { return false }
        return names(values[0])
    }

    /// Whether a WebSocket handshake's `Origin` values are accepted: none (a program other than
    /// a browser; browsers always send `Origin` on a WebSocket), or exactly one `http://` origin
    /// naming this server. `null` and other schemes are refused.
    public func allowsOrigin(_ values: [String]) -> Bool {
        guard isLoopback, !values.isEmpty else { return true }
        guard values.count == 1 else { return false }
        let origin = values[0].lowercased()
        guard origin.hasPrefix("http://") else { return false }
        return names(String(origin.dropFirst("http://".count)))
    }

    /// Whether `authority` (`name[:port]`) is this server: the address, `localhost` or
    /// `[::1]`, with this port (or none when the port is 80).
    func names(_ authority: String) -> Bool {
        let text = authority.lowercased()
        let name: Substring
        let portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return false }
            name = text[...close]
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { portText = nil } else {
                guard rest.hasPrefix(":") else { return false }
                portText = rest.dropFirst()
            }
        } else if let colon = text.firstIndex(of: ":") {
            name = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            name = text[...]
            portText = nil
        }
        guard name == address || name == "localhost" || name == "[::1]" else { return false }
        if let portText {
            return !portText.isEmpty && portText.allSatisfy({ ("0"..."9").contains($0) }) && UInt16(portText) == port
        }
        return port == 80
    }
}
