/// The inline half of MyST's syntax, applied to cmark's inlines: `{name}` followed by a code
/// span becomes a role (cmark yields text ending in `{name}` then inline code); `[^x]` becomes
/// a footnote reference; `$…$` becomes inline math.
enum InlineSyntax {
    static func transform(_ inlines: [Inline], session: inout ParseSession) -> [Inline] {
        transformed(inlines, session: &session) ?? inlines
    }

    /// `transform`, or nil when it leaves every node as it is (most lists: no role, no `$`,
    /// no `[^`), so that they are kept rather than copied node by node.
    private static func transformed(_ inlines: [Inline], session: inout ParseSession) -> [Inline]? {
        // Children first (emphasis, links…), then roles, then text-level syntax.
        var deep: [Inline]?
        for index in inlines.indices {
            guard let children = inlines[index].children, let new = transformed(children, session: &session) else { continue }
            if deep == nil { deep = inlines }
            deep![index] = inlines[index].replacingChildren(with: new)
        }
        let list = deep ?? inlines
        // Nil while every node so far is kept.
        var result: [Inline]?
        func put(_ made: [Inline], replacingFrom index: Int) {
            if result == nil {
                result = Array(list[..<index])
                result!.reserveCapacity(list.count + made.count)
            }
            result! += made
        }
        var index = 0
        while index < list.count {
            let inline = list[index]
            if case .text(let text) = inline.kind, index + 1 < list.count,
               case .inlineCode(let code) = list[index + 1].kind, let (before, name) = roleName(endOf: text) {
                var made = textSyntax(before, range: inline.range, session: &session)
                let codeRange = list[index + 1].range
                let roleRange = codeRange.map { range -> SourceRange in
                    var start = range
                    // The code span's range starts after its backtick: step back over `{name}` and it.
                    start.start.column = max(1, range.start.column - name.utf8.count - 3)
                    return start
                }
                made.append(RoleRunner.run(name: name, value: code, range: roleRange, session: &session))
                put(made, replacingFrom: index)
                index += 2
                continue
            }
            // Most texts hold no `$` nor `[^`: kept as they are (`textSyntax` would make the
            // same node, in an array of its own).
            if case .text(let text) = inline.kind, text.isEmpty || Self.mayHaveTextSyntax(text) {
                put(textSyntax(text, range: inline.range, session: &session), replacingFrom: index)
            } else {
                result?.append(inline)
            }
            index += 1
        }
        return result ?? deep
    }

    /// Splits `text{name}` into `text` and `name` when the text ends with a role name.
    static func roleName(endOf text: String) -> (String, String)? {
        guard text.hasSuffix("}"), let open = text.lastIndex(of: "{") else { return nil }
        let name = text[text.index(after: open)..<text.index(before: text.endIndex)]
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "_-:+.".contains($0) }),
              name.first!.isLetter else { return nil }
        return (String(text[..<open]), String(name))
    }

    /// A quick byte scan (`memchr`): does the text hold `$` or `[^` at all?
    static func mayHaveTextSyntax(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            if bytes.firstOffset(of: 0x24) != nil { return true }
            var from = 1
            while let caret = bytes.firstOffset(of: 0x5E, from: from) {
                if bytes[caret - 1] == 0x5B { return true }
                from = caret + 1
            }
            return false
        }
    }

    /// Footnote references and inline math inside one text node.
    static func textSyntax(_ text: String, range: SourceRange?, session: inout ParseSession) -> [Inline] {
        guard !text.isEmpty else { return [] }
        guard Self.mayHaveTextSyntax(text) else { return [Inline(.text(text), at: range)] }
        var result: [Inline] = []
        var pendingStart = 0
        let chars = Array(text)
        // The UTF-8 length of the text before each character: each piece's columns are found
        // without counting from the start again, and its text is cut from the text's bytes (a
        // string of its own size).
        let firstNewline = chars.firstIndex(of: "\n") ?? chars.count
        var utf8Before = [0]
        utf8Before.reserveCapacity(chars.count + 1)
        for char in chars { utf8Before.append(utf8Before[utf8Before.count - 1] + char.utf8.count) }
        var index = 0
        /// The range of the characters `from..<to` of the text: exact while they are on its first line.
        func piece(_ from: Int, _ to: Int) -> SourceRange? {
            guard var piece = range else { return nil }
            guard from <= firstNewline else { return range }
            let startColumn = piece.start.column + utf8Before[from]
            piece.start.column = startColumn
            if to <= firstNewline {
                piece.end = SourcePosition(line: piece.start.line, column: startColumn + utf8Before[to] - utf8Before[from])
            }
            return piece
        }
        func flush() {
            guard pendingStart < index else { return }
            let pending = text.utf8.withContiguousStorageIfAvailable {
                String(decoding: $0[utf8Before[pendingStart]..<utf8Before[index]], as: UTF8.self)
            } ?? String(chars[pendingStart..<index])
            result.append(Inline(.text(pending), at: piece(pendingStart, index)))
        }
        while index < chars.count {
            // A label holds no white space nor `[`: the search for its `]` stops at them, so
            // many unclosed `[^` cost no more than the text.
            if chars[index] == "[", index + 1 < chars.count, chars[index + 1] == "^",
               let close = chars[(index + 2)...].firstIndex(where: { $0 == "]" || $0 == "[" || $0.isWhitespace }),
               chars[close] == "]", close > index + 2 {
                flush()
                let label = String(chars[(index + 2)..<close])
                result.append(Inline(.footnoteReference(FootnoteReference(label: label)), at: piece(index, close + 1)))
                index = close + 1
                pendingStart = index
                continue
            }
            if chars[index] == "$", let end = mathEnd(chars, from: index) {
                flush()
                result.append(Inline(.inlineMath(String(chars[(index + 1)..<end])), at: piece(index, end + 1)))
                index = end + 1
                pendingStart = index
                continue
            }
            index += 1
        }
        flush()
        return result
    }

    /// The closing `$` of inline math opened at `start`, as mystmd 1.11 reads dollar math (its
    /// markdown-it-dollarmath runs with `allow_space` and `allow_digits`): the next `$` in the
    /// paragraph closes, whatever is around it; `$$` is no inline opener.
    static func mathEnd(_ chars: [Character], from start: Int) -> Int? {
        let first = start + 1
        guard first < chars.count, chars[first] != "$", start == 0 || chars[start - 1] != "$" else { return nil }
        var index = first
        while index < chars.count {
            if chars[index] == "\n" && index + 1 < chars.count && chars[index + 1] == "\n" { return nil }
            if chars[index] == "$" { return index }
            index += 1
        }
        return nil
    }
}
