/// A role as declared: its names and how it turns its content into inline nodes.
public struct RoleSpec: Sendable {
    public var names: [String]
    public var run: @Sendable (_ name: String, _ value: String, _ range: SourceRange?, inout ParseSession) -> [Inline]

    public init(names: [String], run: @escaping @Sendable (String, String, SourceRange?, inout ParseSession) -> [Inline]) {
        self.names = names
        self.run = run
    }
}

/// Every role callbook knows, by name. Names are matched without regard to case (`{Ref}` is
/// `{ref}`, as Jupyter Book accepts it).
public struct RoleRegistry: Sendable {
    private var specs: [String: RoleSpec] = [:]

    /// A registry of `specs`, or an error naming every name declared by more than one spec
    /// (compared without case): no declaration silently wins over another.
    public init(_ specs: [RoleSpec]) throws(DuplicateSyntaxName) {
        var duplicates: [String] = []
        for spec in specs {
            for name in spec.names.map({ $0.lowercased() }) {
                if self.specs[name] != nil { duplicates.append(name); continue }
                self.specs[name] = spec
            }
        }
        guard duplicates.isEmpty else { throw DuplicateSyntaxName(kind: "role", names: duplicates) }
    }

    public func spec(named name: String) -> RoleSpec? {
        let name = name.lowercased()
        if let spec = specs[name] { return spec }
        // `{cite}`, `{cite:p}`, `{cite:ps}`… share one spec.
        if name == "cite" || name.hasPrefix("cite:") { return specs["cite"] }
        return nil
    }

    /// The roles callbook knows. A name declared twice stops the program the first time this is
    /// used (a test checks it never is).
    public static let standard: RoleRegistry = {
        do {
            return try RoleRegistry(standardSpecs)
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    static let standardSpecs = CrossReferenceRoles.specs + FormattingRoles.specs
}

/// Runs a role through the registry; an unknown role keeps its content as inline code.
enum RoleRunner {
    static func run(name: String, value: String, range: SourceRange?, session: inout ParseSession) -> Inline {
        guard let spec = session.parser.roles.spec(named: name) else {
            session.warn("unknown-role", "unknown role {\(name)}: its content is shown as code", at: range)
            return Inline(.role(name: name, value: value, children: []), at: range)
        }
        let children = spec.run(name.lowercased(), value, range, &session).map { inline -> Inline in
            var copy = inline
            if copy.range == nil { copy.range = range }
            return copy
        }
        return Inline(.role(name: name, value: value, children: children), at: range)
    }
}

/// `{ref}`, `{numref}`, `{eq}`, `{doc}`, `{term}`, `{any}`: references, bound to targets by the
/// resolve stage. `{download}`: a link to a file of the book (copied into the site), as mystmd
/// makes it; its text is the path unless given.
enum CrossReferenceRoles {
    static let specs = [ReferenceKind.ref, .numref, .eq, .doc, .term, .any].map { kind in
        RoleSpec(names: [kind.rawValue]) { _, value, _, _ in
            let (text, label) = splitExplicitTitle(value)
            let children = text.map { [Inline(.text($0))] } ?? []
            return [Inline(.crossReference(CrossReference(kind: kind, label: label, children: children)))]
        }
    } + [
        RoleSpec(names: ["download"]) { _, value, _, _ in
            let (text, path) = splitExplicitTitle(value)
            return [Inline(.link(url: path, title: nil, children: [Inline(.text(text ?? path))]))]
        },
    ]

    /// `text <label>` → (`text`, `label`); `label` → (nil, `label`).
    static func splitExplicitTitle(_ value: String) -> (String?, String) {
        let trimmed = value.trimmingWhitespaceAndNewlines()
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else { return (nil, value) }
        let text = trimmed[..<open].trimmingWhitespaceAndNewlines()
        let label = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        guard !text.isEmpty else { return (nil, label) }
        return (text, label)
    }
}

/// Roles that format text: `sub`, `sup`, `abbr`, `kbd`, `u`, `del`, `math`; `githubuser`
/// (a link to a GitHub profile, as The Turing Way's plugin does); and the `cite` roles
/// (`cite`, `cite:p`, `cite:t`, `cite:ps`, `cite:ts`, `cite:alp`, `cite:year`, `cite:yearpar`),
/// bound to the bibliography when the book is resolved.
enum FormattingRoles {
    static let specs = [
        RoleSpec(names: ["sub", "subscript"]) { _, value, _, _ in [Inline(.subscript([Inline(.text(value))]))] },
        RoleSpec(names: ["sup", "superscript"]) { _, value, _, _ in [Inline(.superscript([Inline(.text(value))]))] },
        RoleSpec(names: ["u", "underline"]) { _, value, _, _ in [Inline(.underline([Inline(.text(value))]))] },
        RoleSpec(names: ["del", "strike"]) { _, value, _, _ in [Inline(.delete([Inline(.text(value))]))] },
        RoleSpec(names: ["kbd"]) { _, value, _, _ in [Inline(.keyboard(value))] },
        RoleSpec(names: ["math"]) { _, value, _, _ in [Inline(.inlineMath(value))] },
        RoleSpec(names: ["abbr"]) { _, value, _, _ in
            let (text, title) = splitAbbreviation(value)
            return [Inline(.abbreviation(title: title, children: [Inline(.text(text))]))]
        },
        RoleSpec(names: ["githubuser", "github-user"]) { _, value, _, _ in
            let user = value.trimmingWhitespace()
            return [Inline(.link(url: "https://github.com/" + user, title: nil, children: [Inline(.text("@" + user))]))]
        },
        RoleSpec(names: ["cite"]) { name, value, range, session in
            // `{cite}`text <key>`` (seen in Jupyter Book books): the key is in the angle brackets.
            let (_, written) = CrossReferenceRoles.splitExplicitTitle(value)
            let keys = written.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            guard let citation = Citation(role: name, keys: keys), !keys.isEmpty else {
                session.warn("unknown-role", keys.isEmpty ? "{\(name)} names no bibliography key" : "unknown citation role {\(name)}",
                             at: range)
                return [Inline(.inlineCode(value))]
            }
            return [Inline(.cite(citation), at: range)]
        },
    ]

    /// `CSS (Cascading Style Sheets)` → ("CSS", "Cascading Style Sheets"): the last
    /// parenthesised group at the end is the title.
    static func splitAbbreviation(_ value: String) -> (String, String?) {
        let trimmed = value.trimmingWhitespace()
        guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") else { return (trimmed, nil) }
        let title = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            .trimmingWhitespace()
        let text = trimmed[..<open].trimmingWhitespace()
        guard !text.isEmpty else { return (trimmed, nil) }
        return (text, title.isEmpty ? nil : title)
    }
}
