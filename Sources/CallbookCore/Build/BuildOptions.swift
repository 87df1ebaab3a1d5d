import Foundation

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    public var bookDirectory: URL
    /// How the book folder is printed in diagnostics (as the user typed it).
    public var displayRoot: String
    /// The output folder; nil for a build that writes nothing (`callbook check`), which runs
    /// every stage, consults no cache and leaves no trace.
    public var output: URL?
    /// The default theme's folder.
    public var themeDirectory: URL
    /// Treat warnings as failures.
    public var strict: Bool
    /// "Now" for the calendar: which sessions are upcoming (`--today`).
    public var today: Date
    /// The `DTSTAMP` of the feeds: `SOURCE_DATE_EPOCH` when set, else the start of `today` (UTC).
    public var stamp: Date
    /// Where the site is published (`--base-url`), for canonical links, the sitemap and feeds;
    /// the book's configuration is used when nil.
    public var baseURL: String?
    /// Write changed files into the output as it stands instead of swapping a new folder in
    /// (`callbook serve`, where the output is its own).
    public var writeInPlace = false
    /// Keep in the result what the next build of the same book can reuse (`BuildResult.state`:
    /// parsed and resolved chapters, generated files), as `callbook serve` does; a single build
    /// lets each stage's output go as soon as the next stage has it.
    public var keepsState = false
    /// The content-hash cache kept between builds (`.callbook-cache/` beside the output, see
    /// `defaultCacheFile`): pages whose inputs did not change are not rendered or written again.
    public var cacheFile: URL?
    /// Replace the output folder even when callbook did not write it (`--force`).
    public var force = false
    /// The folder every file read for the book must lie in (`--root`); nil: found from the book
    /// folder (see `ProjectRoot`).
    public var projectRoot: URL?
    /// Write each chapter page into the new site as soon as it is rendered, and keep none of
    /// them in `BuildResult.site` (the command line's builds: a book's pages are not all held
    /// in memory at once). Only for a build that writes a new site (not `writeInPlace`).
    public var handsPagesOn = false
    /// Make the new site in the spare the last build set aside (see `SiteWriter.begin`); a build
    /// whose write fails in it is run again with this off, in a folder of its own.
    public var takesSpare = true
    /// How many chapters or pages are worked on at once (`--jobs`); the output is the same for
    /// any number.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// The process exits once the build is reported (the command line's `build`): what the
    /// build made is left to go with the process (`MemoryLeftToExit`), not freed object by
    /// object.
    public var processExitsAfter = false

    public init(bookDirectory: URL, displayRoot: String? = nil, output: URL?, themeDirectory: URL, strict: Bool = false,
                today: Date = Date(), stamp: Date? = nil) {
        self.bookDirectory = bookDirectory
        self.displayRoot = displayRoot ?? bookDirectory.path
        self.output = output
        self.themeDirectory = themeDirectory
        self.strict = strict
        self.today = today
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        self.stamp = stamp ?? utc.startOfDay(for: today)
    }

    /// Where `callbook build` keeps the cache for `output`: `.callbook-cache/<output>.json` beside it.
    public static func defaultCacheFile(beside output: URL) -> URL {
        BuildCache.file(beside: output)
    }

    /// What of these options shapes the site written to `output`, for the up-to-date check.
    func manifestKey(output: URL) -> BuildManifest.Key {
        BuildManifest.Key(bookDirectory: bookDirectory, displayRoot: displayRoot, projectRoot: projectRoot, output: output,
                          themeDirectory: themeDirectory, strict: strict, stamp: stamp, baseURL: baseURL, today: today)
    }
}
