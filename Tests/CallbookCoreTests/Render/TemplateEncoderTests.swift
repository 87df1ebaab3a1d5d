@testable import CallbookCore
import Foundation
import Testing

/// Page contexts are `Encodable` structs that `TemplateEncoder` hands to Mustache: the names a
/// template reads are the properties; a nil optional is missing (looked up in the enclosing
/// sections, as the Mustache spec says of a missing name), `@FalseWhenNil` is "no value" here;
/// a page's names win over its layout's.
struct TemplateEncoderTests {
    struct Item: Encodable {
        var title: String
        var url: String?
        @FalseWhenNil var note: String?
    }

    struct Listing: Encodable {
        var url: String
        var count: Int
        var open: Bool
        var items: [Item]
        var first: Item?
    }

    static func render(_ template: String, _ context: some Encodable) throws -> String {
        try Theme(ThemeTests.files(["t": template])).render(context, template: "t")
    }

    @Test func scalarsNestedStructsAndArraysReachTheTemplate() throws {
        let listing = Listing(url: "top.html", count: 2, open: true,
                              items: [Item(title: "A & B", url: "a.html", note: "n"), Item(title: "C", url: nil, note: nil)],
                              first: nil)
        let template = "{{count}}{{#open}} open{{/open}}:{{#items}} [{{title}} {{url}} {{#note}}{{note}}{{/note}}{{^note}}-{{/note}}]{{/items}}{{^first}} none{{/first}}"
        // The second item has no url of its own: the name is found on the listing around it.
        #expect(try Self.render(template, listing) == "2 open: [A &amp; B a.html n] [C top.html -] none")
    }

    /// Kept names only: the others are left out at every depth, the kept ones whole.
    @Test func onlyTheNamesKeptAreEncoded() throws {
        let listing = Listing(url: "top.html", count: 2, open: true,
                              items: [Item(title: "A", url: "a.html", note: "n")], first: nil)
        let data = try #require(try TemplateEncoder.encode(listing, keeping: ["items": 0, "title": 1, "count": 2]) as? TemplateObject)
        #expect(data.values.keys.sorted() == ["count", "items"])
        let items = try #require(data.values["items"] as? [Any])
        let item = try #require(items.first as? TemplateObject)
        #expect(item.values.keys.sorted() == ["title"])
        #expect((item.values["title"] as? TemplateText)?.text == "A")
    }

    @Test func falseWhenNilStopsTheLookUpInEnclosingSections() throws {
        struct Outer: Encodable {
            var note: String
            var items: [Item]
        }
        let outer = Outer(note: "outer", items: [Item(title: "x", url: nil, note: nil)])
        #expect(try Self.render("{{#items}}{{#note}}{{note}}{{/note}}{{^note}}none{{/note}}{{/items}}", outer) == "none")
    }

    @Test func aPagesNamesWinOverItsLayouts() throws {
        struct Layout: Encodable {
            var title: String
            var bookTitle: String
        }
        struct Page: Encodable {
            var title: String
            var body: String
        }
        let both = PageInLayout(layout: Layout(title: "Layout's", bookTitle: "Book"), page: Page(title: "Own", body: "<p>x</p>"))
        #expect(try Self.render("{{title}}|{{bookTitle}}|{{{body}}}", both) == "Own|Book|<p>x</p>")
    }

    /// A string's section, the names looked up inside it, `{{.}}`, escaping and Mustache's
    /// string transforms work on a context's strings (`TemplateText`) as they do on plain
    /// strings: the expected text is the same template rendered with a dictionary of `String`s.
    @Test func stringsRenderTransformAndOpenSectionsAsPlainStrings() throws {
        struct Page: Encodable {
            var title: String
            var url: String
            var empty: String
            var items: [String]
        }
        let page = Page(title: "Tea & Cake", url: "a.html", empty: "", items: ["x<y", "Z"])
        let template = "{{#url}}<a href=\"{{url}}\">{{title}}</a> {{.}}{{/url}}|{{lowercased(title)}}|{{uppercased(url)}}|"
            + "{{#empty(empty)}}none{{/empty(empty)}}{{^empty(title)}} has title{{/empty(title)}}|{{#empty}}[{{.}}]{{/empty}}|"
            + "{{#items}}{{.}};{{/items}}|{{{title}}}|{{title.count}}|{{#title}}{{url}}{{/title}}"
        let expected = "<a href=\"a.html\">Tea &amp; Cake</a> a.html|tea &amp; cake|A.HTML|none has title|[]|x&lt;y;Z;|Tea & Cake||a.html"
        #expect(try Self.render(template, page) == expected)
        let plain: [String: Any] = ["title": "Tea & Cake", "url": "a.html", "empty": "", "items": ["x<y", "Z"]]
        let library = try Theme(ThemeTests.files(["t": template])).library
        #expect(library.render(plain, withTemplate: "t") == expected)
    }
}
