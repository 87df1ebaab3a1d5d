@testable import CallbookCore
import Testing

/// Relative URLs between site paths, made from bytes: the same as the implementation they
/// replaced, which split both paths into parts (the oracle, below), on random paths with empty,
/// `.`-like and non-ASCII parts.
@Suite struct RelativeLinksTests {
    static let parts = ["a", "b", "c.html", "é", "日本", "x\u{301}", "", "..", ".", "index.html"]

    static func path(_ generator: inout SystemRandomNumberGenerator) -> String {
        (0..<Int.random(in: 0...4, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined(separator: "/")
    }

    @Test func sameURLsAsSplittingIntoParts() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let (page, target) = (Self.path(&generator), Self.path(&generator))
            #expect(RelativeLinks(from: page).url(to: target) == Self.oracle(from: page, to: target), "\(page) → \(target)")
        }
        #expect(RelativeLinks(from: "a/b/page.html").url(to: "a/c/x.html") == "../c/x.html")
        #expect(RelativeLinks(from: "a/page.html").url(to: "") == "../")
        #expect(RelativeLinks(from: "page.html").url(to: "") == "./")
        // The last part is the file: a folder's own path is reached from beside it.
        #expect(RelativeLinks(from: "a/b/page.html").url(to: "a/b/") == "../b")
    }

    /// `BookPaths.relativeURL`, on bytes for ASCII paths, against its definition on Characters
    /// (shortcuts for a page in the root folder and a target beside the page, then `oracle`),
    /// on random paths, rooted or not, with empty and non-ASCII parts.
    @Test func relativeURLSameAsCharacterDefinition() {
        var generator = SystemRandomNumberGenerator()
        let ascii = Self.parts.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        func path(_ parts: [String]) -> String {
            let inner = (0..<Int.random(in: 0...4, using: &generator)).map { _ in parts.randomElement(using: &generator)! }
            return (Bool.random(using: &generator) ? "" : "/") + inner.joined(separator: "/") + (Bool.random(using: &generator) ? "" : "/")
        }
        for round in 0..<20_000 {
            let (page, target) = round % 4 == 0 ? (path(Self.parts), path(Self.parts)) : (path(ascii), path(ascii))
            #expect(BookPaths.relativeURL(from: page, to: target) == Self.characterRelativeURL(from: page, to: target), "\(page) → \(target)")
        }
        #expect(BookPaths.relativeURL(from: "a/b/page.html", to: "a/b/other.html") == "other.html")
        #expect(BookPaths.relativeURL(from: "page.html", to: "a/b.html") == "a/b.html")
        #expect(BookPaths.relativeURL(from: "a/b/page.html", to: "a/index.html") == "../index.html")
        #expect(BookPaths.relativeURL(from: "a/page.html", to: "/_static/style.css") == "../_static/style.css")
    }

    static func characterRelativeURL(from page: String, to target: String) -> String {
        let folder = BookPaths.directory(of: page)
        if !target.hasPrefix("/") {
            if folder.isEmpty { return target.isEmpty ? "./" : target }
            if target.hasPrefix(folder + "/"), !target.dropFirst(folder.count + 1).contains("/") {
                return String(target.dropFirst(folder.count + 1))
            }
        }
        return oracle(from: page, to: target)
    }

    static func oracle(from page: String, to target: String) -> String {
        let folder = BookPaths.directory(of: page).utf8.split(separator: UInt8(ascii: "/")).map { $0 }
        let parts = target.utf8.split(separator: UInt8(ascii: "/"))
        var common = 0
        while common < folder.count, common < parts.count - 1, folder[common].elementsEqual(parts[common]) {
            common += 1
        }
        var url = ""
        for _ in common..<folder.count { url += "../" }
        for (position, part) in parts[common...].enumerated() {
            if position > 0 { url += "/" }
            url += Substring(part)
        }
        return url.isEmpty ? "./" : url
    }
}
