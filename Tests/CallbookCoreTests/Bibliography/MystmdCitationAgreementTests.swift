@testable import CallbookCore
import Foundation
import Testing

/// The Turing Way's `references.bib` formatted by callbook, compared with what mystmd 1.11
/// renders for the same keys (`Tests/Fixtures/turing-way-mystmd-citations.json`; see
/// `mystmd-citations.py` there for how it was extracted): each reference-list entry and each
/// author–year in-text citation.
@Suite(.tags(.slow), .skippedWhenFast) struct MystmdCitationAgreementTests {
    /// Entries that differ from mystmd's, and why. Everything else must be equal.
    static let referenceDifferences: [String: String] = [
        "Belhajjame2015RO": "mystmd leaves `\\ifmmode\\acute{o}\\else\\'{o}\\fi` in the name; callbook reads the text branch (Gómez-Pérez)",
        "Bland2015medicalstatistics": "mystmd's link text stops at the first comma of the URL",
        "Meyer2018personaldata": "pages written `131–-144`: mystmd prints `131--144`, callbook one en dash",
        "Tsai2016qualdata": "the .bib writes `Shari L.Petre`; mystmd adds a space after the full stop",
        "Verheul2019DataStewardship": "`Imming, Melanie,` ends with a comma: btparse drops it and gives initials; mystmd prints the name whole",
        "santos2022framework": "`date = 10-21-2022` is not ISO: mystmd reads the year as 10 (\"10 C.E.\"); callbook uses `year`",
    ]

    /// In-text citations that differ, and why.
    static let inTextDifferences: [String: String] = [
        "EU2013legal": "mystmd reads `Of the` as a particle and cites \"Union\"",
        "Turkyilmaz-vanderVelden2020projectdesign": "mystmd reads `Turkyilmaz-van der` as a particle and cites \"Velden\"",
        "santos2022framework": "the non-ISO date again (mystmd cites year 10)",
        "Borghi2022checklist": "a link to the entry's DOI, which mystmd turns into a citation keeping the link's text (compared on pages)",
        "ukri2021openaccess": "no author, title or publisher: mystmd prints \"undefined\", callbook the key",
    ]

    struct Fixture: Decodable {
        struct Cite: Decodable { var key: String; var kind: String; var text: String }
        struct Page: Decodable { var cites: [Cite]; var references: [String: String] }
        var pages: [String: Page]
    }

    static func load() throws -> (Fixture, Bibliography) {
        let bib = try SharedData.path("corpus/turing-way/website/references.bib")
        let text = try String(contentsOf: bib, encoding: .utf8)
        let (entries, _) = BibTeXReader.read([.init(path: "references.bib", text: text)])
        let fixtureURL = SharedData.packageRoot.appendingPathComponent("Tests/Fixtures/turing-way-mystmd-citations.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: fixtureURL))
        return (fixture, Bibliography.make(entries).0)
    }

    /// mystmd's HTML without its link attributes, and runs of white space as one space.
    static func normalized(_ html: String) -> String {
        html.replacingOccurrences(of: " target=\"_blank\" rel=\"noreferrer\"", with: "")
            .replacingOccurrences(of: "&amp;", with: "&")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }


    @Test(.enabled(if: SharedData.isAvailable)) func referenceEntriesMatchMystmd() throws {
        let (fixture, bibliography) = try Self.load()
        var expected: [String: String] = [:]
        for page in fixture.pages.values { expected.merge(page.references) { first, _ in first } }
        var differing: [String] = []
        for (key, html) in expected.sorted(by: { $0.key < $1.key }) {
            let entry = try #require(bibliography.entry(key), "no entry \(key)")
            let ours = Self.normalized(ReferenceHTML.of(CitationStyle.reference(entry, year: bibliography.year(entry))))
            if ours != Self.normalized(html) {
                differing.append(key)
                if Self.referenceDifferences[key] == nil {
                    Issue.record("\(key):\n  mystmd:   \(Self.normalized(html))\n  callbook: \(ours)")
                }
            }
        }
        #expect(expected.count == 250)
        #expect(Set(differing) == Set(Self.referenceDifferences.keys))
        #expect(Double(expected.count - differing.count) / Double(expected.count) >= 0.95)
    }

    @Test(.enabled(if: SharedData.isAvailable)) func authorYearCitationsMatchMystmd() throws {
        let (fixture, bibliography) = try Self.load()
        var compared = 0
        for (page, content) in fixture.pages {
            for cite in content.cites {
                // Links to a DOI that mystmd turned into citations keep their own text: the
                // page-level comparison checks those.
                guard cite.text.range(of: #"(\d{4}[a-z]?|n\.d\.|\(\d+\))\)?$"#, options: .regularExpression) != nil else { continue }
                let entry = try #require(bibliography.entry(cite.key), "no entry \(cite.key)")
                let ours = CitationStyle.inText(entry, year: bibliography.year(entry), narrative: cite.kind == "narrative").plainText
                compared += 1
                if ours != cite.text, Self.inTextDifferences[cite.key] == nil {
                    Issue.record("\(page) \(cite.key): mystmd \"\(cite.text)\", callbook \"\(ours)\"")
                }
            }
        }
        #expect(compared >= 280)
    }
}
