@testable import CallbookCore
import Foundation
import Mustache
import Testing

/// A template rendered once per shape of its data and filled in (`TemplateFrames`) gives what
/// swift-mustache gives rendering the same data itself, the oracle in every test here.
struct TemplateFramesTests {
    /// Strings that could tell a frame from Mustache: every character either escaping changes,
    /// `<` with a combining accent (one character to Mustache's own escaping, a `<` byte to ours),
    /// line ends, the markers' own characters and a whole marker.
    static let pieces = ["", "a", "Tom & Jerry's", "<b>", "\"q\"", "<\u{301}", "é", "\n", "\r\n", "x\n",
                         "\u{E000}", "\u{E001}", "\u{E000}<\u{E002}<\u{301}0\u{E001}", "\u{1}<Callbook-Page-Body>\u{1}", "日本"]

    static func text(_ random: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    struct Link: Encodable {
        var url: String
        var title: String
    }

    struct Updated: Encodable {
        var iso: String
        var text: String
    }

    /// The names the default theme's page and layout read, each optional one there or not, and
    /// a list (`outline`) that theme does not read.
    struct PageData: Encodable {
        var lang, version, bookTitle, title, root, homeURL, sidebar, body, breadcrumbItems, outlineItems: String
        var titleSuffix, rootFinder, description, image, canonical, calendarURL, author, license, logo, favicon: String?
        var sourceURL, editURL, repositoryURL, refPreviews: String?
        var logoWidth, logoHeight: Int?
        var isHome, isCalendar, hasMath, callNotice, hasCalls, hasOutline: Bool
        var previous, next: Link?
        var lastUpdated: Updated?
        var outline: [Link]

        init(_ random: inout SeededGenerator) {
            func some(_ random: inout SeededGenerator) -> String? {
                Bool.random(using: &random) ? TemplateFramesTests.text(&random) : nil
            }
            (lang, version, bookTitle, title) = (Self.text(&random), Self.text(&random), Self.text(&random), Self.text(&random))
            (root, homeURL, sidebar, body) = (Self.text(&random), Self.text(&random), Self.text(&random), Self.text(&random))
            (breadcrumbItems, outlineItems) = (Self.text(&random), Self.text(&random))
            (titleSuffix, rootFinder, description, image) = (some(&random), some(&random), some(&random), some(&random))
            (canonical, calendarURL, author, license) = (some(&random), some(&random), some(&random), some(&random))
            (logo, favicon, sourceURL, editURL) = (some(&random), some(&random), some(&random), some(&random))
            (repositoryURL, refPreviews) = (some(&random), some(&random))
            logoWidth = Bool.random(using: &random) ? Int.random(in: -5...500, using: &random) : nil
            logoHeight = logoWidth.map { $0 + 1 }
            (isHome, isCalendar, hasMath) = (Bool.random(using: &random), Bool.random(using: &random), Bool.random(using: &random))
            (callNotice, hasCalls, hasOutline) = (Bool.random(using: &random), Bool.random(using: &random), Bool.random(using: &random))
            previous = Bool.random(using: &random) ? Link(url: Self.text(&random), title: Self.text(&random)) : nil
            next = Bool.random(using: &random) ? Link(url: Self.text(&random), title: Self.text(&random)) : nil
            lastUpdated = Bool.random(using: &random) ? Updated(iso: Self.text(&random), text: Self.text(&random)) : nil
            outline = (0..<Int.random(in: 0...4, using: &random)).map { _ in Link(url: Self.text(&random), title: Self.text(&random)) }
        }

        static func text(_ random: inout SeededGenerator) -> String { TemplateFramesTests.text(&random) }
    }

    /// What swift-mustache renders from the data itself.
    static func direct(_ theme: Theme, _ data: some Encodable, _ template: String) throws -> String? {
        theme.library.render(try TemplateEncoder.encode(data), withTemplate: template)
    }

    @Test func theDefaultThemesPagesAreMustachesOutput() throws {
        let theme = try Theme(try ThemeLoader.load(directory: SharedData.packageRoot.appendingPathComponent("templates")))
        #expect(theme.frames.names != nil, "the default theme is rendered through frames")
        var random = SeededGenerator(state: 14)
        for _ in 0..<600 {
            let data = PageData(&random)
            #expect(try theme.render(data, template: "page") == Self.direct(theme, data, "page"))
            #expect(try theme.render(data, template: "redirect") == Self.direct(theme, data, "redirect"))
        }
        #expect(theme.frames.keptFrames > 0)
    }

    @Test func pagesDifferingInTheirStringsShareOneFrame() throws {
        let theme = try Theme(ThemeTests.files(["page": "{{% CONTENT_TYPE: CALLBOOK_HTML }}<h1>{{title}}</h1>{{{body}}}{{#items}}<li>{{.}}</li>{{/items}}"]))
        struct Data: Encodable {
            var title, body: String
            var items: [String]
            var unread: [String]
        }
        let first = Data(title: "A & B", body: "<p>x</p>", items: ["1", "2"], unread: [])
        let second = Data(title: "<\u{301}", body: "", items: ["'", "\u{E000}"], unread: ["u", "v", "w"])
        #expect(try theme.render(first, template: "page") == "<h1>A &amp; B</h1><p>x</p><li>1</li><li>2</li>")
        #expect(try theme.render(second, template: "page") == "<h1>&lt;\u{301}</h1><li>&#39;</li><li>\u{E000}</li>")
        #expect(theme.frames.keptFrames == 1)
        // Another number of items is another shape.
        let third = Data(title: "t", body: "b", items: ["only"], unread: [])
        #expect(try theme.render(third, template: "page") == "<h1>t</h1>b<li>only</li>")
        #expect(theme.frames.keptFrames == 2)
    }

    /// Templates that read into a string, or whose tags cannot all be read, are rendered by
    /// Mustache directly; the output is Mustache's either way.
    @Test(arguments: [
        "<h1>{{lowercased(title)}}</h1>",
        "{{#items}}{{#first()}}first {{/first()}}{{.}}{{/items}}",
        "{{=<% %>=}}<h1><% title %></h1>",
        "<ul>\n  {{>item}}\n</ul>",
        "{{>*partialName}}",
        "<p>\u{E000}{{title}}</p>",
    ])
    func themesAFrameCannotStandForRenderDirectly(_ page: String) throws {
        let theme = try Theme(ThemeTests.files(["page": page, "item": "<li>{{title}}</li>\n<li>{{title}}</li>\n"]))
        #expect(theme.frames.names == nil)
        struct Data: Encodable {
            var title: String
            var items: [String]
            var partialName: String
        }
        for title in ["A\n", "Tom & Jerry", "", "\r\n"] {
            let data = Data(title: title, items: ["a", title], partialName: "item")
            #expect(try theme.render(data, template: "page") == Self.direct(theme, data, "page"))
        }
    }

    /// Without the pragma, swift-mustache escapes by characters: `<` with a combining accent is
    /// left as it is. A frame cannot tell which strings hold such a character, so those pages
    /// are Mustache's own; with the pragma, ours escapes the `<`.
    @Test func mustachesOwnEscapingIsLeftToMustache() throws {
        let theme = try Theme(ThemeTests.files([
            "plain": "<h1>{{title}}</h1>{{{title}}}",
            "pragma": "{{% CONTENT_TYPE: CALLBOOK_HTML }}<h1>{{title}}</h1>",
        ]))
        let data = ["title": "<\u{301}b>"]
        #expect(try theme.render(data, template: "plain") == "<h1><\u{301}b&gt;</h1><\u{301}b>")
        #expect(try theme.render(data, template: "pragma") == "<h1>&lt;\u{301}b&gt;</h1>")
    }

    /// Sections over Booleans, numbers, nested objects and lists in lists, and names found in
    /// the sections around them, against Mustache for random data.
    @Test func nestedDataIsMustachesOutput() throws {
        let template = """
        {{% CONTENT_TYPE: CALLBOOK_HTML }}{{#groups}}<section id="{{id}}">{{#open}}<b>{{title}}</b>{{/open}}{{^open}}{{title}}{{/open}}
        {{#rows}}<tr>{{#.}}<td>{{.}} of {{title}} ({{count}})</td>{{/.}}</tr>{{/rows}}{{^rows}}none{{/rows}}{{{raw}}}</section>{{/groups}}{{count}}{{missing}}
        """
        let theme = try Theme(ThemeTests.files(["page": template]))
        #expect(theme.frames.names != nil)
        struct Group: Encodable {
            var id: String
            var title: String?
            var open: Bool
            var count: Int?
            var rows: [[String]]
            var raw: String
        }
        struct Data: Encodable {
            var title: String
            var count: Int
            var groups: [Group]
        }
        var random = SeededGenerator(state: 7)
        for _ in 0..<400 {
            let groups = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                Group(id: Self.text(&random), title: Bool.random(using: &random) ? Self.text(&random) : nil,
                      open: Bool.random(using: &random), count: Bool.random(using: &random) ? Int.random(in: 0...3, using: &random) : nil,
                      rows: (0..<Int.random(in: 0...2, using: &random)).map { _ in (0..<Int.random(in: 0...2, using: &random)).map { _ in Self.text(&random) } },
                      raw: Self.text(&random))
            }
            let data = Data(title: Self.text(&random), count: Int.random(in: 0...2, using: &random), groups: groups)
            #expect(try theme.render(data, template: "page") == Self.direct(theme, data, "page"))
        }
    }

    /// Past the frames kept, pages are still Mustache's output.
    @Test func pagesPastTheFramesKeptAreStillRight() throws {
        let theme = try Theme(ThemeTests.files(["page": "{{% CONTENT_TYPE: CALLBOOK_HTML }}{{#items}}<i>{{.}}</i>{{/items}}"]))
        for count in 0..<(TemplateFrames.capacity + 20) {
            let data = ["items": (0..<count).map { "<\($0)>" }]
            #expect(try theme.render(data, template: "page") == Self.direct(theme, data, "page"))
        }
        #expect(theme.frames.keptFrames == TemplateFrames.capacity)
    }
}
