/// Runs a directive through the registry; unknown directives become a visible box.
enum DirectiveRunner {
    static func run(name: String, argument: String?, body: String, range: SourceRange?,
                    session: inout ParseSession) -> Block {
        guard let spec = session.parser.directives.spec(named: name) else {
            session.warn("unknown-directive", "unknown directive {\(name)}: its content is shown as is", at: range)
            let value = body.hasSuffix("\n") ? String(body.dropLast()) : body
            let node = Directive(name: name, argument: argument, options: [], value: value, children: [], isKnown: false)
            return Block(.directive(node), at: range)
        }
        // Specs see the name in lowercase (`{Note}` is a note); the tree keeps it as written.
        var invocation = DirectiveInvocation.read(name: name.lowercased(), argument: argument, body: body, range: range, session: &session)
        if let argument = invocation.argument, let line = range?.start.line {
            invocation.argumentColumn = session.column(of: argument, onLine: line) ?? invocation.argumentColumn
        }
        let written = check(&invocation, against: spec, session: &session)
        if spec.argumentType == .markdown, let argument = invocation.argument {
            let line = range?.start.line ?? 1
            invocation.parsedArgument = session.parseInlines(argument, line: line, column: invocation.argumentColumn)
        }
        if spec.body == .markdown {
            invocation.content = session.parseBlocks(invocation.body, lineOffset: invocation.bodyLineOffset)
        }
        let children = spec.run(invocation, &session)
        let node = Directive(name: name, argument: invocation.argument, options: written,
                             value: invocation.body, children: children)
        return Block(.directive(node), at: range)
    }

    /// Warns about unknown options, bad values, and missing or unexpected arguments.
    /// Options the spec does not know, or whose value is not of the option's type, are left
    /// out; the rest reach `run` under the spec's own names (an alias renamed). Returns the
    /// options kept, as written, for the tree.
    static func check(_ invocation: inout DirectiveInvocation, against spec: DirectiveSpec,
                      session: inout ParseSession) -> [DirectiveOption] {
        let name = invocation.name
        let kept = invocation.options.filter { option in
            guard let (_, optionSpec) = spec.option(named: option.name) else {
                let allowed = spec.allOptionNames.joined(separator: ", ")
                session.warn("directive-option-unknown",
                             "unknown option '\(option.name)' for {\(name)}; allowed: \(allowed.isEmpty ? "none" : allowed)",
                             at: option.range ?? invocation.range)
                return false
            }
            switch optionSpec.kind {
            case .integer where Int(option.value.trimmingWhitespace()) == nil:
                session.warn("directive-option-value", "option '\(option.name)' of {\(name)} must be a whole number, not '\(option.value)'",
                             at: option.range ?? invocation.range)
                return false
            case .choice(let values) where !values.contains(option.value):
                session.warn("directive-option-value",
                             "option '\(option.name)' of {\(name)} must be one of \(values.joined(separator: ", ")), not '\(option.value)'",
                             at: option.range ?? invocation.range)
                return false
            default:
                return true
            }
        }
        invocation.options = kept.map { option in
            var renamed = option
            renamed.name = spec.option(named: option.name)?.name ?? option.name
            return renamed
        }
        if spec.argument == .required && invocation.argument == nil {
            session.warn("directive-argument-missing", "{\(name)} needs an argument", at: invocation.range)
        }
        if spec.argument == .none, let argument = invocation.argument {
            // Text on the fence line of a directive without arguments is the start of its body.
            invocation.body = invocation.body.isEmpty ? argument : argument + "\n" + invocation.body
            invocation.argument = nil
            invocation.bodyLineOffset -= 1
        }
        if spec.body == .none, !invocation.body.isEmpty {
            session.warn("directive-body-unexpected", "{\(name)} takes no content; the text in it is ignored", at: invocation.range)
        }
        return kept
    }
}
