/// The data of a theme template, as a struct whose stored properties are the names the template
/// reads: a misspelt name is a compile error, and each context's file documents its template.
protocol TemplateContext {
    /// The values by the names the template reads.
    var fields: [String: Any] { get }
}

extension TemplateContext {
    /// Each stored property by its name, read once per page, and nested contexts (alone or in
    /// arrays) as dictionaries too: Mustache's own `Mirror` look-up would go through every
    /// property again at each `{{name}}`. A nil property is left out: the template looks its name
    /// up in the enclosing sections, as for any missing name.
    var fields: [String: Any] {
        var fields: [String: Any] = [:]
        for case (let name?, let value) in Mirror(reflecting: self).children {
            fields[name] = templateValue(value)
        }
        return fields
    }
}

/// A property's value as the template reads it: optionals unwrapped, contexts as dictionaries.
private func templateValue(_ value: Any) -> Any? {
    switch value {
    case let optional as any OptionalField: optional.wrapped.flatMap(templateValue)
    case let context as any TemplateContext: context.fields
    case let contexts as [any TemplateContext]: contexts.map(\.fields)
    default: value
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
