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
    /// This option with `doc` as its documentation.
    public func documented(_ doc: String) -> OptionSpec {
        var copy = self
        copy.doc = doc
        return copy
    }

    /// The label that makes the directive's node a target, also written `name` (as in mystmd).
    public static let label = OptionSpec(.text, aliases: ["name"], doc: "A label for references to this directive's node.")

    /// mystmd's `label` (also written `name`) on a directive whose node callbook makes no target
    /// of: read, so that neither spelling is an unknown option, and not used.
    public static func unusedLabel(of node: String) -> OptionSpec {
        label.documented("A label, as mystmd takes it (also written `:name:`); callbook makes no target of a \(node).")
    }
}

/// A directive as declared: its names, what it takes, and how it builds its nodes
/// (in the manner of mystmd's directive specs).
public struct DirectiveSpec: Sendable {
    public enum Argument: Sendable { case none, optional, required }
    /// How the argument is read: as written (a path, a language, a series) or parsed as inline
    /// MyST (a title, a caption) by the runner before `run`.
    public enum ArgumentType: Sendable { case text, markdown }
    /// What the body is: nothing, MyST (parsed by the runner into `content`), or text the
    /// directive reads itself (code, TeX, YAML).
    public enum Body: Sendable { case none, markdown, raw }

    public var names: [String]
    public var argument: Argument
    public var argumentType: ArgumentType
    public var options: [String: OptionSpec]
    public var body: Body
    /// Builds the nodes the directive stands for.
    public var run: @Sendable (DirectiveInvocation, inout ParseSession) -> [Block]

    public init(names: [String], argument: Argument = .none, argumentType: ArgumentType = .text,
                options: [String: OptionSpec] = [:], body: Body = .markdown,
                run: @escaping @Sendable (DirectiveInvocation, inout ParseSession) -> [Block]) {
        self.names = names
        self.argument = argument
        self.argumentType = argumentType
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
