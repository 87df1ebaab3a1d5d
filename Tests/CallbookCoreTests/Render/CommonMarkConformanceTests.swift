import CallbookCore
import Foundation
import Testing

/// Every CommonMark 0.30 example goes through libcmark → our tree → our renderer and must
/// equal the spec's HTML after normalisation.
@Suite struct CommonMarkConformanceTests {
    /// Examples whose expected HTML lost its non-breaking spaces in the shared copy
    /// (`../shared/corpus/README.md`): even the `cmark` CLI fails them.
    static let knownCorrupt: Set<Int> = [333, 353, 506]

    /// Examples where MyST's syntax reads the input differently from CommonMark, on purpose.
    static let mystDivergences: [Int: String] = [
        601: "linkify: the address inside `<…>` that is no autolink becomes a link, as in mystmd",
        605: "linkify: the e-mail address inside `<…>` that is no autolink becomes a link",
        607: "linkify: the bare address between `< … >` becomes a link",
        610: "linkify: a bare web address becomes a link, as in mystmd",
        611: "linkify: a bare e-mail address becomes a link, as in mystmd",
    ]

    @Test(.enabled(if: SharedData.isAvailable))
    func allSpecExamplesRenderLikeCommonMark() throws {
        try check(layer: "libcmark alone", allowed: [:]) { CMarkConverter(file: "example.md").convert($0).0 }
    }

    @Test(.enabled(if: SharedData.isAvailable))
    func allSpecExamplesStillPassWithTheMystLayer() throws {
        try check(layer: "with the MyST layer", allowed: Self.mystDivergences) { MystParser(file: "example.md").parse($0).0 }
    }

    func check(layer: String, allowed: [Int: String], parse: (String) -> Document) throws {
        let cases = try SpecCase.load(try SharedData.path("myst-spec/examples/cmark_spec_0.30.yml"))
        var passed = 0, total = 0
        var failures: [String] = []
        for specCase in cases {
            guard let expected = specCase.html else { continue }
            total += 1
            let number = Int(specCase.title.split(separator: " ").last ?? "") ?? -1
            let html = HTMLRenderer().render(parse(specCase.myst))
            if HTMLNormalizer.normalize(html) == HTMLNormalizer.normalize(expected) {
                passed += 1
            } else if !Self.knownCorrupt.contains(number) && allowed[number] == nil {
                failures.append("\(specCase.title)\n  input:    \(specCase.myst.debugDescription)\n  expected: \(expected.debugDescription)\n  got:      \(html.debugDescription)")
            }
        }
        print("CommonMark 0.30 conformance (\(layer)): \(passed)/\(total) passed (known corrupt: \(Self.knownCorrupt.sorted()), MyST divergences: \(allowed.keys.sorted()))")
        #expect(total == 651)
        #expect(failures.isEmpty, "\(failures.count) unexpected failures:\n\(failures.joined(separator: "\n"))")
        #expect(passed == total - Self.knownCorrupt.count - allowed.count)
    }
}
