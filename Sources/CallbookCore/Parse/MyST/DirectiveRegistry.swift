/// A name declared by two directive or two role specs (compared without case): a programming
/// error, which stops the program when a standard registry is first used.
public struct DuplicateSyntaxName: Error, Equatable, CustomStringConvertible {
    /// "directive" or "role".
    public var kind: String
    public var names: [String]
    public var description: String { "\(kind) names declared twice: \(names.joined(separator: ", "))" }
}

/// Every directive callbook knows, by name and alias.
public struct DirectiveRegistry: Sendable {
    private var specs: [String: DirectiveSpec] = [:]

    /// A registry of `specs`, or an error naming every name declared by more than one spec
    /// (compared without case): no declaration silently wins over another.
    public init(_ specs: [DirectiveSpec]) throws(DuplicateSyntaxName) {
        var duplicates: [String] = []
        for spec in specs {
            for name in spec.names.map({ $0.lowercased() }) {
                if self.specs[name] != nil { duplicates.append(name); continue }
                self.specs[name] = spec
            }
        }
        guard duplicates.isEmpty else { throw DuplicateSyntaxName(kind: "directive", names: duplicates) }
    }

    /// The spec of a directive, its name matched without regard to case (`{Note}` is `{note}`).
    public func spec(named name: String) -> DirectiveSpec? { specs[name.lowercased()] }

    /// The directives of MyST that callbook builds. A name declared twice stops the program
    /// the first time this is used (a test checks it never is).
    public static let standard: DirectiveRegistry = {
        do {
            return try DirectiveRegistry(standardSpecs)
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
