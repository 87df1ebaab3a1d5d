@testable import CallbookCore
import Testing

/// Where a pipe table's body ends. Every expectation was read from mystmd 1.11's mdast
/// (`myst build --site`, `_build/site/content/*.json`) for the same text: mystmd uses
/// markdown-it's GFM table rule, which ends the body at the block starts that may interrupt a
/// blockquote and at a line outside the table's list item.
@Suite struct MystLayerTableEndTests {
    static let table = "| a | b |\n|---|---|\n| 1 | 2 |\n"

    /// Lines that end the table (mystmd gives the table one body row, then another block).
    @Test(arguments: [
        "- next", "1. x", "7. seven", "2) paren", "-", "-\ttab item", "  - indented item", "+ plus",
        "***", "___", "   > quote", "# Title", "<div>", "<DIV class=\"x\">", "</section>", "<!-- hidden -->",
        "```", "~~~", ":::{note}\nx\n:::", "% comment", "+ + +", "+++ meta", "(lbl)=",
        "\\begin{equation}\nx\n\\end{equation}", "    indented | four",
    ])
    func lineEndsTheTable(_ after: String) throws {
        let doc = MystLayer.document(Self.table + after + "\n")
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table) == [["th a", "th b"], ["td 1", "td 2"]], "\(after)")
    }

    /// Lines that are one more row (mystmd gives the table a second body row).
    @Test(arguments: [
        ("#nohead | x", "td #nohead"), ("####### seven", "td ####### seven"), ("[^f]: foot", nil),
        ("-x | y", "td -x"), ("1234567890. ten digits", "td 1234567890. ten digits"), ("(a b)=", "td (a b)="),
        ("$$ x $$ | y", nil), ("\\begin{align} x | y", "td \\begin{align} x"), ("``` a`b", nil),
        ("<span>x</span> | y", nil), ("<divx> | y", nil),
    ] as [(String, String?)])
    func lineIsAnotherRow(_ after: String, _ firstCell: String?) throws {
        let doc = MystLayer.document(Self.table + after + "\n")
        let table = try #require(MystLayer.tables(doc).first)
        #expect(table.rows.count == 3, "\(after): \(MystLayer.rows(table))")
        if let firstCell, table.rows.count == 3 { #expect(MystLayer.rows(table)[2].first == firstCell) }
    }

    @Test func aListAfterTheTableIsAList() throws {
        let bullet = MystLayer.document(Self.table + "- next\n")
        #expect(bullet.children.count == 2)
        guard case .list(let list)? = bullet.children.last?.kind else {
            Issue.record("no list after the table: \(MystLayer.tree(bullet))")
            return
        }
        #expect(!list.ordered && list.items.count == 1)
        #expect(MystLayer.html(Self.table + "- next\n").hasSuffix("</table>\n<ul>\n<li>next</li>\n</ul>\n"))
        #expect(MystLayer.html(Self.table + "1. x\n").hasSuffix("</table>\n<ol>\n<li>x</li>\n</ol>\n"))
        #expect(MystLayer.html(Self.table + "7. seven\n").hasSuffix("</table>\n<ol start=\"7\">\n<li>seven</li>\n</ol>\n"))
    }

    @Test func anEmptyItemEndsTheTableAndTheTextAfterItIsAParagraph() {
        let html = MystLayer.html(Self.table + "-\ntext after empty item\n")
        #expect(html.hasSuffix("</table>\n<ul>\n<li></li>\n</ul>\n<p>text after empty item</p>\n"), "\(html)")
    }

    /// mystmd: one tight list (`spread: false`) of two items, the first holding the table, the second "next".
    @Test func theNextItemOfTheListATableOpensIsAnItem() throws {
        let doc = MystLayer.document("- | a | b |\n  |---|---|\n  | 1 | 2 |\n- next\n")
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table) == [["th a", "th b"], ["td 1", "td 2"]])
        guard doc.children.count == 1, case .list(let list) = doc.children[0].kind else {
            Issue.record("expected one list: \(MystLayer.tree(doc))")
            return
        }
        #expect(list.items.count == 2)
        #expect(MystLayer.html("- | a | b |\n  |---|---|\n  | 1 | 2 |\n- next\n").hasSuffix("</table>\n</li>\n<li>next</li>\n</ul>\n"))
    }

    /// mystmd: a row less indented than the item's content is no row: a paragraph after the list.
    @Test func anUnindentedRowAfterAnItemsTableIsAParagraph() throws {
        let doc = MystLayer.document("- | a | b |\n  |---|---|\n  | 1 | 2 |\n| 3 | 4 |\n")
        let table = try #require(MystLayer.tables(doc).first)
        #expect(table.rows.count == 2)
        guard doc.children.count == 2, case .paragraph(let inlines) = doc.children[1].kind else {
            Issue.record("expected a list and a paragraph: \(MystLayer.tree(doc))")
            return
        }
        #expect(inlines.plainText == "| 3 | 4 |")
    }

    @Test func aTableInAnItemEndsAtANestedItemsMarkerOfItsOwnIndent() throws {
        let doc = MystLayer.document("1. | a | b |\n   |---|---|\n   | 1 | 2 |\n2. two\n")
        let table = try #require(MystLayer.tables(doc).first)
        #expect(table.rows.count == 2)
        guard case .list(let list)? = doc.children.first?.kind else {
            Issue.record("expected a list: \(MystLayer.tree(doc))")
            return
        }
        #expect(list.ordered && list.items.count == 2)
    }
}
