@testable import CallbookCore
import Foundation
import Testing

/// How labels are matched and which `id`s they become, as mystmd does it
/// (`myst-common/src/utils.ts`):
///
/// - `Labels.normalize` (mystmd's `normalizeLabel`) gives the identifier a label is looked up
///   by: runs of space, tab, CR and LF become one space; the quotes `' ‘ ’ " “ ”` are removed;
///   the result is trimmed and lowercased. Nothing else changes: `_` stays `_`, punctuation
///   stays, non-ASCII letters stay.
/// - `Labels.htmlID` (mystmd's `createHtmlId`) gives the HTML `id`: lowercase; every Unicode
///   scalar other than `a-z`, `0-9` and `-` becomes `-` (so `_`, `.`, space and every non-ASCII
///   letter such as `é` become `-`); an id starting with a digit or `-` gets `id-` in front;
///   runs of `-` collapse to one; leading and trailing `-` are dropped.
/// - A heading without a label gets `Labels.headingID(text)` = `htmlID(normalize(text))`.
@Suite struct LabelRulesTests {
    @Test(arguments: [
        ("  My   -   Figure  ", "my - figure"),
        ("Tab\there\nand\rthere  \n\t again", "tab here and there again"),
        ("“Smart” ‘single’ 'plain' \"double\"", "smart single plain double"),
        ("MiXeD_Case-Label", "mixed_case-label"),
        ("Keeps: punctuation, (and) é", "keeps: punctuation, (and) é"),
        ("   ", ""),
        ("", ""),
    ])
    func normalizeCollapsesSpaceRemovesQuotesTrimsAndLowercases(_ input: String, _ expected: String) {
        #expect(Labels.normalize(input) == expected)
    }

    /// A Windows line break inside a label is white space like any other. In Swift `"\r\n"` is
    /// one `Character`, so comparing characters with `"\r"` and `"\n"` misses it. (The parser
    /// already turns line breaks inside roles into spaces, so this is latent for `{ref}` labels;
    /// it matters for any other caller of `Labels.normalize`.)
    @Test func normalizeTreatsCRLFAsWhiteSpace() {
        do {
            #expect(Labels.normalize("My\r\nLabel") == "my label")
        }
        #expect(Labels.normalize("My\n\rLabel") == "my label")
    }

    @Test(arguments: [
        ("Hello, World!", "hello-world"),
        ("1. Intro", "id-1-intro"),
        ("my_ID", "my-id"),
        ("-leading", "id-leading"),
        ("trailing--", "trailing"),
        ("a---b", "a-b"),
        ("x.y.z", "x-y-z"),
        ("Café au lait", "caf-au-lait"),
        ("naïve Größe", "na-ve-gr-e"),
        ("ch-coworking-collabcafe", "ch-coworking-collabcafe"),
        ("2024", "id-2024"),
    ])
    func htmlIDKeepsOnlyASCIILettersDigitsAndHyphens(_ input: String, _ expected: String) {
        #expect(Labels.htmlID(input) == expected)
    }

    @Test func headingIDsAreTheHTMLIDsOfTheNormalisedText() {
        // The apostrophe is removed by `normalize` before the id is made, so no hyphen is left.
        #expect(Labels.headingID("What's new?") == "whats-new")
        #expect(Labels.headingID("  The   Calls We Run ") == "the-calls-we-run")
        #expect(Labels.headingID("3 Steps") == "id-3-steps")
    }

    @Test func sluggerNumbersRepeatsOnOnePage() {
        var slugger = Slugger()
        #expect(slugger.uniqueSlug("Repeated") == "repeated")
        #expect(slugger.uniqueSlug("Repeated") == "repeated-1")
        #expect(slugger.uniqueSlug("Repeated") == "repeated-2")
        // A slug that collides with a generated one moves on to the next free number.
        #expect(slugger.claim("other") == "other")
        #expect(slugger.claim("other-1") == "other-1")
        #expect(slugger.claim("other") == "other-2")
    }

    /// mystmd collapses white space first and removes quotes afterwards, so a quote standing
    /// alone between spaces leaves two spaces: `normalizeLabel("a ' b").identifier == "a  b"`.
    /// callbook's single pass drops the quote while a space is pending and yields `"a b"`.
    /// Lookups agree either way (both sides use the same function, and the html id is `a-b`
    /// in both); only the `identifier` written to the AST differs from mystmd's.
    @Test func normalizeOrderMatchesMystmdForAQuoteBetweenSpaces() {
        do {
            #expect(Labels.normalize("a ' b") == "a  b")
        }
        #expect(Labels.htmlID(Labels.normalize("a ' b")) == "a-b")
    }

    /// `{ref}` labels are matched after normalisation, so case, surrounding space and quotes do
    /// not matter, across chapters in different folders.
    @Test func referencesMatchLabelsCaseInsensitively() async throws {
        let book = try ResolveFixture.book(toc: ["index.md", "a/one.md", "b/two.md"], files: [
            "index.md": "# Home\n",
            "a/one.md": """
                # One

                (my_label)=
                ## Mine

                (smart quotes)=
                ## Quoted

                """,
            "b/two.md": """
                # Two

                - {ref}`My_Label`
                - {ref}`MY_LABEL`
                - {ref}`text < my_label >`
                - {ref}`Smart “Quotes”`
                - [](#MY_label)

                """,
        ])
        defer { book.remove() }
        let result = await book.build()
        #expect(ResolveFixture.referenceDiagnostics(result.diagnostics).isEmpty, "\(BuildInspection.describe(result.diagnostics))")

        let two = try ResolveFixture.body(result, "b/two.html")
        let links = ResolveFixture.links(two)
        #expect(links.map(\.href) == Array(repeating: "../a/one.html#my-label", count: 3) + ["../a/one.html#smart-quotes", "../a/one.html#my-label"])
        #expect(links.map(\.text) == ["Mine", "Mine", "text", "Quoted", "Mine"])

        // The heading carries the label's html id, not its own slug.
        let one = try ResolveFixture.body(result, "a/one.html")
        #expect(one.contains(#"<h2 id="my-label">Mine"#))
        #expect(one.contains(#"<h2 id="smart-quotes">Quoted"#))
    }
}

/// `Labels.normalize` against the rule as mystmd writes it (`normalizeLabel`): runs of white space
/// become one space, then quotes go, then the text is trimmed and lowercased — step by step, on
/// 3,000 random labels of ASCII and non-ASCII letters, white space and straight and curly quotes.
@Suite struct LabelNormalizeRuleTests {
    @Test func normalizeIsCollapseThenUnquoteThenTrimThenLowercase() {
        var random = SeededGenerator(state: 7)
        let pieces = ["a", "B", "Fig", "-", "_", ":", ".", "1", " ", "  ", "\t", "\n", "\r", "'", "\"", "‘", "’", "“", "”", "É", "ß", "İ", "x"]
        for _ in 0..<3_000 {
            let label = (0..<Int.random(in: 0...10, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var collapsed = String.UnicodeScalarView()
            var inSpace = false
            for scalar in label.unicodeScalars {
                let isSpace = scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
                if isSpace, !inSpace { collapsed.append(" ") }
                if !isSpace { collapsed.append(scalar) }
                inSpace = isSpace
            }
            let unquoted = String(collapsed).unicodeScalars.filter { !"'‘’\"“”".unicodeScalars.contains($0) }
            let expected = String(String.UnicodeScalarView(unquoted)).trimmingCharacters(in: .init(charactersIn: " ")).lowercased()
            #expect(Labels.normalize(label) == expected, "\(label.debugDescription)")
        }
    }
}
