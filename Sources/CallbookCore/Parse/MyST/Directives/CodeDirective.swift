/// `code-block`, `code` and `sourcecode`: a code listing with a language, optional line
/// numbers, emphasised lines, a caption and a name.
enum CodeDirective {
    static let spec = DirectiveSpec(
        names: ["code-block", "code", "sourcecode"], argument: .optional,
        options: ["caption": .text, "linenos": .flag, "lineno-start": .integer, "number-lines": .integer,
                  "emphasize-lines": .text, "label": .label, "class": .classes, "dedent": .text, "force": .flag],
        body: .raw
    ) { invocation, session in
        var code = CodeBlock(lang: invocation.argument, value: invocation.body)
        code.classes = invocation.classes()
        code.startingLineNumber = invocation.integer("lineno-start") ?? invocation.integer("number-lines")
        code.showLineNumbers = invocation.flag("linenos") || invocation.flag("number-lines") || invocation.flag("lineno-start")
        if code.startingLineNumber == 1 && !invocation.flag("lineno-start") { code.startingLineNumber = nil }
        code.emphasizeLines = parseLines(invocation.option("emphasize-lines") ?? "")
        let label = invocation.option("label")
        guard let caption = invocation.option("caption") else {
            code.label = label
            code.identifier = label.map(Labels.normalize)
            return [Block(.code(code), at: invocation.range)]
        }
        let captionInlines = invocation.parseOption("caption", &session) ?? []
        let container = Container(kind: .code, label: label, children: [
            Block(.caption([Block(.paragraph(captionInlines))])), Block(.code(code), at: invocation.range),
        ])
        return [Block(.container(container), at: invocation.range)]
    }

    /// `1,3-5` → [1, 3, 4, 5].
    static func parseLines(_ text: String) -> [Int] {
        text.split(separator: ",").flatMap { part -> [Int] in
            let bounds = part.split(separator: "-").compactMap { Int($0.trimmingWhitespace()) }
            if bounds.count == 2, bounds[0] <= bounds[1] { return Array(bounds[0]...bounds[1]) }
            return bounds.count == 1 ? bounds : []
        }
    }
}
