import Yams

/// The type of a directive option's value, checked when the directive is read.
public enum OptionKind: Sendable {
    case text
    case integer
    /// A flag: present or not (`:linenos:`).
    case flag
    /// Space-separated class names.
    case classes
    /// One of a fixed set of values.
    case choice([String])
}

/// One option a directive takes, as mystmd declares it: its type, other names it may be
/// written with, and what it does.
public struct OptionSpec: Sendable {
    public var kind: OptionKind
    /// Names that mean the same option (`name` for `label`); the directive reads it by its own name.
    public var aliases: [String]
    public var doc: String

    public init(_ kind: OptionKind, aliases: [String] = [], doc: String = "") {
        self.kind = kind
        self.aliases = aliases
        self.doc = doc
    }

    public static let text = OptionSpec(.text)
    public static let integer = OptionSpec(.integer)
    public static let flag = OptionSpec(.flag)
    public static let classes = OptionSpec(.classes)
    public static func choice(_ values: [String]) -> OptionSpec { OptionSpec(.choice(values)) }
    /// The label that makes the directive's node a target, also written `name` (as in mystmd).
    public static let label = OptionSpec(.text, aliases: ["name"], doc: "A label for references to this directive's node.")
}

/// A directive as declared: its names, what it takes, and how it builds its nodes
/// (in the manner of mystmd's directive specs).
public struct DirectiveSpec: Sendable {
    public enum Argument: Sendable { case none, optional, required }
    /// What the body is: nothing, MyST (parsed by the runner into `content`), or text the
    /// directive reads itself (code, TeX, YAML).
    public enum Body: Sendable { case none, markdown, raw }

    public var names: [String]
    public var argument: Argument
    public var options: [String: OptionSpec]
    public var body: Body
    /// Builds the nodes the directive stands for.
    public var run: @Sendable (DirectiveInvocation, inout ParseSession) -> [Block]

    public init(names: [String], argument: Argument = .none, options: [String: OptionSpec] = [:], body: Body = .markdown,
                run: @escaping @Sendable (DirectiveInvocation, inout ParseSession) -> [Block]) {
        self.names = names
        self.argument = argument
        self.options = options
        self.body = body
        self.run = run
    }

    /// The option an option name written in a chapter stands for (its own name, or an alias's).
    func option(named written: String) -> (name: String, spec: OptionSpec)? {
        if let spec = options[written] { return (written, spec) }
        return options.first { $0.value.aliases.contains(written) }.map { ($0.key, $0.value) }
    }

    /// Every name an option may be written with, sorted (for messages).
    var allOptionNames: [String] {
        (options.keys + options.values.flatMap(\.aliases)).sorted()
    }
}

/// A name declared by two directive specs (compared without case): a programming error.
public struct DuplicateDirectiveName: Error, Equatable, CustomStringConvertible {
    public var names: [String]
    public var description: String { "directive names declared twice: \(names.joined(separator: ", "))" }
}

/// Every directive callbook knows, by name and alias.
public struct DirectiveRegistry: Sendable {
    private var specs: [String: DirectiveSpec] = [:]
    /// Names declared by more than one spec (compared without case); the first declaration is
    /// kept. `declaring` refuses such a registry.
    public private(set) var duplicateNames: [String] = []

    public init(_ specs: [DirectiveSpec]) {
        for spec in specs {
            for name in spec.names.map({ $0.lowercased() }) {
                if self.specs[name] != nil { duplicateNames.append(name); continue }
                self.specs[name] = spec
            }
        }
    }

    /// A registry of `specs`, or an error naming every name declared twice.
    public static func declaring(_ specs: [DirectiveSpec]) throws(DuplicateDirectiveName) -> DirectiveRegistry {
        let registry = DirectiveRegistry(specs)
        guard registry.duplicateNames.isEmpty else { throw DuplicateDirectiveName(names: registry.duplicateNames) }
        return registry
    }

    /// The spec of a directive, its name matched without regard to case (`{Note}` is `{note}`).
    public func spec(named name: String) -> DirectiveSpec? { specs[name.lowercased()] }

    /// The directives of MyST that callbook builds. A name declared twice stops the program
    /// the first time this is used (a test checks it never is).
    public static let standard: DirectiveRegistry = {
        do {
            return try declaring(standardSpecs)
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    static let standardSpecs: [DirectiveSpec] =
        Admonitions.specs + [Figure.spec, Figure.imageSpec, CodeDirective.spec, MathDirective.spec,
                             Include.spec, TableDirective.spec, ListTable.spec, Glossary.spec,
                             Tabs.tabSetSpec, Tabs.tabItemSpec, Dropdown.spec, AsideDirectives.spec,
                             AsideDirectives.topicSpec, AsideDirectives.epigraphSpec, DivDirective.spec,
                             RawDirective.spec, IFrame.spec, Curation.spec, CallsDirective.spec, BibliographyDirective.spec]
}

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

    /// The argument parsed as inline MyST, with its true position.
    public func parseArgument(_ session: inout ParseSession) -> [Inline]? {
        argument.map { session.parseInlines($0, line: range?.start.line ?? 1, column: argumentColumn) }
    }

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

    public func integer(_ name: String) -> Int? { option(name).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    /// Reads `key: value` lines; nil if any non-blank line is not of that form.
    static func simpleOptions(_ lines: [String], firstLine: Int, at: (Int, Int) -> SourceRange) -> [DirectiveOption]? {
        var options: [DirectiveOption] = []
        for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let colon = line.firstIndex(of: ":"), line.first?.isLetter == true,
                  line[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
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
        var lines = body.utf8.split(separator: 10, omittingEmptySubsequences: false).map { String(Substring($0)) }
        var options: [DirectiveOption] = []
        var consumed = 0
        func at(_ index: Int, _ column: Int = 1) -> SourceRange {
            SourceRange(file: file, line: firstBodyLine + index, column: column)
        }
        if lines.first?.trimmingCharacters(in: .whitespaces) == "---",
           let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) {
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
                let line = lines[consumed]
                // Options start with one colon; `:::` is a nested colon fence, part of the body.
                guard line.hasPrefix(":"), !line.hasPrefix("::") else { break }
                let rest = line.dropFirst()
                guard let colon = rest.firstIndex(of: ":"), !rest[..<colon].isEmpty,
                      !rest[..<colon].contains(" ") else {
                    session.warn("directive-option-malformed",
                                 "malformed option line '\(line)' in {\(name)}: expected ':name: value'", at: at(consumed))
                    consumed += 1
                    continue
                }
                let key = String(rest[..<colon])
                let value = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                options.append(DirectiveOption(name: key, value: value, range: at(consumed)))
                consumed += 1
            }
        }
        // Blank lines may separate the options from the body (dropped by index: removing the
        // first line one at a time would copy the rest each time).
        while consumed < lines.count, lines[consumed].trimmingCharacters(in: .whitespaces).isEmpty { consumed += 1 }
        var last = lines.count
        while last > consumed, lines[last - 1].trimmingCharacters(in: .whitespaces).isEmpty { last -= 1 }
        lines = Glossary.dedent(Array(lines[consumed..<last]))
        let argument = argument?.trimmingCharacters(in: .whitespaces)
        return DirectiveInvocation(name: name, argument: argument?.isEmpty == false ? argument : nil, options: options,
                                   body: lines.joined(separator: "\n"),
                                   bodyLineOffset: firstBodyLine - 1 + consumed, range: range)
    }
}

/// Runs a directive through the registry; unknown directives become a visible box.
enum DirectiveRunner {
    static func run(name: String, argument: String?, body: String, range: SourceRange?,
                    session: inout ParseSession) -> Block {
        guard let spec = session.parser.directives.spec(named: name) else {
            session.warn("unknown-directive", "unknown directive {\(name)}: its content is shown as is", at: range)
            let value = body.hasSuffix("\n") ? String(body.dropLast()) : body
            let node = Directive(name: name, argument: argument, options: [], value: value, children: [], isKnown: false)
            return Block(.directive(node), at: range)
        }
        // Specs see the name in lowercase (`{Note}` is a note); the tree keeps it as written.
        var invocation = DirectiveInvocation.read(name: name.lowercased(), argument: argument, body: body, range: range, session: &session)
        if let argument = invocation.argument, let line = range?.start.line {
            invocation.argumentColumn = session.column(of: argument, onLine: line) ?? invocation.argumentColumn
        }
        let written = check(&invocation, against: spec, session: &session)
        if spec.body == .markdown {
            invocation.content = session.parseBlocks(invocation.body, lineOffset: invocation.bodyLineOffset)
        }
        let children = spec.run(invocation, &session)
        let node = Directive(name: name, argument: invocation.argument, options: written,
                             value: invocation.body, children: children)
        return Block(.directive(node), at: range)
    }

    /// Warns about unknown options, bad values, and missing or unexpected arguments.
    /// Options the spec does not know, or whose value is not of the option's type, are left
    /// out; the rest reach `run` under the spec's own names (an alias renamed). Returns the
    /// options kept, as written, for the tree.
    static func check(_ invocation: inout DirectiveInvocation, against spec: DirectiveSpec,
                      session: inout ParseSession) -> [DirectiveOption] {
        let name = invocation.name
        let kept = invocation.options.filter { option in
            guard let (_, optionSpec) = spec.option(named: option.name) else {
                let allowed = spec.allOptionNames.joined(separator: ", ")
                session.warn("directive-option-unknown",
                             "unknown option '\(option.name)' for {\(name)}; allowed: \(allowed.isEmpty ? "none" : allowed)",
                             at: option.range ?? invocation.range)
                return false
            }
            switch optionSpec.kind {
            case .integer where Int(option.value.trimmingCharacters(in: .whitespaces)) == nil:
                session.warn("directive-option-value", "option '\(option.name)' of {\(name)} must be a whole number, not '\(option.value)'",
                             at: option.range ?? invocation.range)
                return false
            case .choice(let values) where !values.contains(option.value):
                session.warn("directive-option-value",
                             "option '\(option.name)' of {\(name)} must be one of \(values.joined(separator: ", ")), not '\(option.value)'",
                             at: option.range ?? invocation.range)
                return false
            default:
                return true
            }
        }
        invocation.options = kept.map { option in
            var renamed = option
            renamed.name = spec.option(named: option.name)?.name ?? option.name
            return renamed
        }
        if spec.argument == .required && invocation.argument == nil {
            session.warn("directive-argument-missing", "{\(name)} needs an argument", at: invocation.range)
        }
        if spec.argument == .none, let argument = invocation.argument {
            // Text on the fence line of a directive without arguments is the start of its body.
            invocation.body = invocation.body.isEmpty ? argument : argument + "\n" + invocation.body
            invocation.argument = nil
            invocation.bodyLineOffset -= 1
        }
        if spec.body == .none, !invocation.body.isEmpty {
            session.warn("directive-body-unexpected", "{\(name)} takes no content; the text in it is ignored", at: invocation.range)
        }
        return kept
    }
}
