/// `note`, `tip`, `hint`, `important`, `attention`, `caution`, `warning`, `danger`, `error`,
/// `seealso` and the generic `admonition` (whose argument is its title). `:class: dropdown`
/// makes the admonition collapsible.
enum Admonitions {
    static let kinds = ["note", "tip", "hint", "important", "attention", "caution", "warning", "danger", "error", "seealso"]
    static let options: [String: OptionSpec] = [
        "class": OptionSpec.classes.documented("Class names, separated by spaces; `dropdown` makes it collapsible."),
        "label": OptionSpec.label.documented("A label for references to the admonition (also written `:name:`)."),
        "open": OptionSpec.flag.documented("A collapsible admonition starts open."),
    ]

    static let specs: [DirectiveSpec] = [
        DirectiveSpec(names: kinds, argument: .optional, argumentType: .markdown, options: options, body: .markdown) { invocation, _ in
            [make(kind: invocation.name, invocation)]
        },
        DirectiveSpec(names: ["admonition"], argument: .required, argumentType: .markdown, options: options, body: .markdown) { invocation, _ in
            // Styled by its classes (`:class: tip`), as mystmd does.
            [make(kind: nil, invocation)]
        },
    ]

    static func make(kind: String?, _ invocation: DirectiveInvocation) -> Block {
        var title = invocation.parsedArgument
        var children = invocation.content
        // `{note} Text` with no body: the text is the content (as in docutils), not a title.
        if kind != nil, let only = title, children.isEmpty {
            children = [Block(.paragraph(only), at: invocation.range)]
            title = nil
        }
        var admonition = Admonition(kind: kind, title: title, children: children)
        admonition.classes = invocation.classes().filter { $0 != kind }
        if invocation.flag("open") { admonition.classes.append("open") }
        admonition.label = invocation.option("label")
        admonition.identifier = admonition.label.map(Labels.normalize)
        return Block(.admonition(admonition), at: invocation.range)
    }
}
