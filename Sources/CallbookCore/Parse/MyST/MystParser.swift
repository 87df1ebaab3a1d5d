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
    /// Reads included files (and looks for `pic.*` picks) inside the project root, for Load;
    /// nil: nothing is read (an `include` is an error, a `pic.*` path stays as written).
    public var files: (any BookFiles)?
    public var directives: DirectiveRegistry
    public var roles: RoleRegistry

    public init(file: String, sourceURL: URL? = nil, files: (any BookFiles)? = nil, directives: DirectiveRegistry = .standard,
                roles: RoleRegistry = .standard) {
        self.file = file
        self.sourceURL = sourceURL
        self.files = files
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
    /// How deep the blocks the next `parseBlocks` makes sit in the chapter's tree (1 at the top).
    var depth = 1
    /// How many texts of the current file are being parsed, each inside the one before.
    private var parses = 0
    /// Where each line of the current text starts (UTF-8 offsets), made when first needed.
    private var currentLineStarts: [Int]?

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
        // Without a chapter file (standard input), relative to the working folder.
        let url = URL(fileURLWithPath: path, relativeTo: sourceURL?.deletingLastPathComponent()).standardizedFileURL
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
        let saved = (self.file, self.sourceURL, self.currentText, self.columnShiftsByLine, self.currentLineStarts, self.parses)
        // Text of the same file was cut out of the text around it; an included file starts over.
        parses = file == self.file ? parses + 1 : 1
        if file != self.file { columnShiftsByLine = [:] }
        self.file = file
        self.sourceURL = sourceURL
        self.currentText = (text, lineOffset)
        self.currentLineStarts = nil
        defer { (self.file, self.sourceURL, self.currentText, self.columnShiftsByLine, self.currentLineStarts, self.parses) = saved }
        for (index, shift) in columnShifts.enumerated() where shift != 0 {
            columnShiftsByLine[lineOffset + index + 1, default: 0] += shift
        }
        guard depth <= NestingLimit.depth, parses <= NestingLimit.parses else { return tooDeep(text, lineOffset: lineOffset) }
        var scanned = BlockScanner.scan(text, lineOffset: lineOffset, session: &self)
        var lineShifts: [Int] = []
        if !columnShiftsByLine.isEmpty {
            let lineCount = text.utf8.reduce(1) { $1 == 10 ? $0 + 1 : $0 }
            lineShifts = (0..<lineCount).map { columnShift(onLine: lineOffset + $0 + 1) }
        }
        var blocks: [Block]
        do {
            let (document, cmarkDiagnostics) = CMarkConverter(file: file, lineOffset: lineOffset, lineColumnShifts: lineShifts,
                                                              depth: depth)
                .convert(scanned.text)
            diagnostics += cmarkDiagnostics
            blocks = document.children
        }
        // Only the tree is needed now: the scanned text goes, and each of the converter's nodes
        // goes as soon as its replacement is made, so a long chapter is not held twice.
        scanned.text = ""
        var result: [Block] = []
        result.reserveCapacity(blocks.count)
        for index in blocks.indices {
            let block = blocks[index]
            blocks[index] = Block(.thematicBreak)
            result.append(transform(block, sideBlocks: scanned.sideBlocks, depth: depth))
        }
        return result
    }

    /// Content nested below `NestingLimit` (directives, quotes or footnotes in each other):
    /// kept as one paragraph of its text, with an error at its first line.
    private mutating func tooDeep(_ text: String, lineOffset: Int) -> [Block] {
        let place = SourceRange(file: file, line: lineOffset + 1, column: 1 + columnShift(onLine: lineOffset + 1))
        let message = parses > NestingLimit.parses
            ? NestingLimit.message("directives, quotes and footnotes are", limit: NestingLimit.parses)
            : NestingLimit.message("blocks are")
        error(NestingLimit.diagnosticID, message, at: place)
        return text.isEmpty ? [] : [Block(.paragraph([Inline(.text(text), at: place)]), at: place)]
    }

    /// Runs `body` for content one `levels` deeper in the tree than the blocks at `depth`.
    mutating func nested<T>(at depth: Int, levels: Int, _ body: (inout ParseSession) -> T) -> T {
        let saved = self.depth
        self.depth = depth + levels
        defer { self.depth = saved }
        return body(&self)
    }

    /// What to add to a column on the current text's file line `line` to make it a file column.
    func columnShift(onLine line: Int) -> Int { columnShiftsByLine[line] ?? 0 }

    /// The 1-based column where `text` appears on file line `line` of the text being parsed
    /// (counted in that text: `parseInlines` adds any cut prefix).
    mutating func column(of text: String, onLine line: Int) -> Int? {
        let index = line - currentText.offset - 1
        let utf8 = currentText.text.utf8
        if currentLineStarts == nil {
            // Kept for the whole parse, so finding a line never walks the text again.
            currentLineStarts = [0] + currentText.text.lineFeedOffsets().map { $0 + 1 }
        }
        guard let starts = currentLineStarts, index >= 0, index < starts.count else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: starts[index])
        let end = index + 1 < starts.count ? utf8.index(utf8.startIndex, offsetBy: starts[index + 1] - 1) : utf8.endIndex
        return currentText.text[start..<end].utf8Offset(of: text).map { $0 + 1 }
    }

    /// Parses one line of inline MyST (a table cell, a title) starting at `line`:`column`.
    public mutating func parseInlines(_ text: String, line: Int, column: Int) -> [Inline] {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return [] }
        let (document, cmarkDiagnostics) = CMarkConverter(file: file, lineOffset: line - 1,
                                                          columnOffset: column - 1 + columnShift(onLine: line), depth: depth)
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

    /// Replaces placeholders (parsing the quotes and footnotes they stand for, one level down)
    /// and directive fences, then applies inline syntax everywhere. `blocks` sit at `depth`.
    mutating func transform(_ blocks: [Block], sideBlocks: [BlockScanner.SideBlock], depth: Int) -> [Block] {
        blocks.map { transform($0, sideBlocks: sideBlocks, depth: depth) }
    }

    /// One block of `transform`.
    mutating func transform(_ block: Block, sideBlocks: [BlockScanner.SideBlock], depth: Int) -> Block {
        if case .html(let raw) = block.kind, let index = BlockScanner.placeholderIndex(raw),
           sideBlocks.indices.contains(index) {
            var side = sideBlocks[index].block
            if let body = sideBlocks[index].body {
                side = sideBlocks[index].filled(with: nested(at: depth, levels: 1) {
                    $0.parseBlocks(body.text, lineOffset: body.lineOffset, columnShifts: body.shifts)
                })
            }
            if side.range == nil { side.range = block.range }
            return side
        }
        if case .code(let code) = block.kind, let name = DirectiveInvocation.directiveName(code.lang) {
            // The directive's node sits one level down, and what its body holds one more.
            return nested(at: depth, levels: 2) {
                DirectiveRunner.run(name: name, argument: code.meta, body: code.value, range: block.range, session: &$0)
            }
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
            return Block(.blockquote(transform(children, sideBlocks: sideBlocks, depth: depth + 1)), at: block.range)
        case .list(let ordered, let start, let spread, let items):
            return Block(.list(ordered: ordered, start: start, spread: spread,
                               items: transform(items, sideBlocks: sideBlocks, depth: depth + 1)), at: block.range)
        case .listItem(let spread, let children):
            return Block(.listItem(spread: spread, children: transform(children, sideBlocks: sideBlocks, depth: depth + 1)),
                         at: block.range)
        default:
            return block
        }
    }
}

/// Makes a line of text parse as inline content only: when it would start a block (`# `, `>`,
/// `- `, `1. `, a thematic break, a code fence), the character that starts it is
/// backslash-escaped, which renders it as itself. Emphasis (`*em*`, `_em_`) is left alone.
enum InlineOnly {
    static func protect(_ text: String) -> String {
        // Only a text starting with one of these bytes can start a block (a digit, or beyond
        // ASCII a character that may be one); most cells start with a letter and are kept as
        // they are without splitting them into Characters.
        guard let first = text.utf8.first else { return text }
        switch first {
        case UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*"),
             UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "~"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
            return protectCharacters(text)
        default:
            return text
        }
    }

    private static func protectCharacters(_ text: String) -> String {
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
