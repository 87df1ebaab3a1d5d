@testable import CallbookCore
import Foundation
import Testing

/// The handbook in `content/`: every cross-reference resolves, and the three coworking pages
/// link to each other with relative URLs. (`content/` has a `{calls}` directive that is not
/// built yet, so the build has other warnings; only reference diagnostics are checked here.)
@Suite struct DefaultBookReferencesTests {
    static var contentDirectory: URL { SharedData.packageRoot.appendingPathComponent("content") }

    /// Builds `content/` into a scratch folder outside the repository.
    static func build() async throws -> (BuildResult, URL) {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("callbook-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let result = await Build.run(BuildOptions(bookDirectory: contentDirectory, displayRoot: "content",
                                                  output: scratch.appendingPathComponent("site"),
                                                  themeDirectory: TemporaryBook.themeDirectory))
        return (result, scratch)
    }

    @Test func everyReferenceOfTheHandbookResolves() async throws {
        let (result, scratch) = try await Self.build()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let problems = ResolveFixture.referenceDiagnostics(result.diagnostics)
        #expect(problems.isEmpty, "\(BuildInspection.describe(problems))")
        #expect(BuildInspection.errors(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")
        #expect(result.wroteSite)

        let (book, _) = try BookLoader(directory: Self.contentDirectory, displayRoot: "content").load()
        let chapters = await ChapterParser(files: book.files).parse(book.chapters)
        let resolved = await BookResolver().resolve(book, chapters: chapters)
        let references = resolved.chapters.flatMap { chapter in chapter.references.map { (chapter.path, $0) } }
        #expect(references.count > 25)
        let unbound = references.filter { $0.1.page == nil }
        #expect(unbound.isEmpty, "\(unbound.map { "\($0.0): \($0.1.kind) '\($0.1.label)'" })")

        // `{ref}` to the Cafe's page label goes to the page itself, from every chapter that uses it.
        let cafe = references.filter { $0.1.kind == .ref && $0.1.label == "ch-coworking-collabcafe" }
        #expect(Set(cafe.map(\.0)).isSuperset(of: ["index.md", "coworking/coworking.md", "coworking/daily.md",
                                                   "hosting/hosting.md", "hosting/etiquette.md", "hosting/timezones.md"]))
        #expect(cafe.allSatisfy { $0.1.page == "coworking/collabcafe.html" && $0.1.htmlID == nil })
    }

    @Test func theCoworkingPagesLinkToEachOther() async throws {
        let (result, scratch) = try await Self.build()
        defer { try? FileManager.default.removeItem(at: scratch) }

        func links(_ page: String) throws -> [(href: String, text: String)] {
            ResolveFixture.links(try ResolveFixture.body(result, page))
        }
        func has(_ links: [(href: String, text: String)], _ href: String, _ text: String? = nil) -> Bool {
            links.contains { $0.href == href && (text == nil || $0.text == text) }
        }

        let coworking = try links("coworking/coworking.html")
        #expect(has(coworking, "collabcafe.html", "Collaboration Cafe"))
        #expect(has(coworking, "collabcafe.html#collabcafe-structure", "How a session is structured"))
        #expect(has(coworking, "daily.html", "Daily coworking"))
        #expect(has(coworking, "../hosting/hosting.html", "Hosting a call"))
        #expect(has(coworking, "../hosting/etiquette.html", "Etiquette and code of conduct"))

        let cafe = try links("coworking/collabcafe.html")
        #expect(has(cafe, "coworking.html", "Coworking calls"))
        #expect(has(cafe, "coworking.html#coworking-why", "Why they help"))
        #expect(has(cafe, "daily.html", "Daily coworking"))
        #expect(has(cafe, "#fig-cafe-timeline", "Figure 1"))
        #expect(has(cafe, "../hosting/etiquette.html", "code of conduct"))
        #expect(has(cafe, "../hosting/hosting.html#hosting-timing", "timing plan for hosts"))
        #expect(has(cafe, "../hosting/timezones.html", "Joining from any time zone"))

        let daily = try links("coworking/daily.html")
        #expect(has(daily, "collabcafe.html", "Collaboration Cafe"))
        #expect(has(daily, "collabcafe.html", "The Collaboration Cafe"))
        #expect(has(daily, "collabcafe.html#collabcafe-structure"))
        #expect(has(daily, "collabcafe.html#collabcafe-upcoming", "Upcoming sessions"))
        #expect(has(daily, "coworking.html", "Coworking calls"))
        #expect(has(daily, "../hosting/timezones.html#timezones-table", "Joining from any time zone"))
        #expect(has(daily, "../hosting/hosting.html", "hosting"))

        // From the root and from the other folder.
        let index = try links("index.html")
        #expect(has(index, "coworking/collabcafe.html", "Collaboration Cafe"))
        #expect(has(index, "coworking/coworking.html", "Coworking calls"))
        #expect(has(index, "hosting/timezones.html#timezones-table", "conversion table"))
        let hosting = try links("hosting/hosting.html")
        #expect(has(hosting, "../coworking/collabcafe.html", "Collaboration Cafe"))
        #expect(has(hosting, "../coworking/daily.html", "daily coworking calls"))

        // Nothing is left unresolved, and every link is relative.
        for page in ["index.html", "coworking/coworking.html", "coworking/collabcafe.html", "coworking/daily.html",
                     "hosting/hosting.html", "hosting/etiquette.html", "hosting/timezones.html"] {
            let body = try ResolveFixture.body(result, page)
            #expect(!body.contains("reference unresolved"), "\(page)")
            for link in ResolveFixture.links(body) where !link.href.hasPrefix("https:") && !link.href.hasPrefix("mailto:") {
                #expect(!link.href.hasPrefix("/"), "\(page): \(link.href)")
                #expect(!link.href.contains(".md"), "\(page): \(link.href)")
            }
        }
    }
}
