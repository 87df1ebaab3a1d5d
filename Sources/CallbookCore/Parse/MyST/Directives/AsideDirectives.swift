/// Side content: `margin`, `aside` and `sidebar` (in the margin on wide screens), `topic`
/// (a titled box) and `epigraph` (a quotation opening a chapter).
enum AsideDirectives {
    static let spec = DirectiveSpec(names: ["margin", "aside", "sidebar"], argument: .optional, argumentType: .markdown,
                                    options: ["class": .classes, "label": .unusedLabel(of: "margin note"), "subtitle": .text],
                                    body: .markdown) { invocation, _ in
        [make(kind: invocation.name == "sidebar" ? "aside" : invocation.name, invocation)]
    }

    static let topicSpec = DirectiveSpec(names: ["topic"], argument: .required, argumentType: .markdown, 
                                         options: ["class": .classes, "label": .unusedLabel(of: "topic")],
                                         body: .markdown) { invocation, _ in
        [make(kind: "topic", invocation)]
    }

    static let epigraphSpec = DirectiveSpec(names: ["epigraph", "pull-quote", "highlights"], argument: .none,
                                            options: ["class": .classes], body: .markdown) { invocation, _ in
        [Block(.div(classes: [invocation.name] + invocation.classes(),
                    children: [Block(.blockquote(invocation.content), at: invocation.range)]), at: invocation.range)]
    }

    static func make(kind: String, _ invocation: DirectiveInvocation) -> Block {
        let title = invocation.parsedArgument
        var aside = Aside(kind: kind, title: title,
                          children: invocation.content)
        aside.classes = invocation.classes()
        return Block(.aside(aside), at: invocation.range)
    }
}
