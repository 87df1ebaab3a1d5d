/// `iframe`: embedded content from another site (a video), with an optional caption. Nothing
/// is fetched at build time; the reader's browser loads it, lazily.
enum IFrame {
    /// "Embedded content from www.youtube.com/embed/XUw5kpypeo8": unique per address, as
    /// assistive technology needs to tell frames apart.
    static func fallbackTitle(_ address: String) -> String {
        let trimmed = address.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        return "Embedded content from " + (trimmed.split(separator: "?").first.map(String.init) ?? trimmed)
    }

    static let spec = DirectiveSpec(names: ["iframe"], argument: .required,
                                    options: ["width": .text, "height": .text, "align": .text, "class": .classes,
                                              "label": .label, "title": .text],
                                    body: .markdown) { invocation, session in
        if let address = invocation.argument, ScriptURL.isScript(address) {
            session.warn("unsafe-url", ScriptURL.warning(address, "iframe", at: nil).message,
                         at: invocation.range.map { SourceRange(file: $0.file, line: $0.start.line, column: invocation.argumentColumn) })
        }
        let caption = invocation.content
        let title = invocation.option("title") ?? caption.first.map { block -> String in
            var text = ""
            block.walk(block: { _ in }, inline: { if case .text(let t) = $0.kind { text += t } })
            return text
        } ?? Self.fallbackTitle(invocation.argument ?? "")
        let frame = IFrameBlock(url: invocation.argument ?? "", title: title, width: invocation.option("width"))
        var children = [Block(.iframe(frame), at: invocation.range)]
        if !caption.isEmpty { children.append(Block(.caption(caption), at: caption[0].range)) }
        var container = Container(kind: .figure, label: invocation.option("label"), children: children)
        container.classes = ["iframe"] + invocation.classes()
        return [Block(.container(container), at: invocation.range)]
    }
}
