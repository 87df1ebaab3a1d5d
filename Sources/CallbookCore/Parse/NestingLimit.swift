/// How deep a chapter may nest. Deeper content is kept as plain text, with a
/// `nesting-too-deep` error at its place, so every later stage walks a tree of bounded depth
/// and parsing stays linear in the input, whatever the input.
public enum NestingLimit {
    /// Levels of the tree: blocks, directives and inline markup together.
    public static let depth = 256
    /// Content parsed again inside the content around it (a directive's body, a quote holding
    /// MyST syntax, a footnote definition), each level re-reading the text of those inside it.
    /// An included file starts again from one.
    public static let parses = 16

    static let diagnosticID = "nesting-too-deep"

    static func message(_ what: String, limit: Int = depth) -> String {
        "\(what) nested more than \(limit) levels deep; the rest is kept as plain text"
    }
}
