import CallbookCore
import Testing

/// GitHub-Flavored Markdown pipe tables (GFM 0.29, "Tables (extension)", examples 198–205),
/// plus MyST's uses of them. Inputs and expectations are written from the spec's rules.
/// callbook renders alignment as `style="text-align: …"` (valid HTML5) instead of `align=`.
@Suite struct MystLayerTableTests {
    // MARK: GFM examples 198–205

    @Test func gfm198_basicTable() throws {
        let doc = MystLayer.document("| foo | bar |\n| --- | --- |\n| baz | bim |\n")
        #expect(doc.children.count == 1)
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table) == [["th foo", "th bar"], ["td baz", "td bim"]])
        #expect(HTMLRenderer().render(doc) == """
            <table>
            <thead>
            <tr>
            <th>foo</th>
            <th>bar</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>baz</td>
            <td>bim</td>
            </tr>
            </tbody>
            </table>

            """)
    }

    @Test func gfm199_alignmentAndInconsistentPipes() throws {
        let doc = MystLayer.document("| abc | defghi |\n:-: | -----------:\nbar | baz\n")
        #expect(doc.children.count == 1)
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table) == [["th[center] abc", "th[right] defghi"], ["td[center] bar", "td[right] baz"]])
        let html = HTMLRenderer().render(doc)
        #expect(html == """
            <table>
            <thead>
            <tr>
            <th style="text-align: center">abc</th>
            <th style="text-align: right">defghi</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td style="text-align: center">bar</td>
            <td style="text-align: right">baz</td>
            </tr>
            </tbody>
            </table>

            """)
        #expect(!html.contains("align=\""))
    }

    @Test func alignmentLeftAndNone() throws {
        let doc = MystLayer.document("| a | b | c |\n|:--|---|--:|\n| 1 | 2 | 3 |\n")
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table) == [["th[left] a", "th b", "th[right] c"], ["td[left] 1", "td 2", "td[right] 3"]])
        let html = HTMLRenderer().render(doc)
        #expect(html.contains("<th style=\"text-align: left\">a</th>\n<th>b</th>\n<th style=\"text-align: right\">c</th>"))
        #expect(html.contains("<td style=\"text-align: left\">1</td>\n<td>2</td>\n<td style=\"text-align: right\">3</td>"))
    }

    @Test func gfm200_escapedPipesIncludingInsideCodeAndStrong() throws {
        let doc = MystLayer.document("| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |\n")
        #expect(doc.children.count == 1)
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table) == [["th f|oo"], ["td b | az"], ["td b | im"]])
        #expect(MystLayer.tree(doc) == #"""
            {"type":"root","children":[{"type":"table","children":[\#
            {"type":"tableRow","children":[{"type":"tableCell","header":true,"children":[{"type":"text","value":"f|oo"}]}]},\#
            {"type":"tableRow","children":[{"type":"tableCell","children":[{"type":"text","value":"b "},{"type":"inlineCode","value":"|"},{"type":"text","value":" az"}]}]},\#
            {"type":"tableRow","children":[{"type":"tableCell","children":[{"type":"text","value":"b "},{"type":"strong","children":[{"type":"text","value":"|"}]},{"type":"text","value":" im"}]}]}\#
            ]}]}
            """#)
        #expect(HTMLRenderer().render(doc) == """
            <table>
            <thead>
            <tr>
            <th>f|oo</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>b <code>|</code> az</td>
            </tr>
            <tr>
            <td>b <strong>|</strong> im</td>
            </tr>
            </tbody>
            </table>

            """)
    }

    @Test func gfm201_tableEndsAtBlockquote() throws {
        let doc = MystLayer.document("| abc | def |\n| --- | --- |\n| bar | baz |\n> bar\n")
        #expect(doc.children.count == 2)
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table) == [["th abc", "th def"], ["td bar", "td baz"]])
        guard doc.children.count == 2, case .blockquote(let quoted) = doc.children[1].kind,
              case .paragraph(let inlines)? = quoted.first?.kind else {
            Issue.record("expected a blockquote after the table: \(MystLayer.tree(doc))")
            return
        }
        #expect(inlines.plainText == "bar")
        let html = HTMLRenderer().render(doc)
        #expect(html.hasSuffix("</tbody>\n</table>\n<blockquote>\n<p>bar</p>\n</blockquote>\n"))
        #expect(!html.contains("<td>&gt; bar</td>") && !html.contains("<td>> bar</td>"))
    }

    @Test func gfm202_rowWithoutPipesContinuesTableUntilBlankLine() throws {
        let doc = MystLayer.document("| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar\n")
        #expect(doc.children.count == 2)
        let table = try #require(MystLayer.tables(doc).first)
        // The pipeless `bar` line is a row (padded with an empty cell); the blank line ends the table.
        #expect(MystLayer.rows(table) == [["th abc", "th def"], ["td bar", "td baz"], ["td bar", "td "]])
        #expect(table.rows[2].cells[1].children.isEmpty)
        if doc.children.count == 2, case .paragraph(let inlines) = doc.children[1].kind {
            #expect(inlines.plainText == "bar")
        } else {
            Issue.record("expected a paragraph after the table: \(MystLayer.tree(doc))")
        }
        #expect(HTMLRenderer().render(doc) == """
            <table>
            <thead>
            <tr>
            <th>abc</th>
            <th>def</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>bar</td>
            <td>baz</td>
            </tr>
            <tr>
            <td>bar</td>
            <td></td>
            </tr>
            </tbody>
            </table>
            <p>bar</p>

            """)
    }

    @Test func gfm203_headerAndDelimiterCellCountMismatchIsNotATable() {
        let doc = MystLayer.document("| abc | def |\n| --- |\n| bar |\n")
        #expect(MystLayer.tables(doc).isEmpty)
        #expect(MystLayer.tree(doc) == #"{"type":"root","children":[{"type":"paragraph","children":[{"type":"text","value":"| abc | def |\n| --- |\n| bar |"}]}]}"#)
        #expect(HTMLRenderer().render(doc) == "<p>| abc | def |\n| --- |\n| bar |</p>\n")
    }

    @Test func gfm204_shortRowsPaddedLongRowsTruncated() throws {
        let doc = MystLayer.document("| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |\n")
        #expect(doc.children.count == 1)
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table) == [["th abc", "th def"], ["td bar", "td "], ["td bar", "td baz"]])
        #expect(table.rows.allSatisfy { $0.cells.count == 2 })
        let html = HTMLRenderer().render(doc)
        #expect(html == """
            <table>
            <thead>
            <tr>
            <th>abc</th>
            <th>def</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>bar</td>
            <td></td>
            </tr>
            <tr>
            <td>bar</td>
            <td>baz</td>
            </tr>
            </tbody>
            </table>

            """)
        #expect(!html.contains("boo"))
    }

    @Test func gfm205_headerOnlyTableHasNoTbody() throws {
        let doc = MystLayer.document("| abc | def |\n| --- | --- |\n")
        #expect(doc.children.count == 1)
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table) == [["th abc", "th def"]])
        let html = HTMLRenderer().render(doc)
        #expect(html == "<table>\n<thead>\n<tr>\n<th>abc</th>\n<th>def</th>\n</tr>\n</thead>\n</table>\n")
        #expect(!html.contains("<tbody>"))
    }

    // MARK: Inline content of cells

    @Test func inlineMarkdownInCells() throws {
        let doc = MystLayer.document("""
            | Kind | Example |
            | ---- | ------- |
            | emphasis | a *soft* word |
            | strong | a **loud** word |
            | code | `x = 1` |
            | link | [site](https://example.org) |
            """)
        let table = try #require(MystLayer.tables(doc).first)
        #expect(table.rows.count == 5)
        let cells = table.rows.dropFirst().map { MystLayer.tree(Block(.paragraph(MystLayer.cellInlines($0.cells[1])))) }
        #expect(cells == [
            #"{"type":"paragraph","children":[{"type":"text","value":"a "},{"type":"emphasis","children":[{"type":"text","value":"soft"}]},{"type":"text","value":" word"}]}"#,
            #"{"type":"paragraph","children":[{"type":"text","value":"a "},{"type":"strong","children":[{"type":"text","value":"loud"}]},{"type":"text","value":" word"}]}"#,
            #"{"type":"paragraph","children":[{"type":"inlineCode","value":"x = 1"}]}"#,
            #"{"type":"paragraph","children":[{"type":"link","url":"https://example.org","children":[{"type":"text","value":"site"}]}]}"#,
        ])
        let html = HTMLRenderer().render(doc)
        #expect(html.contains("<td>a <em>soft</em> word</td>"))
        #expect(html.contains("<td>a <strong>loud</strong> word</td>"))
        #expect(html.contains("<td><code>x = 1</code></td>"))
        #expect(html.contains("<td><a href=\"https://example.org\">site</a></td>"))
    }

    /// A cell is inline content only, so `*x*` at its start is emphasis, not a list marker.
    @Test func emphasisAtTheStartOfACell() throws {
        let doc = MystLayer.document("| a | b | c |\n|---|---|---|\n| *em* | **strong** | _under_ |\n")
        let table = try #require(MystLayer.tables(doc).first)
        let html = HTMLRenderer().render(doc)
        do {
            #expect(MystLayer.tree(Block(.paragraph(MystLayer.cellInlines(table.rows[1].cells[0]))))
                == #"{"type":"paragraph","children":[{"type":"emphasis","children":[{"type":"text","value":"em"}]}]}"#)
            #expect(html.contains("<td><em>em</em></td>"))
            #expect(html.contains("<td><strong>strong</strong></td>"))
            #expect(html.contains("<td><em>under</em></td>"))
        }
    }

    /// Text that would start a block on its own line stays text in a cell.
    @Test func blockStartersInCellsStayText() throws {
        let doc = MystLayer.document("| a | b | c |\n|---|---|---|\n| # not heading | - not list | 1. not list |\n")
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table)[1] == ["td # not heading", "td - not list", "td 1. not list"])
        let html = HTMLRenderer().render(doc)
        #expect(html.contains("<td># not heading</td>\n<td>- not list</td>\n<td>1. not list</td>"))
    }

    @Test func roleInsideACell() throws {
        let doc = MystLayer.document("| Formula | Power |\n|---|---|\n| H{sub}`2`O | {sup}`3` |\n")
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.tree(Block(.paragraph(MystLayer.cellInlines(table.rows[1].cells[0]))))
            == #"{"type":"paragraph","children":[{"type":"text","value":"H"},{"type":"mystRole","name":"sub","value":"2","children":[{"type":"subscript","children":[{"type":"text","value":"2"}]}]},{"type":"text","value":"O"}]}"#)
        #expect(MystLayer.tree(Block(.paragraph(MystLayer.cellInlines(table.rows[1].cells[1]))))
            == #"{"type":"paragraph","children":[{"type":"mystRole","name":"sup","value":"3","children":[{"type":"superscript","children":[{"type":"text","value":"3"}]}]}]}"#)
        let html = HTMLRenderer().render(doc)
        #expect(html.contains("<td>H<sub>2</sub>O</td>\n<td><sup>3</sup></td>"))
    }

    @Test func tableDirectlyAfterAParagraphLine() throws {
        let doc = MystLayer.document("Intro line\n| a | b |\n|---|---|\n| 1 | 2 |\n")
        #expect(doc.children.count == 2)
        guard case .paragraph(let inlines)? = doc.children.first?.kind else {
            Issue.record("expected a paragraph first: \(MystLayer.tree(doc))")
            return
        }
        #expect(inlines.plainText == "Intro line")
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table) == [["th a", "th b"], ["td 1", "td 2"]])
        let html = HTMLRenderer().render(doc)
        #expect(html.hasPrefix("<p>Intro line</p>\n<table>\n<thead>\n"))
    }

    @Test func tableEndsAtAHeading() throws {
        let doc = MystLayer.document("| a |\n|---|\n| 1 |\n# Title\n")
        #expect(doc.children.count == 2)
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table) == [["th a"], ["td 1"]])
        guard doc.children.count == 2, case .heading(1, let title, _) = doc.children[1].kind else {
            Issue.record("expected a heading after the table: \(MystLayer.tree(doc))")
            return
        }
        #expect(title.plainText == "Title")
    }

    @Test func delimiterRowWithoutPipesIsNotATable() {
        // `---` under a line is a setext heading underline, not a one-column delimiter row.
        let doc = MystLayer.document("a | b\n---\n")
        #expect(MystLayer.tables(doc).isEmpty)
        guard case .heading(2, let title, _)? = doc.children.first?.kind else {
            Issue.record("expected a setext heading: \(MystLayer.tree(doc))")
            return
        }
        #expect(title.plainText == "a | b")
    }

    @Test func tableInsideAColonFenceNote() throws {
        let doc = MystLayer.document("""
            :::{note}
            | x | y |
            |---|--:|
            | 1 | 2 |
            :::
            """)
        guard case .directive(let note)? = doc.children.first?.kind,
              case .admonition(let admonition)? = note.children.first?.kind else {
            Issue.record("expected a note admonition: \(MystLayer.tree(doc))")
            return
        }
        #expect(admonition.kind == "note")
        guard case .table(let table)? = admonition.children.first?.kind else {
            Issue.record("expected a table inside the note: \(MystLayer.tree(doc))")
            return
        }
        #expect(MystLayer.rows(table) == [["th x", "th[right] y"], ["td 1", "td[right] 2"]])
        let html = HTMLRenderer().render(doc)
        #expect(html.contains("<div class=\"admonition note\" role=\"note\">\n<p class=\"admonition-title\">Note</p>\n<table>\n<thead>"))
        #expect(html.contains("<td style=\"text-align: right\">2</td>\n</tr>\n</tbody>\n</table>\n</div>\n"))
    }

    /// GFM tables are leaf blocks: they may sit in a blockquote or a list item.
    @Test func tableInsideABlockquote() {
        let doc = MystLayer.document("> | q | r |\n> |---|---|\n> | 1 | **2** |\n")
        guard case .blockquote(let quoted)? = doc.children.first?.kind, case .table(let table)? = quoted.first?.kind else {
            Issue.record("no table in the blockquote: \(MystLayer.tree(doc))")
            return
        }
        #expect(MystLayer.rows(table) == [["th q", "th r"], ["td 1", "td 2"]])
        #expect(doc.children.first?.range?.start == SourcePosition(line: 1, column: 1))
        #expect(doc.children.first?.range?.end.line == 3)
        let two = MystLayer.allInlines(doc).first { $0.plainText == "2" && { if case .strong = $0.kind { true } else { false } }($0) }
        #expect(two?.range?.start == SourcePosition(line: 3, column: 9))
    }

    @Test func tableInsideAListItem() {
        // As mystmd 1.11 reads it (checked): the item holds the table.
        let doc = MystLayer.document("- | a | b |\n  |---|---|\n  | 1 | 2 |\n")
        #expect(MystLayer.tables(doc).count == 1)
        #expect(HTMLRenderer().render(doc).contains("<li>\n<table>"))
        let fenced = MystLayer.document("- :::{note}\n  Inside\n  :::\n\n1. :::{tip}\n   Numbered\n   :::\n")
        let html = HTMLRenderer().render(fenced)
        #expect(html.contains("<li>\n<div class=\"admonition note\" role=\"note\">"), "\(html)")
        #expect(html.contains("<li>\n<div class=\"admonition tip\" role=\"note\">"), "\(html)")
    }

    @Test func tableInsideAListItemAfterText() throws {
        let doc = MystLayer.document("- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n")
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.rows(table) == [["th a", "th b"], ["td 1", "td 2"]])
        #expect(MystLayer.cellInlines(table.rows[1].cells[1]).first?.range?.start.line == 5)
        #expect(HTMLRenderer().render(doc).contains("<li>\n<p>item</p>\n<table>\n"))
    }

    // MARK: Positions

    @Test func cellInlinesCarryTheirLineAndColumn() throws {
        let doc = MystLayer.document("""
            Intro.

            | Name | Value |
            |------|-------|
            | one  | *1*   |
            | two  | 2     |
            """)
        let table = try #require(MystLayer.tables(doc).first)
        func start(_ row: Int, _ cell: Int) -> String {
            let first = MystLayer.cellInlines(table.rows[row].cells[cell]).first
            return first?.range.map { "\($0.file):\($0.start.line):\($0.start.column)" } ?? "none"
        }
        #expect(start(0, 0) == "page.md:3:3")
        #expect(start(0, 1) == "page.md:3:10")
        #expect(start(1, 0) == "page.md:5:3")
        #expect(start(1, 1) == "page.md:5:10")
        #expect(start(2, 0) == "page.md:6:3")
        #expect(start(2, 1) == "page.md:6:10")
        // The table node starts at its header line.
        let tableBlock = try #require(doc.children.first { if case .table = $0.kind { return true } else { return false } })
        #expect(tableBlock.range?.start.line == 3)
        // The same through MdastJSON with positions.
        let json = MystLayer.tree(doc, positions: true)
        #expect(json.contains(#"{"type":"text","value":"two","position":{"start":{"line":6,"column":3},"end":{"line":6,"column":6}}}"#))
    }

    /// Columns count UTF-8 bytes, as cmark's do for the rest of the page: after `é` (two bytes)
    /// the second cell's text starts at byte 8 of its line, and at byte 11 after the escaped
    /// pipe `\|` (two bytes) and `中` (three). Worked out by hand.
    @Test func cellColumnsCountBytes() throws {
        let doc = MystLayer.document("""
            | é | x |
            |---|---|
            | \\|中 | y |
            """)
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.cellInlines(table.rows[0].cells[1]).first?.range?.start.column == 8)
        #expect(MystLayer.cellInlines(table.rows[1].cells[1]).first?.range?.start.column == 11)
        #expect(MystLayer.tree(doc).contains(#""value":"|中""#))
    }

    @Test func cellPositionsInsideADirectiveUseFileLines() throws {
        let doc = MystLayer.document("""
            # Title

            :::{note}
            Some text.

            | x | y |
            |---|---|
            | 1 | 2 |
            :::
            """)
        let table = try #require(MystLayer.tables(doc).first)
        #expect(MystLayer.cellInlines(table.rows[0].cells[1]).first?.range?.start.line == 6)
        #expect(MystLayer.cellInlines(table.rows[1].cells[0]).first?.range?.start.line == 8)
        #expect(MystLayer.cellInlines(table.rows[1].cells[1]).first?.range?.start.column == 7)
    }

    @Test func tableRangeEndsAtItsLastRow() throws {
        let doc = MystLayer.document("| a |\n|---|\n| 1 |\n| 2 |\n")
        let block = try #require(doc.children.first)
        #expect(block.range?.start.line == 1)
        do {
            #expect(block.range?.end.line == 4)
        }
    }
}

/// An HTML comment that starts a line ends a pipe table (it starts an HTML block, as in GitHub's
/// tables): it hides what it holds and nothing else. The Turing Way's data-hazards page hid its
/// summary and everything after it behind `<td><!--` before.
@Suite struct PipeTableCommentTests {
    @Test func aCommentedOutRowHidesOnlyItself() {
        let (doc, diagnostics) = MystLayer.parse("""
            | Prerequisite | Importance |
            | ------------ | ---------- |
            | {ref}`x` | Helpful |
            <!--| {ref}`y` | Helpful |  |-->

            ## Summary

            Text after.
            """)
        let html = HTMLRenderer().render(doc)
        #expect(!html.contains("<td><!--"), "\(html)")
        #expect(html.contains("</table>\n<!--| {ref}`y` | Helpful |  |-->\n"), "\(html)")
        #expect(html.contains("<h2>Summary</h2>"))
        #expect(html.components(separatedBy: "<tr>").count - 1 == 2)
        #expect(diagnostics.isEmpty)
    }
}
