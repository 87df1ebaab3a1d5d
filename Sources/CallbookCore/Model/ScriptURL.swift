/// URLs that run script when followed or loaded (`javascript:`, `vbscript:`). MyST passes raw
/// HTML through, so callbook cannot make a page safe; it warns where the book's Markdown or
/// table of contents names such a URL (a lint, not a sanitiser).
public enum ScriptURL {
    /// Whether `url` has a script scheme, read as a browser reads it: leading spaces and
    /// control characters and any tab or line break are ignored, and case does not matter.
    public static func isScript(_ url: String) -> Bool {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar == "\t" || scalar == "\n" || scalar == "\r" || (scheme.isEmpty && scalar.value <= 0x20) { continue }
            if scalar == ":" {
                let lowered = scheme.lowercased()
                return lowered == "javascript" || lowered == "vbscript"
            }
            guard scalar.isASCII, scheme.unicodeScalars.count < 10 else { return false }
            scheme.unicodeScalars.append(scalar)
        }
        return false
    }

    /// The warning for a script URL written at `range`; `what` names where it is used ("link").
    public static func warning(_ url: String, _ what: String, at range: SourceRange?) -> Diagnostic {
        let shown = url.count > 40 ? String(url.prefix(40)) + "…" : url
        return .warning("unsafe-url", "\(what) URL '\(shown)' runs script in the reader's browser; use an http(s) link or raw HTML you have reviewed",
                        at: range)
    }
}
