/// `math`: display math kept as TeX (KaTeX typesets it in the browser), with an optional `label`.
enum MathDirective {
    static let spec = DirectiveSpec(names: ["math"], argument: .none,
                                    options: ["label": .label, "class": .classes, "nowrap": .flag],
                                    body: .raw) { invocation, _ in
        [Block(.math(MathBlock(value: invocation.body, label: invocation.option("label"))),
               at: invocation.range)]
    }
}
