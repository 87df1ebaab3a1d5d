import Foundation

/// Chapters parsed by an earlier build of the same book (kept in memory by `callbook serve`),
/// with the contents of the files they included then.
public struct ParseCache: Sendable {
    private var chapters: [String: Chapter] = [:]
    private var included = FileContents()

    public init() {}

    /// The chapters of a build and the contents of their included files as that build read them.
    public init(_ parsed: [Chapter], included: FileContents) {
        for chapter in parsed { chapters[chapter.path] = chapter }
        self.included = included
    }

    /// The earlier parse of `source`, if its text and every file it includes (read with this
    /// build's `files`) are unchanged.
    func chapter(for source: ChapterSource, files: any BookFiles) -> Chapter? {
        guard let chapter = chapters[source.path], chapter.source == source else { return nil }
        for file in chapter.includes where (try? files.data(at: URL(fileURLWithPath: file)).get()) != included[file] {
            return nil
        }
        for (pattern, chosen) in chapter.wildcards {
            let url = URL(fileURLWithPath: pattern)
            let stem = String(url.lastPathComponent.dropLast(2))
            let picked = Figure.pick(stem, in: url.deletingLastPathComponent(), files: files)
            if !chosen.hasSuffix(picked) { return nil }
        }
        return chapter
    }
}
