@testable import CallbookCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The removal of a previous site (`TreeRemoval`): everything under the folder goes, folders
/// inside folders, names that are not UTF-8 included; a symbolic link is removed, never
/// followed, so what it points to outside the folder stays.
@Suite struct TreeRemovalTests {
    @Test func aWholeTreeGoesAndWhatALinkPointsToStays() throws {
        let root = try WriteConfinementTests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        for folder in ["a", "a/b", "a/b/c", "d", "_static/search"] {
            try FileManager.default.createDirectory(at: site.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["index.html", "a/x.html", "a/b/y.html", "a/b/c/z.html", "_static/search/text-0.js"] {
            try Data(file.utf8).write(to: site.appendingPathComponent(file))
        }
        // A hard link shares its file with a path outside: that path keeps it.
        #expect(link(outside.appendingPathComponent("keep.txt").path, site.appendingPathComponent("d/linked.txt").path) == 0)
        // Symbolic links to a folder and to a file outside, and one to nowhere.
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("a/to-folder").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("to-file").path,
                                                   withDestinationPath: outside.appendingPathComponent("keep.txt").path)
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("d/dangling").path, withDestinationPath: "/nonexistent/x")
        // A name that is not UTF-8 (byte FF).
        let odd = site.path + "/a/b/odd-\u{FFFD}"
        var name = Array((site.path + "/a/b/odd-").utf8) + [0xFF, 0]
        let descriptor = name.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        #expect(!FileManager.default.fileExists(atPath: odd))  // not the same name as its repaired spelling

        #expect(TreeRemoval.remove(site.path))

        #expect(!FileManager.default.fileExists(atPath: site.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == ["keep.txt"])
        #expect(FileManager.default.contents(atPath: outside.appendingPathComponent("keep.txt").path) == Data("keep".utf8))
    }

    @Test func aFolderThatIsNotThereIsRemovedAlready() throws {
        let root = try WriteConfinementTests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(TreeRemoval.remove(root.appendingPathComponent("missing").path))
    }

    /// A symbolic link in the folder's own place is not followed: nothing is removed through
    /// it, and the caller's slower path deals with it.
    @Test func aLinkInTheFoldersPlaceIsNotFollowed() throws {
        let root = try WriteConfinementTests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: target.appendingPathComponent("page.html"))
        let link = root.appendingPathComponent("site")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        #expect(!TreeRemoval.remove(link.path))
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("page.html").path))
    }
}
