import CallbookCore
import Foundation
import Testing

/// A `(label)=` target followed by a directive that yields no nodes (an `{include}` of a missing
/// file), or by nothing at all: the build goes on and the label still names a place on the page.
@Suite("Targets before nothing")
struct TargetBeforeEmptyDirectiveTests {
    static func build(_ text: String) async throws -> (page: String?, diagnostics: [Diagnostic]) {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("index.md", "# Page\n\n" + text)
        let result = await book.build()
        return (BuildInspection.page(result, "index.html"), result.diagnostics)
    }

    @Test(arguments: [
        // The three lines of the report.
        "(x)=\n\n```{include} missing.md\n```\n",
        // Content after the empty directive.
        "(x)=\n```{include} missing.md\n```\n\nAfter it.\n",
        // Inside an admonition, where the directive is the last thing.
        "````{note}\n(x)=\n\n```{include} missing.md\n```\n````\n",
        // Two labels, then a directive inside a directive, both empty.
        "(x)=\n(other)=\n\n````{div}\n```{include} missing.md\n```\n````\n",
        // At the end of the document.
        "Text.\n\n(x)=\n",
    ])
    func labelBeforeNothingIsAnAnchor(_ text: String) async throws {
        let (page, diagnostics) = try await Self.build(text + "\nSee [the place](#x).\n")
        let html = try #require(page)
        #expect(html.contains("<span id=\"x\" class=\"target\"></span>"))
        #expect(html.contains("href=\"#x\""))
        #expect(!diagnostics.contains { $0.id.hasPrefix("reference") }, "\(diagnostics)")
    }

    @Test func bothLabelsBeforeAnEmptyDirectiveAreAnchors() async throws {
        let (page, _) = try await Self.build("(x)=\n(other)=\n\n```{include} missing.md\n```\n")
        let html = try #require(page)
        #expect(html.contains("<span id=\"x\" class=\"target\"></span>"))
        #expect(html.contains("<span id=\"other\" class=\"target\"></span>"))
    }
}
