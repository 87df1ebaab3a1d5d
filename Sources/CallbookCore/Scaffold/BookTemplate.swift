import Foundation

/// The files of a new book (`callbook init`): a `myst.yml`, a welcome page, a sample chapter
/// with a cross-reference and a figure, a drawn SVG, a `calls.yml` with one call, and a
/// `.gitignore` that keeps the build folder `_build/` out of git. It builds with `--strict` as
/// it is, also from inside its folder (`callbook build` writes `_build/html`).
public enum BookTemplate {
    public static func files(title: String) -> [String: String] {
        let start = "2027-01-06 16:00"
        return [
            ".gitignore": """
                # callbook build writes the site to _build/html and its cache beside it.
                _build/

                """,
            "myst.yml": """
                version: 1
                project:
                  title: \(yamlQuoted(title))
                  toc:
                    - file: index.md
                    - title: Calls
                      children:
                        - file: calls/weekly.md

                """,
            "index.md": """
                (ch-welcome)=
                # Welcome

                This handbook describes our community calls. Start with the {ref}`weekly call <ch-weekly>`,
                or see when the next one is on the calendar.

                :::{note}
                Edit these pages, then run `callbook build` to see your changes.
                :::

                """,
            "calls/weekly.md": """
                (ch-weekly)=
                # The weekly call

                Once a week we meet for an hour to work side by side. Newcomers are welcome:
                read the {ref}`welcome page <ch-welcome>` first.

                :::{figure} ../figures/hour.svg
                :name: fig-hour
                :alt: A one-hour call split into a welcome, fifty minutes of work and a goodbye.

                How the hour is spent.
                :::

                {numref}`Figure %s <fig-hour>` shows how the hour is spent.

                ## Next sessions

                ```{calls} weekly
                :count: 3
                ```

                """,
            "figures/hour.svg": """
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 80" role="img">
                  <title>A one-hour call</title>
                  <rect x="0" y="10" width="60" height="40" fill="#f0a030"/>
                  <rect x="60" y="10" width="480" height="40" fill="#3a70d0"/>
                  <rect x="540" y="10" width="60" height="40" fill="#f0a030"/>
                  <text x="300" y="36" text-anchor="middle" fill="#fff" font-family="sans-serif" font-size="16">50 minutes of focused work</text>
                  <text x="0" y="72" font-family="sans-serif" font-size="12">:00</text>
                  <text x="570" y="72" font-family="sans-serif" font-size="12">:60</text>
                </svg>

                """,
            "calls.yml": """
                # The calls this handbook describes: see callbook's README for the format.
                timezone: Europe/London
                series:
                  - id: weekly
                    title: Weekly call
                    page: ch-weekly
                    start: \(start)
                    duration: 1h
                    repeat: FREQ=WEEKLY;BYDAY=WE
                    location: Online

                """,
        ]
    }

    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Writes the template into `directory`, which must not exist or be empty.
    public static func write(to directory: URL, title: String) throws {
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: directory.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw CallbookError("init-not-a-folder", "'\(directory.path)' is a file, not a folder; choose a new or empty folder")
        }
        if let existing = try? fileManager.contentsOfDirectory(atPath: directory.path), !existing.isEmpty {
            throw CallbookError("init-not-empty", "'\(directory.path)' already has files in it; choose a new or empty folder")
        }
        for (path, contents) in files(title: title) {
            let url = directory.appendingPathComponent(path)
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
    }
}
