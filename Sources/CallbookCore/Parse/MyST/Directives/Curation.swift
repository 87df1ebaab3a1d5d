import Yams

/// `curation` (from The Turing Way's plugin): a curated reading path, its body a YAML list
/// of `item: chapter.md` entries with `children`, shown as nested links to those chapters
/// (titled from the pages), under the argument as heading. Its `label` is a target.
enum Curation {
    static let spec = DirectiveSpec(names: ["curation"], argument: .optional, argumentType: .markdown,
                                    options: ["label": .label, "description": .text, "depth": .integer,
                                              "class": .classes],
                                    body: .raw) { invocation, session in
        var items: [Block] = []
        do {
            let yaml = try YAMLFile(path: session.file, text: invocation.body, lineOffset: invocation.bodyLineOffset)
            items = list(yaml.root?.sequenceItems ?? [], depth: invocation.integer("depth") ?? 3, file: yaml)
        } catch let error as CallbookError {
            session.warn("curation-body", "the list of {curation} could not be read: \(error.diagnostic.message)",
                         at: error.diagnostic.range)
        } catch {
            session.warn("curation-body", "the list of {curation} could not be read", at: invocation.range)
        }
        var children: [Block] = []
        if let description = invocation.option("description"), !description.isEmpty {
            children.append(Block(.paragraph(invocation.parseOption("description", &session) ?? [])))
        }
        if !items.isEmpty { children.append(Block(.list(ordered: false, start: nil, spread: false, items: items))) }
        let title = invocation.parsedArgument
        var aside = Aside(kind: "curation", title: title, children: children)
        aside.classes = invocation.classes()
        var blocks = [Block(.aside(aside), at: invocation.range)]
        if let label = invocation.option("label") {
            blocks.insert(Block(.target(label: label, htmlID: nil), at: invocation.range), at: 0)
        }
        return blocks
    }

    /// Nested list items linking to each `item`, down to `depth` levels.
    static func list(_ entries: [Node], depth: Int, file: YAMLFile) -> [Block] {
        guard depth > 0 else { return [] }
        return entries.compactMap { entry -> Block? in
            guard let path = entry["item"]?.scalarString else { return nil }
            let range = file.range(of: entry)
            var content = [Block(.paragraph([Inline(.link(url: path, title: nil, children: []), at: range)]), at: range)]
            let children = list(entry["children"]?.sequenceItems ?? [], depth: depth - 1, file: file)
            if !children.isEmpty { content.append(Block(.list(ordered: false, start: nil, spread: false, items: children))) }
            return Block(.listItem(spread: false, children: content), at: range)
        }
    }
}
