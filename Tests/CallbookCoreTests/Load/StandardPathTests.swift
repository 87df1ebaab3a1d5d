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

    @Test func onlyPathsWithNothingToStandardizeAreTakenAsTheyAre() {
        #expect(BookPaths.isStandard("/"))
        #expect(BookPaths.isStandard("/a/b.md"))
        #expect(BookPaths.isStandard("/a/.hidden/x./..y/b.md"))
        for path in ["", "a/b", "/a//b", "/a/./b", "/a/../b", "/a/b/", "/a/.", "/a/..", "/a/.../b"] {
            #expect(!BookPaths.isStandard(path), "\(path)")
        }
    }
}
