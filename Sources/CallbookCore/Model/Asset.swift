/// A file the site needs copied: a figure, a download, a logo.
public struct Asset: Hashable, Sendable {
    /// Absolute path of the source file.
    public var source: String
    /// Where it goes in the site.
    public var sitePath: String
}
