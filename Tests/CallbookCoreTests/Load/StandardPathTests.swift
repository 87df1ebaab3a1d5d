@testable import CallbookCore
import Foundation
import Testing

/// `BookPaths.standardPath` is `URL.standardizedFileURL.path` (Foundation, the oracle),
/// taken without a new URL when the path is already standard.
@Suite struct StandardPathTests {
    @Test func isFoundationsStandardizedPathForAnyPath() {
        let pieces = ["a", "b", ".", "..", "", "...", ".x", "x.", "..y", "caf\u{E9}", "a b", "%20", "#", "?"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let count = Int.random(in: 0...6, using: &generator)
            var path = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: "/")
            if Bool.random(using: &generator) { path += "/" }
            for url in [URL(fileURLWithPath: "/" + path), URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: "/base/dir/"))] {
                #expect(BookPaths.standardPath(url) == url.standardizedFileURL.path, "\(url)")
            }
        }
    }

    /// `BookPaths.file` skips `appendingPathComponent`'s look at the file system (whether the
    /// result is a folder, for a final `/`), which no path a build takes from it shows.
    @Test func fileInAFolderHasThePathOfAppendingPathComponent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("file-in-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = ["", "sub", "sub/", "a.md", "x/y.md", "../up.md", "./a.md", "a//b.md", "a b.md", "a%20b.md", "a#b.md", "a?b.md",
                     "caf\u{E9}.md", "/abs.md", "sub/../a.md", ".", "..", "%", "a;b", "~tilde"]
        for base in [folder, URL(fileURLWithPath: folder.path + "/"), URL(fileURLWithPath: folder.path, isDirectory: true)] {
            for name in names {
                let (fast, looked) = (BookPaths.file(name, in: base), base.appendingPathComponent(name))
                #expect(fast.path == looked.path, "\(name)")
                #expect(fast.standardizedFileURL.path == looked.standardizedFileURL.path, "\(name)")
                #expect(fast.deletingLastPathComponent().path == looked.deletingLastPathComponent().path, "\(name)")
            }
        }
    }

    @Test func onlyPathsWithNothingToStandardizeAreTakenAsTheyAre() {
        #expect(BookPaths.isStandard("/"))
        #expect(BookPaths.isStandard("/a/b.md"))
        #expect(BookPaths.isStandard("/a/.hidden/x./..y/b.md"))
        for path in ["", "a/b", "/a//b", "/a/./b", "/a/../b", "/a/b/", "/a/.", "/a/..", "/a/.../b"] {
            #expect(!BookPaths.isStandard(path), "\(path)")
        }
    }
}

/// `BookFileReader.standardPath`, which finds each folder's standard path once, against
/// Foundation's `URL.standardizedFileURL.path` (the oracle) on a tree with files, folders,
/// names that are not there, and symbolic links (relative and absolute, to files, to folders,
/// up the tree, dangling) met through `..`.
@Suite struct ReaderStandardPathTests {
    @Test func isFoundationsStandardizedPathInATreeWithLinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("standard-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let manager = FileManager.default
        for folder in ["book/ch/sub", "book/figures", "data/figs", "other"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["book/ch/a.md", "book/ch/sub/b.md", "book/figures/x.png", "data/figs/y.svg", "data/z.png", "other/w.png"] {
            try Data("x".utf8).write(to: root.appendingPathComponent(file))
        }
        let links = [("book/figs", "../data/figs"), ("book/abs", root.appendingPathComponent("other").path),
                     ("book/ch/up", "../.."), ("book/ch/file.png", "../figures/x.png"), ("book/dangling", "nowhere/at/all"),
                     ("book/ch/sub/loop", "loop")]
        for (at, to) in links {
            try manager.createSymbolicLink(atPath: root.appendingPathComponent(at).path, withDestinationPath: to)
        }
        let reader = BookFileReader(root: try ProjectRoot(bookDirectory: root.appendingPathComponent("book"), explicit: root))
        // Every path of up to four of these names under the book folder.
        let pieces = ["ch", "sub", "figs", "abs", "up", "dangling", "loop", "..", ".", "x.png", "z.png", "y.svg", "file.png",
                      "missing"]
        var paths: [[String]] = [[]]
        for _ in 0..<4 { paths += paths.filter { $0.count == paths.last!.count }.flatMap { path in pieces.map { path + [$0] } } }
        var (hits, misses) = (0, 0)
        for names in paths.dropFirst() {
            let relative = names.joined(separator: "/")
            let url = root.appendingPathComponent("book").appending(path: relative, directoryHint: .notDirectory)
            let expected = url.standardizedFileURL.path
            #expect(reader.standardPath(url) == expected, "\(relative)")
            if FileManager.default.fileExists(atPath: expected) { hits += 1 } else { misses += 1 }
        }
        #expect(hits > 1000 && misses > 1000, "hits \(hits), misses \(misses)")
    }

    @Test func lexicalPathIsFoundationsForPathsThatAreNotThere() {
        let pieces = ["a", "b", ".", "..", "", "...", "..a", "a..", "caf\u{E9}", "a b", "%41", "%2F", "#", "?q", ";p", "~"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let count = Int.random(in: 1...8, using: &generator)
            let path = "/no-such-root-here/" + (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: "/")
            #expect(BookPaths.lexicalPath(path) == URL(filePath: path, directoryHint: .notDirectory).standardizedFileURL.path,
                    "\(path)")
        }
    }
}

/// `BookFileReader.locate`, which keeps each folder's real path, or that it is not there,
/// for the reader's life, against `realpath` of the whole path each time (the oracle): in a
/// tree with missing folders, a file where a folder is expected, links out of the root,
/// dangling and looping; asked twice, so that the second answer comes from what was kept.
@Suite struct ReaderLocateTests {
    /// The tree (to remove afterwards), its book folder and its project root.
    static func book() throws -> (tree: URL, book: URL, root: ProjectRoot) {
        let tree = try Self.tree()
        let book = tree.appendingPathComponent("project/book")
        return (tree, book, try ProjectRoot(bookDirectory: book, explicit: tree.appendingPathComponent("project")))
    }

    static func tree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("locate-\(UUID().uuidString)")
        let manager = FileManager.default
        for folder in ["project/book/ch", "project/book/figures", "outside"] {
            try manager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["project/book/ch/a.md", "project/book/figures/x.png", "outside/secret.png"] {
            try Data("x".utf8).write(to: root.appendingPathComponent(file))
        }
        for (at, to) in [("project/book/out", "../../outside"), ("project/book/dangling", "nowhere"), ("project/book/loop", "loop"),
                         ("project/book/ch/pic.png", "../figures/x.png")] {
            try manager.createSymbolicLink(atPath: root.appendingPathComponent(at).path, withDestinationPath: to)
        }
        return root
    }

    static func oracle(_ path: String, root: ProjectRoot) -> Result<String, BookFileProblem> {
        guard let real = ProjectRoot.realPath(path) else {
            let code = errno
            return .failure(code == ENOENT || code == ENOTDIR ? .missing : .unreadable(BookFileReader.reason(code)))
        }
        return root.contains(real) ? .success(real) : .failure(.outsideRoot(real))
    }

    @Test func sameAsRealPathOfTheWholePathEachTime() throws {
        let (tree, book, root) = try Self.book()
        defer { try? FileManager.default.removeItem(at: tree) }
        let reader = BookFileReader(root: root)
        let names = ["ch", "figures", "missing", "out", "dangling", "loop", "a.md", "x.png", "pic.png", "secret.png", ".."]
        var paths = [[String]]()
        for first in names { for second in names { paths.append([first, second]); for third in ["x.png", "y.png"] { paths.append([first, second, third]) } } }
        var outcomes: Set<String> = []
        for pass in 1...2 {
            for names in paths {
                let url = book.appending(path: names.joined(separator: "/"), directoryHint: .notDirectory)
                let expected = Self.oracle(reader.standardPath(url), root: root)
                #expect(reader.locate(url) == expected, "pass \(pass): \(names.joined(separator: "/"))")
                switch expected {
                case .success: outcomes.insert("found")
                case .failure(let problem): outcomes.insert("\(problem)".prefix(while: { $0 != "(" }).description)
                }
            }
        }
        // Found, missing, outside the root and refused (the loop) all met.
        #expect(outcomes.count >= 4, "\(outcomes)")
    }

    /// A folder missing when a reader first looked stays missing for that reader (one build);
    /// the next build's reader finds it.
    @Test func aFolderMissingStaysMissingForItsReaderOnly() throws {
        let (tree, book, root) = try Self.book()
        defer { try? FileManager.default.removeItem(at: tree) }
        let reader = BookFileReader(root: root)
        let picture = book.appendingPathComponent("later/pic.png")
        #expect(reader.locate(picture) == .failure(.missing))
        try FileManager.default.createDirectory(at: book.appendingPathComponent("later"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: picture)
        #expect(reader.locate(picture) == .failure(.missing))
        #expect(reader.locate(book.appendingPathComponent("later/other.png")) == .failure(.missing))
        #expect(BookFileReader(root: root).locate(picture) == .success(ProjectRoot.realPath(picture.path)!))
    }
}
