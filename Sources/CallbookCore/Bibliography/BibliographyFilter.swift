import Foundation

/// A `{bibliography}` `:filter:` expression: the part of sphinxcontrib-bibtex's filter language
/// that books write, read as sphinxcontrib-bibtex 2 reads it.
///
/// - `cited` (cited anywhere in the book), `True`, `False`;
/// - `docname in docnames` (cited on this page: Jupyter Book's "local bibliography");
/// - `key`, `type` (both lowercased), `author`, `editor` (names as "von Last, Jr, First", joined
///   by " and "), and any other field by its name (its value as written, "" when absent);
/// - `==`, `!=`, `in {"a", "b"}`, `not in {…}`, and `%` (a case-insensitive regular-expression
///   search: `author % "Knuth"`);
/// - `not`, `and`, `or` and parentheses; a bare field is true when the entry has it.
///
/// Anything else (`<`, `&`, `|`, `docname` compared with a name, numbers) is unsupported:
/// `parse` says why.
public indirect enum BibliographyFilter: Sendable, Equatable {
    case cited
    case citedOnPage
    case constant(Bool)
    /// A field's value (`key`, `type`, `author`, or a field by name), or a string literal.
    case field(String)
    case literal(String)
    case set(Set<String>)
    case equal(BibliographyFilter, BibliographyFilter)
    case member(BibliographyFilter, of: BibliographyFilter)
    case search(BibliographyFilter, pattern: String)
    case not(BibliographyFilter)
    case and(BibliographyFilter, BibliographyFilter)
    case or(BibliographyFilter, BibliographyFilter)

    /// What `entry` is judged by besides its own fields.
    public struct Context {
        public var citedInBook: Bool
        public var citedOnPage: Bool

        public init(citedInBook: Bool, citedOnPage: Bool) {
            self.citedInBook = citedInBook
            self.citedOnPage = citedOnPage
        }
    }

    /// Whether `entry` is listed.
    public func keeps(_ entry: BibEntry, _ context: Context) -> Bool {
        switch value(entry, context) {
        case .bool(let kept): return kept
        case .string(let text): return !text.isEmpty
        case .set(let members): return !members.isEmpty
        }
    }

    private enum Value: Equatable {
        case bool(Bool)
        case string(String)
        case set(Set<String>)
    }

    private func value(_ entry: BibEntry, _ context: Context) -> Value {
        switch self {
        case .cited: return .bool(context.citedInBook)
        case .citedOnPage: return .bool(context.citedOnPage)
        case .constant(let value): return .bool(value)
        case .field(let name): return .string(Self.field(name, of: entry))
        case .literal(let text): return .string(text)
        case .set(let members): return .set(members)
        case .equal(let left, let right): return .bool(left.value(entry, context) == right.value(entry, context))
        case .member(let item, let collection):
            guard case .string(let text) = item.value(entry, context), case .set(let members) = collection.value(entry, context) else {
                return .bool(false)
            }
            return .bool(members.contains(text))
        case .search(let subject, let pattern):
            guard case .string(let text) = subject.value(entry, context),
                  let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return .bool(false) }
            return .bool(expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
        case .not(let inner): return .bool(!inner.keeps(entry, context))
        case .and(let left, let right): return .bool(left.keeps(entry, context) && right.keeps(entry, context))
        case .or(let left, let right): return .bool(left.keeps(entry, context) || right.keeps(entry, context))
        }
    }

    /// A field as sphinxcontrib-bibtex's filter sees it.
    static func field(_ name: String, of entry: BibEntry) -> String {
        switch name {
        case "key": return entry.key.lowercased()
        case "type": return entry.type
        case "author", "editor":
            return (name == "author" ? entry.authors : entry.editors).map { person in
                [(person.von + person.last).joined(separator: " "), person.jr.joined(separator: " "), person.first.joined(separator: " ")]
                    .filter { !$0.isEmpty }.joined(separator: ", ")
            }.joined(separator: " and ")
        default: return entry.fields[name.lowercased()] ?? ""
        }
    }

    /// The filter `text` writes, or why callbook cannot read it.
    public static func parse(_ text: String) -> Result<BibliographyFilter, UnsupportedFilter> {
        var parser = Parser(tokens: [], position: 0)
        do {
            parser.tokens = try Parser.tokenize(text)
            let filter = try parser.expression()
            guard parser.position == parser.tokens.count else { throw UnsupportedFilter(reason: "'\(parser.tokens[parser.position])' is unexpected") }
            return .success(filter)
        } catch let error as UnsupportedFilter {
            return .failure(error)
        } catch {
            return .failure(UnsupportedFilter(reason: "\(error)"))
        }
    }

    /// Why a filter cannot be read.
    public struct UnsupportedFilter: Error, Equatable {
        public var reason: String
    }

    private enum Token: Equatable, CustomStringConvertible {
        case name(String), string(String), symbol(String)
        var description: String {
            switch self {
            case .name(let name): return name
            case .string(let text): return "\"\(text)\""
            case .symbol(let symbol): return symbol
            }
        }
    }

    /// A recursive-descent reader of the subset above; parentheses and `not`s nest at most
    /// `maximumDepth` deep, so no option decides the stack depth.
    private struct Parser {
        var tokens: [Token]
        var position: Int
        var depth = 0
        static let maximumDepth = 32

        mutating func enter() throws {
            depth += 1
            guard depth <= Self.maximumDepth else { throw UnsupportedFilter(reason: "it nests deeper than \(Self.maximumDepth)") }
        }

        static func tokenize(_ text: String) throws -> [Token] {
            var tokens: [Token] = []
            let characters = Array(text)
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if character.isWhitespace {
                    index += 1
                } else if character == "\"" || character == "'" {
                    var end = index + 1
                    var value = ""
                    while end < characters.count, characters[end] != character {
                        if characters[end] == "\\", end + 1 < characters.count { value.append(characters[end]); end += 1 }
                        value.append(characters[end])
                        end += 1
                    }
                    guard end < characters.count else { throw UnsupportedFilter(reason: "a string is not closed") }
                    tokens.append(.string(value))
                    index = end + 1
                } else if character.isLetter || character == "_" {
                    var end = index
                    while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
                    tokens.append(.name(String(characters[index..<end])))
                    index = end
                } else if index + 1 < characters.count, ["==", "!="].contains(String(characters[index...(index + 1)])) {
                    tokens.append(.symbol(String(characters[index...(index + 1)])))
                    index += 2
                } else if "(){},%".contains(character) {
                    tokens.append(.symbol(String(character)))
                    index += 1
                } else {
                    throw UnsupportedFilter(reason: "'\(character)' is not read")
                }
            }
            return tokens
        }

        var next: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func take(_ token: Token) -> Bool {
            guard next == token else { return false }
            position += 1
            return true
        }

        mutating func expression() throws -> BibliographyFilter {
            var left = try conjunction()
            while take(.name("or")) { left = .or(left, try conjunction()) }
            return left
        }

        mutating func conjunction() throws -> BibliographyFilter {
            var left = try negation()
            while take(.name("and")) { left = .and(left, try negation()) }
            return left
        }

        mutating func negation() throws -> BibliographyFilter {
            if take(.name("not")) {
                try enter()
                defer { depth -= 1 }
                return .not(try negation())
            }
            return try comparison()
        }

        /// An operand other than `docname` and `docnames`, which are read only together.
        mutating func value() throws -> BibliographyFilter {
            let result = try operand()
            if result == .field("docname") || result == .field("docnames") {
                throw UnsupportedFilter(reason: "'docname' is read only in 'docname in docnames'")
            }
            return result
        }

        mutating func comparison() throws -> BibliographyFilter {
            if next == .name("docname"), position + 2 < tokens.count, tokens[position + 1] == .name("in"),
               tokens[position + 2] == .name("docnames") {
                position += 3
                return .citedOnPage
            }
            if next == .name("docname"), position + 3 < tokens.count, tokens[position + 1] == .name("not"),
               tokens[position + 2] == .name("in"), tokens[position + 3] == .name("docnames") {
                position += 4
                return .not(.citedOnPage)
            }
            let left = try value()
            if take(.symbol("==")) { return .equal(left, try value()) }
            if take(.symbol("!=")) { return .not(.equal(left, try value())) }
            if take(.symbol("%")) {
                guard case .string(let pattern)? = next else { throw UnsupportedFilter(reason: "'%' needs a string on its right") }
                position += 1
                guard (try? NSRegularExpression(pattern: pattern)) != nil else {
                    throw UnsupportedFilter(reason: "\"\(pattern)\" is no regular expression")
                }
                return .search(left, pattern: pattern)
            }
            let negated = next == .name("not") && position + 1 < tokens.count && tokens[position + 1] == .name("in")
            if negated { position += 1 }
            if take(.name("in")) {
                let right = try value()
                guard case .set = right else { throw UnsupportedFilter(reason: "'in' needs a set {\"a\", \"b\"} on its right") }
                return negated ? .not(.member(left, of: right)) : .member(left, of: right)
            }
            return left
        }

        mutating func operand() throws -> BibliographyFilter {
            guard let token = next else { throw UnsupportedFilter(reason: "it ends too soon") }
            position += 1
            switch token {
            case .string(let text): return .literal(text)
            case .name("True"): return .constant(true)
            case .name("False"): return .constant(false)
            case .name("cited"): return .cited
            case .name("and"), .name("or"), .name("not"), .name("in"): throw UnsupportedFilter(reason: "'\(token)' is unexpected")
            case .name(let name): return .field(name)
            case .symbol("("):
                try enter()
                defer { depth -= 1 }
                let inner = try expression()
                guard take(.symbol(")")) else { throw UnsupportedFilter(reason: "a '(' is not closed") }
                return inner
            case .symbol("{"):
                var members: Set<String> = []
                while !take(.symbol("}")) {
                    guard case .string(let member)? = next else { throw UnsupportedFilter(reason: "a set holds strings only") }
                    position += 1
                    members.insert(member)
                    if !take(.symbol(",")), next != .symbol("}") { throw UnsupportedFilter(reason: "a set is not closed") }
                }
                return .set(members)
            case .symbol:
                throw UnsupportedFilter(reason: "'\(token)' is unexpected")
            }
        }
    }
}
