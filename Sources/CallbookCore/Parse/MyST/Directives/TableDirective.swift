/// `table`: a caption (the argument) around the pipe table in its body, numbered "Table N".
enum TableDirective {
    static let spec = DirectiveSpec(
        names: ["table"], argument: .optional, argumentType: .markdown,
        options: ["label": .label, "class": .classes, "align": .choice(["left", "center", "right"]), "widths": .text],
        body: .markdown
    ) { invocation, session in
        var body = invocation.content
        if !body.contains(where: { if case .table = $0.kind { return true } else { return false } }) {
            session.warn("table-missing", "{table} holds no pipe table", at: invocation.range)
        }
        body = body.map { block in
            guard case .table(var table) = block.kind else { return block }
            table.classes = invocation.classes()
            table.align = invocation.option("align")
            table.widths = Self.widths(invocation.option("widths"), columns: table.rows.first?.cells.count ?? 0)
            return Block(.table(table), at: block.range)
        }
        var children: [Block] = []
        if let caption = invocation.argument {
            let inlines = invocation.parsedArgument ?? []
            children.append(Block(.caption([Block(.paragraph(inlines))]), at: invocation.range))
        }
        let container = Container(kind: .table, label: invocation.option("label"),
                                  children: children + body)
        return [Block(.container(container), at: invocation.range)]
    }

    /// `:widths: 1 2 1` (or `1, 2, 1`) when it gives one positive number per column; `auto`
    /// and anything else leave the browser to choose.
    static func widths(_ option: String?, columns: Int) -> [Int] {
        guard let option else { return [] }
        let numbers = option.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Int($0) }
        return numbers.count == columns && numbers.allSatisfy({ $0 > 0 }) ? numbers : []
    }
}
