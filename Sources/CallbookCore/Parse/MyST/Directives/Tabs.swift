/// `tab-set` and `tab-item`: tabs that work without JavaScript (radio buttons and CSS), the
/// first tab, or the one marked `:selected:`, open.
enum Tabs {
    static let tabSetSpec = DirectiveSpec(names: ["tab-set"], argument: .none,
                                          options: ["class": .classes, "sync-group": .text, "label": .unusedLabel(of: "tab set")],
                                          body: .markdown) { invocation, session in
        session.tabSetCount += 1
        var items: [TabItem] = []
        for block in invocation.content {
            if case .directive(let directive) = block.kind, directive.name == "tab-item" {
                let title = directive.argument.map { [Inline(.text($0))] } ?? [Inline(.text("Tab \(items.count + 1)"))]
                let selected = directive.options.contains { $0.name == "selected" }
                items.append(TabItem(title: title, selected: selected, children: directive.children))
            } else {
                session.warn("tab-set-content", "a {tab-set} should only hold {tab-item} directives; other content is shown in the last tab",
                             at: block.range ?? invocation.range)
                if items.isEmpty { items.append(TabItem(title: [Inline(.text("Tab 1"))], selected: false, children: [])) }
                items[items.count - 1].children.append(block)
            }
        }
        if !items.contains(where: \.selected), !items.isEmpty { items[0].selected = true }
        let id = "tabs-\(session.tabSetCount)"
        return [Block(.tabSet(id: id, items: items), at: invocation.range)]
    }

    static let tabItemSpec = DirectiveSpec(names: ["tab-item"], argument: .optional,
                                           options: ["selected": .flag, "sync": .text, "label": .unusedLabel(of: "tab"), "class": .classes,
                                                     "class-container": .classes, "class-label": .classes, "class-content": .classes],
                                           body: .markdown) { invocation, _ in
        invocation.content
    }
}
