import Yams

/// One use of a directive in a chapter: what was written, with options read and checked.
public struct DirectiveInvocation: Sendable {
    public var name: String
    public var argument: String?
    public var options: [DirectiveOption]
    /// The body as written, after the options.
    public var body: String
    /// The body parsed as MyST, for a directive whose body is `.markdown` (the runner parses
    /// it before `run`); empty for other bodies.
    public var content: [Block] = []
    /// The file line just before the body's first line (pass to `parseBlocks`).
    public var bodyLineOffset: Int
    public var range: SourceRange?
    /// Where the argument starts on the fence line (1-based column).
    public var argumentColumn = 1

    /// The argument parsed as inline MyST, with its true position, for a directive whose
    /// argument is `.markdown` (the runner parses it before `run`); nil for other arguments.
    public var parsedArgument: [Inline]?

    /// An option's value parsed as inline MyST, at its line.
    public func parseOption(_ name: String, _ session: inout ParseSession) -> [Inline]? {
        guard let option = options.last(where: { $0.name == name }) else { return nil }
        let line = option.range?.start.line ?? range?.start.line ?? 1
        return session.parseInlines(option.value, line: line, column: name.utf8.count + 4)
    }

    /// The value of option `name`, if given.
    public func option(_ name: String) -> String? {
        options.last { $0.name == name }?.value
    }

    public func flag(_ name: String) -> Bool { options.contains { $0.name == name } }

    public func classes(_ name: String = "class") -> [String] {
        (option(name) ?? "").split(separator: " ").map(String.init)
    }

    public func integer(_ name: String) -> Int? { option(name).flatMap { Int($0.trimmingWhitespace()) } }

    /// Reads `key: value` lines; nil if any non-blank line is not of that form.
    static func simpleOptions(_ lines: [String], firstLine: Int, at: (Int, Int) -> SourceRange) -> [DirectiveOption]? {
        var options: [DirectiveOption] = []
        for (index, line) in lines.enumerated() where !line.trimmingWhitespace().isEmpty {
            guard let colon = line.firstIndex(of: ":"), line.first?.isLetter == true,
                  line[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            options.append(DirectiveOption(name: String(line[..<colon]), value: value, range: at(firstLine + index, 1)))
        }
        return options
    }

    /// `{name}` from a fence's first word.
    static func directiveName(_ lang: String?) -> String? {
        guard let lang, lang.hasPrefix("{"), lang.hasSuffix("}"), lang.count > 2 else { return nil }
        return String(lang.dropFirst().dropLast())
    }

    /// Reads options at the top of a directive body: `:key: value` lines, or a `---` YAML block.
    static func read(name: String, argument: String?, body: String, range: SourceRange?,
                     session: inout ParseSession) -> DirectiveInvocation {
        let file = range?.file ?? session.file
        let firstBodyLine = (range?.start.line ?? 0) + 1
        var lines = body.lineSlices().map(String.init)
        var options: [DirectiveOption] = []
        var consumed = 0
        func at(_ index: Int, _ column: Int = 1) -> SourceRange {
            SourceRange(file: file, line: firstBodyLine + index, column: column)
        }
        if lines.first?.trimmingWhitespace() == "---",
           let close = lines.dropFirst().firstIndex(where: { $0.trimmingWhitespace() == "---" }) {
            let yaml = lines[1..<close].joined(separator: "\n")
            do {
                let parsed = try YAMLFile(path: file, text: yaml, lineOffset: firstBodyLine)
                if case .mapping(let mapping)? = parsed.root {
                    for (key, value) in mapping {
                        options.append(DirectiveOption(name: key.scalarString ?? "", value: value.scalarString ?? "",
                                                       range: parsed.range(of: key)))
                    }
                } else if parsed.root != nil {
                    session.warn("directive-options", "the options block of {\(name)} must be a YAML mapping", at: at(1))
                }
            } catch {
                if let simple = simpleOptions(Array(lines[1..<close]), firstLine: 1, at: at) {
                    // Not valid YAML, but plain `key: value` lines (a `: ` inside alt text, say): read them as such.
                    options = simple
                } else if let error = error as? CallbookError {
                    session.warn("directive-options", "options of {\(name)} could not be read: \(error.diagnostic.message)",
                                 at: error.diagnostic.range)
                } else {
                    session.warn("directive-options", "options of {\(name)} could not be read", at: at(1))
                }
            }
            consumed = close + 1
        } else {
            while consumed < lines.count {
                // Option lines may be indented, as myst-parser (Jupyter Book 1) reads them:
                // `  :style: alpha` under a fence is an option there. mystmd 1.11 would take it
                // as body text, which no directive shows as its author meant.
                let indent = lines[consumed].prefix { $0 == " " || $0 == "\t" }.count
                let line = lines[consumed].dropFirst(indent)
                // Options start with one colon; `:::` is a nested colon fence, part of the body.
                guard line.hasPrefix(":"), !line.hasPrefix("::") else { break }
                let rest = line.dropFirst()
                guard let colon = rest.firstIndex(of: ":"), !rest[..<colon].isEmpty,
                      !rest[..<colon].contains(" ") else {
                    session.warn("directive-option-malformed",
                                 "malformed option line '\(line)' in {\(name)}: expected ':name: value'", at: at(consumed, indent + 1))
                    consumed += 1
                    continue
                }
                let key = String(rest[..<colon])
                let value = rest[rest.index(after: colon)...].trimmingWhitespace()
                options.append(DirectiveOption(name: key, value: value, range: at(consumed, indent + 1)))
                consumed += 1
            }
        }
        // Blank lines may separate the options from the body (dropped by index: removing the
        // first line one at a time would copy the rest each time).
        while consumed < lines.count, lines[consumed].trimmingWhitespace().isEmpty { consumed += 1 }
        var last = lines.count
        while last > consumed, lines[last - 1].trimmingWhitespace().isEmpty { last -= 1 }
        lines = Glossary.dedent(Array(lines[consumed..<last]))
        let argument = argument?.trimmingWhitespace()
        return DirectiveInvocation(name: name, argument: argument?.isEmpty == false ? argument : nil, options: options,
                                   body: lines.joined(separator: "\n"),
                                   bodyLineOffset: firstBodyLine - 1 + consumed, range: range)
    }
}
