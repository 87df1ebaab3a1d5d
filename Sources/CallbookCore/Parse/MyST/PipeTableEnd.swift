/// Where a pipe table's body ends, as mystmd reads it. mystmd uses markdown-it's GFM table rule,
/// which stops at a blank line, at a line less indented than the table's container (the next
/// item of the list the table opens), at a line indented four or more columns past it, and at
/// every line that starts a block allowed to interrupt a blockquote: a code or colon fence, a
/// quote, a thematic break, a list item (any marker, any number, even an empty item), an HTML
/// block of CommonMark's kinds 1–6, an ATX heading, and MyST's `%` comments, `+++` breaks,
/// `(label)=` targets and `\begin{equation}`-style maths. Everything else — `$$`, `[^x]:`,
/// `#word`, inline HTML — is one more row.
struct PipeTableEnd {
    /// For each `\end{…}` asked about, the last line holding it (-1: none), so that a text of
    /// many tables is still read in linear time.
    private var lastLineWith: [String: Int] = [:]

    /// Whether line `index` of `lines` ends the body of a table whose container's content
    /// starts at column `blockIndent` (0-based).
    mutating func endsTable(_ lines: [Substring], at index: Int, blockIndent: Int) -> Bool {
        let line = lines[index]
        var indent = 0
        var rest = line.utf8[...]
        while let byte = rest.first, byte == 0x20 || byte == 0x09 {
            indent = byte == 0x09 ? indent + 4 - indent % 4 : indent + 1
            rest = rest.dropFirst()
        }
        if rest.isEmpty || indent < blockIndent || indent - blockIndent >= 4 { return true }
        let body = Substring(rest)
        return Fence.open(body) != nil || rest.first == 0x3E || Self.isThematicBreak(rest) || Self.isListMarker(rest)
            || Self.startsHTMLBlock(body) || Self.isATXHeading(rest) || rest.first == 0x25 || Self.isBlockBreak(rest)
            || Self.isMystTarget(body) || startsEnvironment(body, lines: lines, at: index)
    }

    /// Three or more `*`, `-` or `_` (one kind), spaces and tabs between.
    static func isThematicBreak(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        guard let mark = bytes.first, mark == 0x2A || mark == 0x2D || mark == 0x5F else { return false }
        var count = 0
        for byte in bytes {
            if byte == mark { count += 1 } else if byte != 0x20 && byte != 0x09 { return false }
        }
        return count >= 3
    }

    /// `-`, `*`, `+`, or one to nine digits and `.` or `)`, followed by a space, a tab or the end.
    static func isListMarker(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        guard let first = bytes.first else { return false }
        var after = bytes.dropFirst()
        if first != 0x2D && first != 0x2A && first != 0x2B {
            let digits = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            guard (1...9).contains(digits), let mark = bytes.dropFirst(digits).first, mark == 0x2E || mark == 0x29 else { return false }
            after = bytes.dropFirst(digits + 1)
        }
        return after.first.map { $0 == 0x20 || $0 == 0x09 } ?? true
    }

    /// One to six `#` followed by a space, a tab or the end.
    static func isATXHeading(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        let marks = bytes.prefix { $0 == 0x23 }.count
        guard (1...6).contains(marks) else { return false }
        return bytes.dropFirst(marks).first.map { $0 == 0x20 || $0 == 0x09 } ?? true
    }

    /// `+` and then `+`s and spaces, three `+` at least (MyST's block break).
    static func isBlockBreak(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        guard bytes.first == 0x2B else { return false }
        let count = bytes.prefix { $0 == 0x2B || $0 == 0x20 || $0 == 0x09 }.filter { $0 == 0x2B }.count
        return count >= 3
    }

    /// `(label)=` with a label of mystmd's characters (letters, digits, `|@<>*./_-+:`), at most 100.
    static func isMystTarget(_ body: Substring) -> Bool {
        let trimmed = body.trimmingSuffix(while: { $0 == " " || $0 == "\t" })
        guard trimmed.hasPrefix("("), trimmed.hasSuffix(")=") else { return false }
        let label = trimmed.utf8.dropFirst().dropLast(2)
        return (1...100).contains(label.count) && label.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || "|@<>*./_-+:".utf8.contains(byte)
        }
    }

    static let htmlBlockNames: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html",
        "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup",
        "option", "p", "param", "section", "source", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "title", "tr", "track", "ul",
    ]

    /// The start of an HTML block that may interrupt a paragraph (CommonMark's kinds 1–6):
    /// `<script`, `<pre`, `<style`, `<textarea`, `<!--`, `<?`, `<!X`, `<![CDATA[`, or a block
    /// tag name (opening or closing) followed by a space, `>`, `/>` or the end.
    static func startsHTMLBlock(_ body: Substring) -> Bool {
        guard body.hasPrefix("<") else { return false }
        let after = body.dropFirst()
        if after.hasPrefix("!--") || after.hasPrefix("?") || after.hasPrefix("![CDATA[") { return true }
        if after.hasPrefix("!"), let letter = after.dropFirst().unicodeScalars.first, ("A"..."Z").contains(letter) { return true }
        let slash = after.hasPrefix("/")
        let nameAndRest = after.dropFirst(slash ? 1 : 0)
        let name = nameAndRest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }.lowercased()
        let next = nameAndRest.dropFirst(name.count)
        let nameEnds = next.isEmpty || next.hasPrefix(" ") || next.hasPrefix("\t") || next.hasPrefix(">")
        if !slash, ["script", "pre", "style", "textarea"].contains(name), nameEnds { return true }
        return Self.htmlBlockNames.contains(name) && (nameEnds || next.hasPrefix("/>"))
    }

    static let environments: Set<String> = [
        "equation", "multline", "gather", "align", "alignat", "flalign", "matrix", "pmatrix", "bmatrix",
        "Bmatrix", "vmatrix", "Vmatrix", "eqnarray",
    ]

    /// `\begin{equation}` (or another of amsmath's environments, starred or not) whose
    /// `\end{…}` comes on this line or a later one.
    mutating func startsEnvironment(_ body: Substring, lines: [Substring], at index: Int) -> Bool {
        guard body.hasPrefix("\\begin{"), let close = body.firstIndex(of: "}") else { return false }
        let name = body[body.index(body.startIndex, offsetBy: 7)..<close]
        let bare = name.hasSuffix("*") ? name.dropLast() : name
        guard Self.environments.contains(String(bare)) else { return false }
        let end = "\\end{\(name)}"
        if body[close...].contains(end) { return true }
        if lastLineWith[end] == nil { lastLineWith[end] = lines.lastIndex { $0.contains(end) } ?? -1 }
        return lastLineWith[end, default: -1] > index
    }
}
