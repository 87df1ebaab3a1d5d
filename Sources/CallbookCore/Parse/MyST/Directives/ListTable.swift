/// `list-table`: a table written as a two-level list, each outer item a row and each inner
/// item a cell; `header-rows` rows are headers.
enum ListTable {
    static let spec = DirectiveSpec(
        names: ["list-table"], argument: .optional, argumentType: .markdown,
        options: ["header-rows": .integer, "stub-columns": .integer, "widths": .text, "width": .text, "label": .label,
                  "class": .classes, "align": .choice(["left", "center", "right"])],
        body: .markdown
    ) { invocation, session in
        let body = invocation.content
        guard body.count == 1, case .list(_, _, _, let rowItems) = body[0].kind else {
            session.warn("list-table-shape", "{list-table} must hold one list of lists (rows of cells)", at: invocation.range)
            return body
        }
        let headerRows = invocation.integer("header-rows") ?? 0
        var rows: [TableRow] = []
        for (index, rowItem) in rowItems.enumerated() {
            guard case .listItem(_, let rowChildren) = rowItem.kind, rowChildren.count == 1,
                  case .list(_, _, _, let cellItems) = rowChildren[0].kind else {
                session.warn("list-table-shape", "row \(index + 1) of {list-table} is not a list of cells",
                             at: rowItem.range ?? invocation.range)
                continue
            }
            let cells = cellItems.map { cell -> TableCell in
                guard case .listItem(_, let content) = cell.kind else { return TableCell(header: false, align: nil, children: []) }
                return TableCell(header: index < headerRows, align: nil, children: content)
            }
            rows.append(TableRow(cells: cells))
        }
        var table = Table(rows: rows)
        table.align = invocation.option("align")
        table.widths = TableDirective.widths(invocation.option("widths"), columns: rows.first?.cells.count ?? 0)
        var children: [Block] = []
        if let caption = invocation.argument {
            let inlines = invocation.parsedArgument ?? []
            children.append(Block(.caption([Block(.paragraph(inlines))]), at: invocation.range))
        }
        children.append(Block(.table(table), at: invocation.range))
        var container = Container(kind: .table, label: invocation.option("label"), children: children)
        container.classes = invocation.classes()
        return [Block(.container(container), at: invocation.range)]
    }
}
