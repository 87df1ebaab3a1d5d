/// An image whose file is a video (`.mp4`, `.webm`, `.ogv`, `.mov`), drawn as `<video controls>`
/// rather than `<img>`, as mystmd draws it.
enum VideoSource {
    static let extensions: Set<String> = ["mp4", "webm", "ogv", "mov"]

    /// Whether the path of `url` (before any `?` or `#`) ends in a video extension.
    static func isVideo(_ url: String) -> Bool {
        var path = Substring(url)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return extensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// The `<video>` element: controls, only its metadata loaded with the page, and a link to the
    /// file for browsers that cannot play it. `attributes` (class, style, title) are already escaped.
    static func html(url: String, alt: String, attributes: String) -> String {
        let source = HTMLEscaping.escapeURL(url)
        let label = alt.isEmpty ? "" : " aria-label=\"" + HTMLEscaping.escape(alt) + "\""
        let fallback = alt.isEmpty ? "Download the video" : HTMLEscaping.escape(alt)
        return "<video controls preload=\"metadata\" src=\"" + source + "\"" + label + attributes + ">"
            + "<a href=\"" + source + "\">" + fallback + "</a></video>"
    }
}
