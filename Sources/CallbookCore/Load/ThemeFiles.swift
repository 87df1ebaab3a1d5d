/// A theme as read from disk: the texts of its Mustache templates and where its static files
/// are. Render compiles the templates (`Theme`); Write copies the static files.
public struct ThemeFiles: Sendable {
    /// One template's text and the file it was read from (for error positions).
    public struct Template: Sendable {
        public var text: String
        public var path: String
    }

    /// Templates named by relative path without extension (`layout`, `page`).
    public var templates: [String: Template]
    /// Static files to copy under `_static/`: relative name → absolute source path.
    public var staticFiles: [String: String]
}
