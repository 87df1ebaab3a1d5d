import Foundation

/// Normalises HTML the way the CommonMark test suite does before comparing: whitespace
/// between and around block-level tags is dropped, runs of whitespace in text outside `<pre>`
/// become one space, and attributes are sorted by name.
enum HTMLNormalizer {
    static let blockTags: Set<String> = [
        "article", "aside", "blockquote", "body", "center", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul",
    ]

    enum Token { case tag(String, name: String, isBlock: Bool), text(String) }

    static func normalize(_ html: String) -> String {
        var tokens: [Token] = []
        var rest = Substring(html)
        while !rest.isEmpty {
            if rest.first == "<", let close = rest.firstIndex(of: ">") {
                let raw = String(rest[...close])
                let name = raw.dropFirst().drop { $0 == "/" }
                    .prefix { $0.isLetter || $0.isNumber }.lowercased()
                tokens.append(.tag(sortAttributes(raw), name: name, isBlock: blockTags.contains(name)))
                rest = rest[rest.index(after: close)...]
            } else {
                let next = rest.dropFirst().firstIndex(of: "<") ?? rest.endIndex
                tokens.append(.text(String(rest[..<next])))
                rest = rest[next...]
            }
        }
        var out = ""
        var inPre = 0
        for (index, token) in tokens.enumerated() {
            switch token {
            case .tag(let raw, let name, _):
                if name == "pre" { inPre += raw.hasPrefix("</") ? -1 : 1 }
                out += raw
            case .text(var text):
                if inPre > 0 { out += text; continue }
                text = text.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
                if index == 0 || { if case .tag(_, _, true) = tokens[index - 1] { return true } else { return false } }() {
                    text = String(text.drop { $0 == " " })
                }
                if index == tokens.count - 1 || { if case .tag(_, _, true) = tokens[index + 1] { return true } else { return false } }() {
                    while text.hasSuffix(" ") { text.removeLast() }
                }
                out += text
            }
        }
        return out
    }

    /// Sorts `name="value"` attributes inside one start tag.
    static func sortAttributes(_ tag: String) -> String {
        guard !tag.hasPrefix("</"), !tag.hasPrefix("<!"), !tag.hasPrefix("<?") else { return tag }
        let pattern = try! NSRegularExpression(pattern: #"\s+([A-Za-z_:][-A-Za-z0-9_:.]*)(="[^"]*"|='[^']*')?"#)
        let ns = tag as NSString
        let matches = pattern.matches(in: tag, range: NSRange(location: 0, length: ns.length))
        guard matches.count > 1 else { return tag }
        let attributes = matches.map { ns.substring(with: $0.range).trimmingCharacters(in: .whitespacesAndNewlines) }
        let first = matches[0].range.location
        let last = matches[matches.count - 1].range
        let head = ns.substring(to: first)
        let tail = ns.substring(from: last.location + last.length)
        return head + " " + attributes.sorted().joined(separator: " ") + tail
    }
}
