/// What a book's configuration files (`myst.yml`, or `_config.yml` and `_toc.yml`) were read
/// into, with the diagnostics of reading them and a hash of what that depended on (the files'
/// texts, the Markdown files found, the display root). A load whose hash is the same takes it
/// over (`BookLoader.reusing`) rather than parse the YAML again: for The Turing Way's
/// `myst.yml`, 3.5 ms of every build.
public struct ParsedConfiguration: Sendable, Equatable {
    public var hash: UInt64
    public var configuration: BookConfiguration
    public var diagnostics: [Diagnostic]

    public init(hash: UInt64, configuration: BookConfiguration, diagnostics: [Diagnostic]) {
        (self.hash, self.configuration, self.diagnostics) = (hash, configuration, diagnostics)
    }
}
