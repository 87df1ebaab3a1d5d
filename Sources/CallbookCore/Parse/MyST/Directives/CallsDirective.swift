/// `calls`: lists the next sessions of a series from `calls.yml` (`:count:`, 3 by default);
/// the node keeps what the author asked for, and the sessions are drawn from the resolved calendar.
enum CallsDirective {
    static let spec = DirectiveSpec(names: ["calls"], argument: .required, options: ["count": .integer], body: .none) { invocation, _ in
        [Block(.calls(CallsListing(series: invocation.argument ?? "", count: max(1, invocation.integer("count") ?? 3))),
               at: invocation.range)]
    }
}
