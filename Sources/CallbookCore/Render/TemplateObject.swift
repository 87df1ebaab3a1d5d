import Mustache

/// An encoded struct as a template reads it (`TemplateEncoder`): its values by property name.
/// It answers Mustache's questions of every object on its context stack (is it represented by
/// something else, is it rendered in its own way, is it null) with a yes where it can, and as a
/// struct without them would: a cast that finds its conformance is one look-up, a cast that
/// fails took four.
struct TemplateObject: MustacheParent, MustacheCustomRepresentation, MustacheCustomRenderable {
    let values: [String: Any]

    func child(named name: String) -> Any? {
        values[name]
    }

    /// Itself.
    var representation: Any? { self }

    /// As Mustache renders a value it knows nothing of.
    var renderText: String { String(describing: self) }

    var isNull: Bool { false }
}
