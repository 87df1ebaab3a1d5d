@testable import CallbookCore
import Testing

/// Breadcrumbs and "On this page" reach the default theme as HTML list items made in Swift
/// (`{{{breadcrumbItems}}}`, `{{{outlineItems}}}`); the lists stay in the page's data for themes
/// that loop over them. The items are exactly what swift-mustache makes of the sections the
/// default theme had before, `{{#breadcrumbs}}…{{/breadcrumbs}}` and `{{#outline}}…{{/outline}}`,
/// rendered here by swift-mustache itself from the same data, escaping included.
@Suite struct PageListItemsTests {
    static let breadcrumbSection = """
        {{% CONTENT_TYPE: CALLBOOK_HTML }}{{#breadcrumbs}}    <li>{{#url}}<a href="{{url}}">{{title}}</a>{{/url}}{{^url}}<span>{{title}}</span>{{/url}}</li>
        {{/breadcrumbs}}
        """
    static let outlineSection = """
        {{% CONTENT_TYPE: CALLBOOK_HTML }}{{#outline}}      <li{{#nested}} class="nested"{{/nested}}><a href="#{{id}}">{{title}}</a></li>
        {{/outline}}
        """

    struct Lists: Encodable {
        var breadcrumbs: [Breadcrumb]
        var outline: [OutlineLink]
    }

    static let awkward = ["Plain", "Tom & Jerry's <b>\"quoted\"</b>", "Émile — ünïcode", "", "a'b", "&amp;"]

    @Test func itemsAreWhatTheSectionsRendered() throws {
        var crumbs: [Breadcrumb] = []
        var links: [OutlineLink] = []
        for (index, text) in Self.awkward.enumerated() {
            crumbs.append(Breadcrumb(title: text, url: index % 3 == 1 ? nil : "../\(text).html?a=1&b=2"))
            links.append(OutlineLink(title: text, id: "id-\(text)", nested: index % 2 == 0))
        }
        let lists = Lists(breadcrumbs: crumbs, outline: links)
        #expect(Breadcrumb.listItems(crumbs) == (try TemplateEncoderTests.render(Self.breadcrumbSection, lists)))
        #expect(OutlineLink.listItems(links) == (try TemplateEncoderTests.render(Self.outlineSection, lists)))
        #expect(Breadcrumb.listItems([]) == "" && OutlineLink.listItems([]) == "")
    }

    @Test func itemsByHand() {
        #expect(Breadcrumb.listItems([Breadcrumb(title: "Part <1>", url: nil), Breadcrumb(title: "A & B", url: "a.html")])
            == "    <li><span>Part &lt;1&gt;</span></li>\n    <li><a href=\"a.html\">A &amp; B</a></li>\n")
        #expect(OutlineLink.listItems([OutlineLink(title: "It's", id: "its", nested: false),
                                       OutlineLink(title: "Deeper", id: "deeper", nested: true)])
            == "      <li><a href=\"#its\">It&#39;s</a></li>\n      <li class=\"nested\"><a href=\"#deeper\">Deeper</a></li>\n")
    }
}
