import Mustache

/// The theme pages are rendered with: its templates compiled, from the files Load read.
public struct Theme: Sendable {
    /// What the theme was made from: template texts and static files.
    public let files: ThemeFiles
    /// Mustache templates, named by relative path without extension (`layout`, `page`).
    let library: MustacheLibrary
    /// Each template's output per shape of its data (`TemplateFrames`).
    let frames: TemplateFrames

    /// Compiles every template; a syntax error is reported at its file, line and column (of the
    /// first template by name that has one, whatever order the table holds them in).
    public init(_ files: ThemeFiles) throws {
        TemplateEscaping.registered
        var library = MustacheLibrary()
        for (name, template) in files.templates.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try MustacheTemplate(string: template.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw CallbookError("template-syntax", "template error: \(error.error)",
                                    at: SourceRange(file: template.path, line: error.context.lineNumber,
                                                    column: error.context.columnNumber))
            }
        }
        self.files = files
        self.library = library
        self.frames = TemplateFrames(files.templates.values.map(\.text))
    }

    /// Static files to copy under `_static/`: relative name → absolute source path.
    public var staticFiles: [String: String] { files.staticFiles }

    /// Renders `context` with the named template; a missing template is an error.
    func render(_ context: some Encodable, template name: String) throws -> String {
        guard let html = frames.render(try TemplateEncoder.encode(context, keeping: frames.names?.numbers), template: name, library: library) else {
            throw CallbookError("template-missing", "the theme has no template '\(name).mustache'")
        }
        return html
    }

    /// Renders a template that extends `layout.mustache`: the layout's data and the page's own,
    /// which wins where both have a name.
    func render(_ page: some Encodable, layout: LayoutContext, template name: String) throws -> String {
        try render(PageInLayout(layout: layout, page: page), template: name)
    }
}

/// A page's data over its layout's: both encoded into one object, the page's names last.
struct PageInLayout<Layout: Encodable, Page: Encodable>: Encodable {
    let layout: Layout
    let page: Page

    func encode(to encoder: any Encoder) throws {
        try layout.encode(to: encoder)
        try page.encode(to: encoder)
    }
}
