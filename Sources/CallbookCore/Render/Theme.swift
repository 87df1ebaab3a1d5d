import Mustache

/// The theme pages are rendered with: its templates compiled, from the files Load read.
public struct Theme: Sendable {
    /// What the theme was made from: template texts and static files.
    public let files: ThemeFiles
    /// Mustache templates, named by relative path without extension (`layout`, `page`).
    let library: MustacheLibrary

    /// Compiles every template; a syntax error is reported at its file, line and column.
    public init(_ files: ThemeFiles) throws {
        var library = MustacheLibrary()
        for (name, template) in files.templates {
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
    }

    /// Static files to copy under `_static/`: relative name → absolute source path.
    public var staticFiles: [String: String] { files.staticFiles }

    /// Renders `context` with the named template; a missing template is an error.
    func render(_ context: some TemplateContext, template name: String) throws -> String {
        guard let html = library.render(context.fields, withTemplate: name) else {
            throw CallbookError("template-missing", "the theme has no template '\(name).mustache'")
        }
        return html
    }

    /// Renders a template that extends `layout.mustache`: the layout's data and the page's own,
    /// which wins where both have a name.
    func render(_ page: some TemplateContext, layout: LayoutContext, template name: String) throws -> String {
        try render(layout.fields.merging(page.fields) { _, own in own }, template: name)
    }
}
