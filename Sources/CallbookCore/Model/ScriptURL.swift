/// URLs that run script when followed or loaded (`javascript:`, `vbscript:`). MyST passes raw
/// HTML through, so callbook cannot make a page safe; it warns where the book's Markdown or
/// table of contents names such a URL (a lint, not a sanitiser).
public enum ScriptURL {
    /// Whether `url` has a script scheme, read as a browser reads it: leading spaces and
    /// control characters and any tab or line break are ignored, and case does not matter.
    public static func isScript(_ url: String) -> Bool {
        // The scheme's bytes so far (at most ten, all ASCII) are matched against both names as
        // they come; a byte beyond ASCII starts a character beyond it, which no scheme has.
        var length = 0
        var javascript = true, vbscript = true
        for byte in url.utf8 {
            if byte == 0x09 || byte == 0x0A || byte == 0x0D || (length == 0 && byte <= 0x20) { continue }
            if byte == UInt8(ascii: ":") { return (javascript && length == 10) || (vbscript && length == 8) }
            guard byte < 0x80, length < 10 else { return false }
            let lowered = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            javascript = javascript && lowered == Self.javascript[length]
            vbscript = vbscript && length < 8 && lowered == Self.vbscript[length]
            length += 1
        }
        return false
    }

    private static let javascript = Array("javascript".utf8)
    private static let vbscript = Array("vbscript".utf8)

    /// The warning for a script URL written at `range`; `what` names where it is used ("link").
    public static func warning(_ url: String, _ what: String, at range: SourceRange?) -> Diagnostic {
        let shown = url.count > 40 ? String(url.prefix(40)) + "…" : url
        return .warning("unsafe-url", "\(what) URL '\(shown)' runs script in the reader's browser; use an http(s) link or raw HTML you have reviewed",
                        at: range)
    }
}
