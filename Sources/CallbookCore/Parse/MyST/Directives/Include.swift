import Foundation

/// `include`: another file's text, parsed in place as MyST (with its own file positions), or
/// shown as a code block with `literal` or `code`. `start-after` / `end-before` cut the text.
/// The file is asked of the parse's `BookFiles`, so it must lie inside the project root.
/// A missing file, an include cycle (found by real path, so a folder link cannot hide one) or
/// nesting deeper than `maximumDepth` is an error naming the chain; so is a chapter expanding
/// more than `maximumExpansions` includes (a file including the next twice, 30 deep, would
/// otherwise parse 2^30 files).
enum Include {
    /// How many files deep includes may nest (mystmd has no limit; a chain this long is a mistake).
    static let maximumDepth = 64
    /// How many includes one chapter may expand, all levels together.
    static let maximumExpansions = 1_000

    static let spec = DirectiveSpec(
        names: ["include", "literalinclude"], argument: .required,
        options: ["literal": .flag, "code": .text, "lang": .text, "language": .text, "start-after": .text, "end-before": .text,
                  "start-line": .integer, "end-line": .integer, "caption": .text, "linenos": .flag,
                  "label": .unusedLabel(of: "included text")],
        body: .none
    ) { invocation, session in
        guard let argument = invocation.argument else { return [] }
        func chain() -> String {
            let files = [session.parser.file] + session.includeChain.displays
            let shown = files.count > 6 ? Array(files.prefix(3)) + ["…"] + Array(files.suffix(2)) : files
            return shown.joined(separator: " → ")
        }
        guard let base = session.sourceURL, let files = session.parser.files else {
            session.error("include-unavailable", "{include} needs the chapter's file; it cannot be used on standard input",
                          at: invocation.range)
            return []
        }
        let url = URL(fileURLWithPath: argument, relativeTo: base.deletingLastPathComponent()).standardizedFileURL
        let display = BookPaths.display(argument, from: session.file)
        guard session.includeChain.depth < maximumDepth else {
            session.error("include-too-deep", "includes nest more than \(maximumDepth) files deep; '\(argument)' was not included (included from \(chain()))",
                          at: invocation.range)
            return []
        }
        let real: String
        switch files.locate(url) {
        case .success(let found):
            real = found
        case .failure(.missing):
            session.includedFiles.insert(url.path)  // creating it changes this chapter
            session.error("include-missing", "cannot include '\(argument)': no such file (included from \(chain()))",
                          at: invocation.range)
            return []
        case .failure(let problem):
            session.error(problem.id(else: "include-unreadable"), "cannot include: \(problem.describe(argument, rootPath: files.rootPath))",
                          at: invocation.range)
            return []
        }
        if session.includeChain.contains(real)
            || session.parser.sourceURL.map({ files.locate($0) == .success(real) }) == true {
            session.error("include-cycle", "include cycle: \(chain()) → \(display)", at: invocation.range)
            return []
        }
        guard session.includeChain.expansions < maximumExpansions else {
            if !session.includeChain.reportedExcess {
                session.includeChain.reportedExcess = true
                session.error("include-too-many", "this chapter expands more than \(maximumExpansions) includes; '\(argument)' and the includes after it were not included (included from \(chain()))",
                              at: invocation.range)
            }
            return []
        }
        session.includeChain.expansions += 1
        session.includedFiles.insert(url.path)
        let text: String
        switch files.text(at: URL(fileURLWithPath: real)) {
        case .success(let read):
            text = read
        case .failure(let problem):
            session.error(problem.id(else: "include-unreadable"), "cannot include: \(problem.describe(argument, rootPath: files.rootPath))",
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
        session.includeChain.push(display: display, real: real)
        defer { session.includeChain.pop() }
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

/// The files being included now, outermost first: their real paths in a set, so a cycle is
/// found in constant time at any depth, and how they are shown, for messages.
struct IncludeChain {
    private(set) var displays: [String] = []
    private var reals: [String] = []
    private var members: Set<String> = []

    var depth: Int { reals.count }
    /// Includes expanded so far in the chapter, at every level.
    var expansions = 0
    /// Whether the chapter was told it passed `Include.maximumExpansions`.
    var reportedExcess = false

    func contains(_ real: String) -> Bool { members.contains(real) }

    mutating func push(display: String, real: String) {
        displays.append(display)
        reals.append(real)
        members.insert(real)
    }

    mutating func pop() {
        displays.removeLast()
        members.remove(reals.removeLast())
    }
}
