import Yams

/// A YAML file parsed into Yams nodes, which keep their line and column, so that every
/// complaint about a configuration file can point at the place it comes from.
public struct YAMLFile {
    /// The path shown in diagnostics.
    public var path: String
    public var root: Node?

    /// Parses `text`; a syntax error becomes a `CallbookError` at its line and column.
    /// `lineOffset` shifts positions for YAML embedded further down a file (front matter).
    public init(path: String, text: String, lineOffset: Int = 0) throws {
        self.path = path
        do {
            // UTF-8 named rather than Yams's `.default`, which reads the whole environment at
            // every parse (a chapter's front matter, a directive's options) and prints to
            // standard output when `YAMS_DEFAULT_ENCODING` is set.
            root = try Yams.compose(yaml: text, Self.resolver, .default, .utf8)
        } catch let error as YamlError {
            throw CallbookError("yaml-syntax", Self.describe(error),
                                at: Self.mark(of: error).map {
                                    SourceRange(file: path, line: $0.line + lineOffset, column: $0.column)
                                } ?? SourceRange(file: path, line: 1 + lineOffset, column: 1))
        }
        self.lineOffset = lineOffset
    }

    private var lineOffset = 0

    /// Every plain scalar is text (`Resolver.basic`): callbook reads each value as the text it
    /// expects, never by a tag YAML would guess (`true`, `1.0`, `2024-01-01`, `~`), so guessing
    /// is not done. Yams's default guesses with regular expressions for every mapping key (to
    /// find duplicates) and every key looked up: most of the time spent reading `myst.yml`.
    /// Keys are then equal when their texts are, quoted or not (`"1":` and `1:` are the same
    /// key, as they are in JavaScript YAML readers).
    static let resolver = Resolver.basic

    /// A configuration file must hold a mapping: one that holds something else cannot be
    /// understood (an error); an empty one is a warning, as the book still builds on defaults.
    /// `keys` names the keys expected, for the message.
    public func checkMapping(keys: String) throws -> [Diagnostic] {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let root else {
            return [.warning("config-empty", "\(name) is empty; the book is built with the defaults (expected \(keys))",
                             at: range(of: nil))]
        }
        guard case .mapping = root else {
            let shape: String
            switch root {
            case .sequence: shape = "a list"
            case .scalar: shape = "a single value"
            default: shape = "an alias"
            }
            throw CallbookError("config-shape", "\(name) must be a mapping (\(keys)), not \(shape)", at: range(of: root))
        }
        return []
    }

    /// The source range of a node of this file.
    public func range(of node: Node?) -> SourceRange {
        guard let mark = node?.mark else { return SourceRange(file: path, line: 1 + lineOffset, column: 1) }
        return SourceRange(file: path, line: mark.line + lineOffset, column: mark.column)
    }

    /// The node's string value, or an error naming the key and its place when it is not a scalar.
    public func string(_ node: Node?, key: String) throws -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            throw CallbookError("config-type", "'\(key)' must be a text value", at: range(of: node))
        }
        return scalar.string
    }

    private static func mark(of error: YamlError) -> Mark? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark
        case .duplicatedKeysInMapping(_, let context):
            return context.mark
        default:
            return nil
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            let where_ = context.map { " (\($0.text))" } ?? ""
            return "YAML syntax error: \(problem)\(where_)"
        case .duplicatedKeysInMapping(let duplicates, _):
            return "YAML mapping repeats the key(s) \(duplicates.joined(separator: ", "))"
        default:
            return "YAML error: \(error)"
        }
    }
}

extension Node {
    /// The scalar text of this node, if it is a scalar.
    var scalarString: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }

    /// The items of a sequence node (empty otherwise).
    var sequenceItems: [Node] {
        if case .sequence(let sequence) = self { return Array(sequence) }
        return []
    }
}
