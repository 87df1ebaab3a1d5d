import Foundation

/// `callbook serve`'s builds: the first and every rebuild after a change, into the server's own
/// folder (with relative links only: no base URL), each reported with a line for the terminal
/// and a message for the open pages.
public struct ServeAction: Sendable {
    private let builder: IncrementalBuilder
    private let location: BookLocation

    /// - Parameter output: the site folder the server shows (its own working folder).
    public init(location: BookLocation, output: URL, theme: URL, today: Date, projectRoot: URL?) {
        var options = BuildOptions(bookDirectory: location.directory, displayRoot: location.displayRoot, output: output,
                                   themeDirectory: theme, today: today)
        options.projectRoot = projectRoot
        builder = IncrementalBuilder(options: options)
        self.location = location
    }

    /// Build number `number` (counted from 1, the first build); `changed` lists the files
    /// changed since the last one.
    public func build(number: Int, changed: [String] = []) async -> ServeBuild {
        var result = await builder.build(changed: changed)
        result.diagnostics = location.explaining(result.diagnostics)
        return ServeBuild(result, initial: number == 1, number: number)
    }
}
