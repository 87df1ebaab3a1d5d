/// `raw`: text passed through to the output; only the `html` format is used, others are dropped.
enum RawDirective {
    static let spec = DirectiveSpec(names: ["raw"], argument: .required, options: [:], body: .raw) { invocation, session in
        guard invocation.argument?.lowercased() == "html" else {
            session.warn("raw-format", "{raw} \(invocation.argument ?? "") is not HTML: it is left out of the page", at: invocation.range)
            return []
        }
        return [Block(.html(invocation.body + "\n"), at: invocation.range)]
    }
}
