/// `dropdown`: a collapsible block (`<details>`), closed unless `:open:`.
enum Dropdown {
    static let spec = DirectiveSpec(names: ["dropdown"], argument: .optional, argumentType: .markdown,
                                    options: ["open": .flag, "class": .classes, "label": .unusedLabel(of: "dropdown"), "color": .text, "icon": .text,
                                              "animate": .text, "chevron": .text, "margin": .text, "class-container": .classes,
                                              "class-title": .classes, "class-body": .classes],
                                    body: .markdown) { invocation, _ in
        let summary = invocation.parsedArgument
            ?? [Inline(.text("Details"))]
        var details = Details(summary: summary, open: invocation.flag("open"),
                              children: invocation.content)
        details.classes = invocation.classes()
        return [Block(.details(details), at: invocation.range)]
    }
}
