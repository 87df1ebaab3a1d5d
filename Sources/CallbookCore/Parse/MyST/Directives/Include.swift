import Foundation

/// `include`: another file's text, parsed in place as MyST (with its own file positions), or
/// shown as a code block with `literal` or `code`. `start-after` / `end-before` cut the text.
/// A missing file or an include cycle is an error naming the chain.
enum Include {
    static let spec = DirectiveSpec(
        names: ["include", "literalinclude"], argument: .required,
        options: ["literal": .flag, "code": .text, "lang": .text, "language": .text, "start-after": .text, "end-before": .text,
                  "start-line": .integer, "end-line": .integer, "caption": .text, "linenos": .flag, "name": .text],
        body: .none
    ) { invocation, session in
        guard let argument = invocation.argument else { return [] }
        let chain = ([session.parser.file] + session.includeChain.map(\.display)).joined(separator: " → ")
        guard let base = session.sourceURL else {
            session.error("include-unavailable", "{include} needs the chapter's file; it cannot be used on standard input",
                          at: invocation.range)
            return []
        }
        let url = URL(fileURLWithPath: argument, relativeTo: base.deletingLastPathComponent()).standardizedFileURL
        let display = BookPaths.resolve(argument, from: session.file)
        if session.includeChain.contains(where: { $0.path == url.path })
            || url.path == session.parser.sourceURL?.standardizedFileURL.path {
            session.error("include-cycle", "include cycle: \(chain) → \(display)", at: invocation.range)
            return []
        }
        session.includedFiles.insert(url.path)
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else {
            session.error("include-missing", "cannot include '\(argument)': no such file (included from \(chain))",
                          at: invocation.range)
            return []
        }
        var (content, firstLine) = cut(LineEndings.normalize(text), invocation)
        let literal = invocation.flag("literal") || invocation.name == "literalinclude"
        if literal || invocation.option("code") != nil {
            if content.hasSuffix("\n") { content.removeLast() }
            var code = CodeBlock(lang: invocation.option("code") ?? invocation.option("lang") ?? invocation.option("language"),
                                 value: content)
            code.showLineNumbers = invocation.flag("linenos")
            return [Block(.code(code), at: invocation.range)]
        }
        session.includeChain.append((display, url.path))
        defer { session.includeChain.removeLast() }
        return session.parseBlocks(content, lineOffset: firstLine - 1, file: display, sourceURL: url)
    }

    /// The included text after `start-after` / `start-line` and before `end-before` / `end-line`,
    /// with the 1-based line it starts at.
    static func cut(_ text: String, _ invocation: DirectiveInvocation) -> (String, Int) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var first = 1
        if let start = invocation.integer("start-line"), start > 0 {
            lines = Array(lines.dropFirst(start))
            first += start
        }
        if let end = invocation.integer("end-line") {
            lines = Array(lines.prefix(max(0, end - (first - 1))))
        }
        if let marker = invocation.option("start-after"), let index = lines.firstIndex(where: { $0.contains(marker) }) {
            lines = Array(lines[(index + 1)...])
            first += index + 1
        }
        if let marker = invocation.option("end-before"), let index = lines.firstIndex(where: { $0.contains(marker) }) {
            lines = Array(lines[..<index])
        }
        return (lines.joined(separator: "\n"), first)
    }
}
