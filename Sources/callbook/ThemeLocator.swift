import Foundation

/// Finds the default theme, so `callbook` works from any directory:
/// 1. `$CALLBOOK_THEME`, if set;
/// 2. `<prefix>/share/callbook/templates` for a binary installed as `<prefix>/bin/callbook`;
/// 3. a `templates/` folder beside the binary or in a folder above it (a build in `.build/`).
enum ThemeLocator {
    /// The default theme, or the end of the command with the reason (exit 1).
    static func required() -> URL {
        do {
            return try locate()
        } catch {
            CommandExit.fail("Error: \(error)")
        }
    }

    static func locate() throws(LocatorError) -> URL {
        let fileManager = FileManager.default
        func isTheme(_ url: URL) -> Bool {
            fileManager.fileExists(atPath: url.appendingPathComponent("page.mustache").path)
        }
        if let configured = ProcessInfo.processInfo.environment["CALLBOOK_THEME"], !configured.isEmpty {
            let url = URL(fileURLWithPath: configured)
            guard isTheme(url) else { throw LocatorError(message: "CALLBOOK_THEME='\(configured)' has no page.mustache") }
            return url
        }
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        let installed = folder.deletingLastPathComponent().appendingPathComponent("share/callbook/templates")
        if isTheme(installed) { return installed }
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("templates")
            if isTheme(candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw LocatorError(message: "cannot find the default theme (templates/page.mustache) near \(executable.path); set CALLBOOK_THEME")
    }

    struct LocatorError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
