@testable import CallbookCore
import Testing

/// LaTeX accents, letters and escapes as BibTeX files write them, and the Unicode text each
/// stands for (from the LaTeX manual's tables).
@Suite struct LaTeXTextTests {
    @Test(arguments: [
        ("N\\\"{u}st", "Nüst"), ("{\\\"O}zg{\\\"u}r", "Özgür"), ("Aur{\\'e}lien", "Aurélien"), ("\\'{\\i}", "í"),
        ("Kone{\\v c}n{\\'y}", "Konečný"), ("Tram{\\`e}r", "Tramèr"), ("\\^{o}", "ô"), ("\\~n", "ñ"), ("\\c{c}", "ç"),
        ("\\H{o}", "ő"), ("\\r{a}", "å"), ("\\k{a}", "ą"), ("\\={o}", "ō"), ("\\u{g}", "ğ"), ("\\.{z}", "ż"),
        ("S{\\o}rensen", "Sørensen"), ("{\\ss}", "ß"), ("\\AA{}ngstr\\\"om", "Ångström"), ("{\\l}\\'od\\'z", "łódź"),
        ("\\ae\\ and \\oe", "æ and œ"), ("G{\\ifmmode\\acute{o}\\else\\'{o}\\fi}mez", "Gómez"),
    ])
    func accentsAndLetters(_ latex: String, _ text: String) {
        #expect(LaTeXText.plain(latex) == text)
    }

    @Test(arguments: [
        ("Taylor \\& Francis", "Taylor & Francis"), ("50\\% of \\$5 \\#1 a\\_b", "50% of $5 #1 a_b"),
        ("pages 1--9", "pages 1–9"), ("a---b", "a—b"), ("``quoted''", "“quoted”"), ("Dr.~Who", "Dr.\u{00A0}Who"),
        ("{{IEEE}} {Symposium}", "IEEE Symposium"), ("\\emph{Nature} \\textbf{vol}", "Nature vol"),
        ("\\href{https://x.org}{the site}", "the site"), ("  many   spaces\n here ", "many spaces here"),
        ("hy\\-phen", "hyphen"), ("plain text", "plain text"),
    ])
    func escapesDashesAndCommands(_ latex: String, _ text: String) {
        #expect(LaTeXText.plain(latex) == text)
    }

    @Test func unbalancedBracesAndTrailingBackslashDoNotTrap() {
        #expect(LaTeXText.plain("{{{a") == "a")
        #expect(LaTeXText.plain("a}}}\\") == "a")
        #expect(LaTeXText.plain("\\\"") == "\u{0308}")
        #expect(LaTeXText.plain(String(repeating: "{", count: 100_000) + "x") == "x")
    }
}
