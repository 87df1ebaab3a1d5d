/// The data of a theme template, as a struct whose stored properties are the names the template
/// reads: a misspelt name is a compile error, and each context's file documents its template.
/// Nested values (arrays of structs, structs) are read by Mustache itself, through `Mirror`.
protocol TemplateContext {
    /// The values by the names the template reads.
    var fields: [String: Any] { get }
}

extension TemplateContext {
    /// Each stored property by its name, read once per page (Mustache's own `Mirror` look-up
    /// would go through every property again at each `{{name}}`). A nil property is left out:
    /// the template looks its name up in the enclosing sections, as for any missing name.
    var fields: [String: Any] {
        var fields: [String: Any] = [:]
        for case (let name?, let value) in Mirror(reflecting: self).children {
            if let optional = value as? any OptionalField {
                fields[name] = optional.wrapped
            } else {
                fields[name] = value
            }
        }
        return fields
    }
}

/// The calendar page's data (`CalendarPage.context()`) stays a dictionary.
extension Dictionary: TemplateContext where Key == String, Value == Any {
    var fields: [String: Any] { self }
}

/// An optional property seen as `Any`, to unwrap it.
private protocol OptionalField {
    var wrapped: Any? { get }
}

extension Optional: OptionalField {
    fileprivate var wrapped: Any? { self }
}
