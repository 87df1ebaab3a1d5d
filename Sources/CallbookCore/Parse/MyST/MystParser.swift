import Foundation

/// Parses MyST Markdown into our tree, in MyST's two phases: first the syntax (libcmark, with
/// colon fences, targets, comments, block breaks, display math, pipe tables and footnote
/// definitions split out of the text beforehand by `BlockScanner`), then the directive and
/// role registries turn generic `{name}` fences and roles into real nodes. Directive bodies are
/// parsed again with a line offset, so every position points into the original file.
public struct MystParser: Sendable {
    /// The path shown in diagnostics.
    public var file: String
    /// The chapter's file on disk, for `include` paths; nil for standard input.
    public var sourceURL: URL?
    /// Reads included files (and looks for `pic.*` picks) inside the project root; by default
    /// the root found from the chapter's folder.
    public var files: BookFileReader?
    public var directives: DirectiveRegistry
    public var roles: RoleRegistry

    public init(file: String, sourceURL: URL? = nil, files: BookFileReader? = nil, directives: DirectiveRegistry = .standard,
                roles: RoleRegistry = .standard) {
        self.file = file
        self.sourceURL = sourceURL
        self.files = files ?? sourceURL.map { BookFileReader(near: $0.deletingLastPathComponent()) }
        self.directives = directives
        self.roles = roles
    }

    /// Parses a whole chapter body (front matter already removed).
    public func parse(_ text: String) -> (Document, [Diagnostic]) {
        let (document, diagnostics, _, _) = parseTrackingIncludes(text)
        return (document, diagnostics)
    }

    /// Parses, and also returns what the result depends on besides the text: included files
    /// and the files `pic.*` figure paths picked.
    public func parseTrackingIncludes(_ text: String) -> (Document, [Diagnostic], Set<String>, [String: String]) {
        let session = parseSession(text)
        return (Document(children: session.blocks), session.state.diagnostics, session.state.includedFiles, session.state.wildcards)
    }

    /// Parses, and returns the blocks with the session's final state (what the chapter
    /// depends on and asks for).
    func parseSession(_ text: String) -> (blocks: [Block], state: ParseSession) {
        var session = ParseSession(parser: self)
        let blocks = session.parseBlocks(LineEndings.normalize(text), lineOffset: 0, file: file, sourceURL: sourceURL)
        return (blocks, session)
    }
}

/// The state of one chapter's parse: diagnostics, the include chain, counters for ids.
public struct ParseSession {
    let parser: MystParser
    public internal(set) var diagnostics: [Diagnostic] = []
    /// Files being included, outermost first, to report include cycles and too deep nesting.
    var includeChain = IncludeChain()
    /// The file and source URL of the text being parsed now (they change inside includes).
    public internal(set) var file: String
    public internal(set) var sourceURL: URL?
    var tabSetCount = 0
    /// Every file `include`d (absolute paths), so a change to one rebuilds this chapter.
    public internal(set) var includedFiles: Set<String> = []
    /// `pic.*` figure paths (absolute) and the file each one picked.
    public internal(set) var wildcards: [String: String] = [:]
    /// The lines of the text being parsed now and the file line before its first, to find
    /// where things are on a line (a directive's argument).
    private var currentText: (text: String, offset: Int) = ("", 0)
    /// Bytes cut from the start of file lines before their text reached this parse (a quote's
    /// `> `, a footnote's `[^a]: `), by file line, added back to every column reported there.
    private var columnShiftsByLine: [Int: Int] = [:]
    /// `.bib` files a `{bibliography}` directive names, for Load to read.
    public internal(set) var bibliographyRequests: [BibliographyRequest] = []

    init(parser: MystParser) {
        self.parser = parser
        self.file = parser.file
        self.sourceURL = parser.sourceURL
    }

    public mutating func warn(_ id: String, _ message: String, at range: SourceRange?) {
        diagnostics.append(.warning(id, message, at: range))
    }

    public mutating func error(_ id: String, _ message: String, at range: SourceRange?) {
        diagnostics.append(.error(id, message, at: range))
    }

    /// Asks for a `.bib` file (relative to the file being parsed) to join the bibliography.
    mutating func requestBibliography(_ path: String, at range: SourceRange?) {
        let folder = sourceURL?.deletingLastPathComponent() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let url = URL(fileURLWithPath: path, relativeTo: folder).standardizedFileURL
        bibliographyRequests.append(BibliographyRequest(path: url.path, written: path, range: range))
    }

    /// Parses MyST block content whose first line is line `lineOffset + 1` of `file`.
    public mutating func parseBlocks(_ text: String, lineOffset: Int) -> [Block] {
        parseBlocks(text, lineOffset: lineOffset, file: file, sourceURL: sourceURL)
    }

    /// Parses MyST block content whose lines had prefixes cut off: `columnShifts[i]` bytes from
    /// line `i` of `text`, so positions still point into the file.
    mutating func parseBlocks(_ text: String, lineOffset: Int, columnShifts: [Int]) -> [Block] {
        parseBlocks(text, lineOffset: lineOffset, file: file, sourceURL: sourceURL, columnShifts: columnShifts)
    }

    mutating func parseBlocks(_ text: String, lineOffset: Int, file: String, sourceURL: URL?,
                              columnShifts: [Int] = []) -> [Block] {
        let saved = (self.file, self.sourceURL, self.currentText, self.columnShiftsByLine)
        if file != self.file { columnShiftsByLine = [:] }
        self.file = file
        self.sourceURL = sourceURL
        self.currentText = (text, lineOffset)
        defer { (self.file, self.sourceURL, self.currentText, self.columnShiftsByLine) = saved }
        for (index, shift) in columnShifts.enumerated() where shift != 0 {
            columnShiftsByLine[lineOffset + index + 1, default: 0] += shift
        }
        let scanned = BlockScanner.scan(text, lineOffset: lineOffset, session: &self)
        var lineShifts: [Int] = []
        if !columnShiftsByLine.isEmpty {
            let lineCount = text.utf8.reduce(1) { $1 == 10 ? $0 + 1 : $0 }
            lineShifts = (0..<lineCount).map { columnShift(onLine: lineOffset + $0 + 1) }
        }
        let (document, cmarkDiagnostics) = CMarkConverter(file: file, lineOffset: lineOffset, lineColumnShifts: lineShifts)
            .convert(scanned.text)
        diagnostics += cmarkDiagnostics
        return transform(document.children, sideBlocks: scanned.sideBlocks)
    }

    /// What to add to a column on the current text's file line `line` to make it a file column.
    func columnShift(onLine line: Int) -> Int { columnShiftsByLine[line] ?? 0 }

    /// The 1-based column where `text` appears on file line `line` of the text being parsed
    /// (counted in that text: `parseInlines` adds any cut prefix).
    func column(of text: String, onLine line: Int) -> Int? {
        let index = line - currentText.offset - 1
        guard index >= 0 else { return nil }
        // Find the line by counting newlines (only for directives with arguments: rare enough).
        var remaining = index
        var start = currentText.text.utf8.startIndex
        for position in currentText.text.utf8.indices where remaining > 0 && currentText.text.utf8[position] == 10 {
            remaining -= 1
            start = currentText.text.utf8.index(after: position)
        }
        guard remaining == 0 else { return nil }
        let rest = currentText.text[start...]
        let lineText = rest.prefix { $0 != "\n" }
        guard let found = lineText.range(of: text) else { return nil }
        return lineText[..<found.lowerBound].utf8.count + 1
    }

    /// Parses one line of inline MyST (a table cell, a title) starting at `line`:`column`.
    public mutating func parseInlines(_ text: String, line: Int, column: Int) -> [Inline] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        let (document, cmarkDiagnostics) = CMarkConverter(file: file, lineOffset: line - 1,
                                                          columnOffset: column - 1 + columnShift(onLine: line))
            .convert(InlineOnly.protect(trimmed))
        diagnostics += cmarkDiagnostics
        let inlines: [Inline]
        switch document.children.first?.kind {
        case .paragraph(let children) where document.children.count == 1: inlines = children
        case .html(let raw) where document.children.count == 1:
            inlines = [Inline(.html(raw.trimmingCharacters(in: .newlines)), at: document.children[0].range)]
        default: inlines = [Inline(.text(trimmed))]
        }
        return CitationSyntax.apply(Linkify.apply(InlineSyntax.transform(inlines, session: &self)))
    }

    /// Replaces placeholders and directive fences, then applies inline syntax everywhere.
    mutating func transform(_ blocks: [Block], sideBlocks: [Block]) -> [Block] {
        blocks.map { block in
            if case .html(let raw) = block.kind, let index = BlockScanner.placeholderIndex(raw),
               sideBlocks.indices.contains(index) {
                var side = sideBlocks[index]
                if side.range == nil { side.range = block.range }
                return side
            }
            if case .code(let code) = block.kind, let name = DirectiveInvocation.directiveName(code.lang) {
                return DirectiveRunner.run(name: name, argument: code.meta, body: code.value, range: block.range,
                                           session: &self)
            }
            switch block.kind {
            case .paragraph, .heading:
                var copy = block
                if case .paragraph(let inlines) = block.kind {
                    copy.kind = .paragraph(CitationSyntax.apply(Linkify.apply(InlineSyntax.transform(inlines, session: &self))))
                } else if case .heading(let depth, let inlines, let id) = block.kind {
                    copy.kind = .heading(depth: depth, children: CitationSyntax.apply(Linkify.apply(InlineSyntax.transform(inlines, session: &self))), identifier: id)
                }
                return copy
            case .blockquote(let children):
                return Block(.blockquote(transform(children, sideBlocks: sideBlocks)), at: block.range)
            case .list(let ordered, let start, let spread, let items):
                return Block(.list(ordered: ordered, start: start, spread: spread,
                                   items: transform(items, sideBlocks: sideBlocks)), at: block.range)
            case .listItem(let spread, let children):
                return Block(.listItem(spread: spread, children: transform(children, sideBlocks: sideBlocks)), at: block.range)
            default:
                return block
            }
        }
    }
}

/// Makes a line of text parse as inline content only: when it would start a block (`# `, `>`,
/// `- `, `1. `, a thematic break, a code fence), the character that starts it is
/// backslash-escaped, which renders it as itself. Emphasis (`*em*`, `_em_`) is left alone.
enum InlineOnly {
    static func protect(_ text: String) -> String {
        let chars = Array(text)
        guard let first = chars.first else { return text }
        func spaceOrEnd(_ index: Int) -> Bool { index >= chars.count || chars[index] == " " || chars[index] == "\t" }
        if first == ">" { return "\\" + text }
        if first == "#" {
            let hashes = chars.prefix { $0 == "#" }.count
            if hashes <= 6 && spaceOrEnd(hashes) { return "\\" + text }
        }
        if "-+*".contains(first) && spaceOrEnd(1) { return "\\" + text }
        if "-*_".contains(first) {
            let marks = chars.filter { $0 != " " && $0 != "\t" }
            if marks.count >= 3 && marks.allSatisfy({ $0 == first }) { return "\\" + text }
        }
        if text.hasPrefix("```") || text.hasPrefix("~~~") { return "\\" + text }
        if first.isNumber, let marker = chars.firstIndex(where: { !$0.isNumber }), marker <= 9,
           chars[marker] == "." || chars[marker] == ")", spaceOrEnd(marker + 1) {
            return String(chars[..<marker]) + "\\" + String(chars[marker...])
        }
        return text
    }
}
