/// `div`: its body in a `<div>` with the given classes.
enum DivDirective {
    static let spec = DirectiveSpec(names: ["div", "container"], argument: .optional, options: ["class": .classes, "label": .unusedLabel(of: "div")],
                                    body: .markdown) { invocation, _ in
        let classes = invocation.classes() + (invocation.argument?.split(separator: " ").map(String.init) ?? [])
        return [Block(.div(classes: classes, children: invocation.content),
                      at: invocation.range)]
    }
}
