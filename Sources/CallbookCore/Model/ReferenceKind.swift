/// How a reference was written: the role that made it (`{ref}`, `{numref}`…), or a Markdown
/// link. The raw values are the role names, and the `kind` of mdast's `crossReference`.
public enum ReferenceKind: String, Hashable, Sendable {
    /// `{ref}`: a label; its text is the target's title.
    case ref
    /// `{numref}`: a numbered label; its text is "Figure N" or the template given.
    case numref
    /// `{eq}`: an equation; its text is "(N)".
    case eq
    /// `{doc}`: a chapter, by path; its text is the chapter's title.
    case doc
    /// `{term}`: a glossary term.
    case term
    /// `{any}`: a label, or else a chapter by path.
    case any
    /// `[text](#label)`, `[text](page.md#x)`: a Markdown link bound to a target.
    case link
}
