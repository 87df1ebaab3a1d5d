import Foundation

/// `figure` (an image with a caption — the body's first paragraph — and a legend — the rest)
/// and `image`. A path ending in `.*` picks the first existing file among the usual formats.
enum Figure {
    static let imageOptions: [String: OptionSpec] = [
        "alt": OptionSpec.text.documented("Text for readers who cannot see the image."),
        "width": OptionSpec.text.documented("A CSS length (`200` is `200px`)."),
        "height": OptionSpec.text.documented("A CSS length (`200` is `200px`)."),
        "align": OptionSpec.choice(["left", "center", "right", "top", "middle", "bottom"]).documented("Where the image sits."),
        "class": OptionSpec.classes.documented("Class names for the image, separated by spaces."),
        "name": OptionSpec.text.documented("Accepted and ignored (an image is no target)."),
        "scale": OptionSpec.text.documented("Accepted and ignored."),
        "target": OptionSpec.text.documented("Accepted and ignored."),
        "title": OptionSpec.text.documented("The image's tooltip."),
    ]
    static let formats = ["svg", "png", "jpg", "jpeg", "gif", "webp"]

    static let spec = DirectiveSpec(names: ["figure"], argument: .required,
                                    options: imageOptions.filter { $0.key != "name" }
                                        .merging(["figclass": OptionSpec.classes.documented("Class names for the figure."),
                                                  "figwidth": OptionSpec.text.documented("Accepted and ignored."),
                                                  "label": .label]) { a, _ in a },
                                    body: .markdown) { invocation, session in
        let image = makeImage(invocation, &session)
        var children = [Block(.image(image), at: invocation.range)]
        let body = invocation.content
        if let first = body.first {
            if first.isParagraph {
                children.append(Block(.caption([first]), at: first.range))
                if body.count > 1 { children.append(Block(.legend(Array(body.dropFirst())), at: body[1].range)) }
            } else {
                children.append(Block(.legend(body), at: first.range))
            }
        }
        var container = Container(kind: .figure, label: invocation.option("label"), children: children)
        container.classes = invocation.classes("figclass")
        container.align = invocation.option("align")
        return [Block(.container(container), at: invocation.range)]
    }

    static let imageSpec = DirectiveSpec(names: ["image"], argument: .required, options: imageOptions, body: .none) { invocation, session in
        [Block(.image(makeImage(invocation, &session)), at: invocation.range)]
    }

    static func makeImage(_ invocation: DirectiveInvocation, _ session: inout ParseSession) -> ImageBlock {
        var image = ImageBlock(url: resolveWildcard(invocation.argument ?? "", session: &session))
        image.alt = invocation.option("alt")
        image.title = invocation.option("title")
        image.width = invocation.option("width")
        image.height = invocation.option("height")
        image.align = invocation.option("align")
        image.classes = invocation.classes()
        if image.alt == nil {
            session.warn("image-alt-missing", "{\(invocation.name)} '\(image.url)' has no :alt: text; screen readers will skip it",
                         at: invocation.range)
        }
        return image
    }

    /// `pic.*` → the first of `pic.svg`, `pic.png`… that exists beside the chapter.
    /// The choice is remembered (`ParseSession.wildcards`): a cached parse is used again only
    /// while the same file would be picked.
    static func resolveWildcard(_ path: String, session: inout ParseSession) -> String {
        guard path.hasSuffix(".*"), let folder = session.sourceURL?.deletingLastPathComponent(),
              let files = session.parser.files else { return path }
        let chosen = pick(String(path.dropLast(2)), in: folder, files: files)
        session.wildcards[files.standardPath(BookPaths.file(path, in: folder))] = chosen
        return chosen
    }

    /// The first of `stem.svg`, `stem.png`… that exists in `folder` (`stem.png` if none does).
    /// One outside the project root counts as there: copying it is refused later, with an error.
    static func pick(_ stem: String, in folder: URL, files: any BookFiles) -> String {
        for format in formats {
            let candidate = stem + "." + format
            if case .failure(.missing) = files.locate(BookPaths.file(candidate, in: folder)) { continue }
            return candidate
        }
        return stem + ".png"
    }
}
