import Mustache

/// A string as a template reads it (`TemplateEncoder`): it renders as the string does, takes the
/// same transforms (`{{lowercased(title)}}`), and, inside its own section (`{{#title}}…{{/title}}`),
/// has no names of its own, so a name there is looked up in the sections around it, as for a
/// string. Told apart by the conformances Mustache asks for (see `TemplateObject`): a plain
/// `String` went through four failed casts and `String(describing:)` at each `{{name}}`, and a
/// `Mirror` of itself at each name looked up inside its section.
struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, MustacheCustomRepresentation {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    var renderText: String { text }

    var isNull: Bool { false }

    /// Itself.
    var representation: Any? { self }

    func child(named name: String) -> Any? { nil }

    func transform(_ name: String) -> Any? { text.transform(name) }
}
