import Mustache

/// An encoded struct as a template reads it (`TemplateEncoder`): its values by property name.
struct TemplateObject: MustacheParent {
    let values: [String: Any]

    func child(named name: String) -> Any? {
        values[name]
    }
}
