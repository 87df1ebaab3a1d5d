@testable import CallbookCore
import Foundation
import Testing

/// "Did you mean" costs at most a fixed number of comparisons per build: past the budget,
/// unknown names keep their warning without a suggestion and one note counts them; a name
/// already answered is answered again for free; the order is the book's, so the answer does not
/// depend on the number of jobs.
@Suite struct DidYouMeanTests {
    private func target(_ label: String) -> Target {
        Target(identifier: Labels.normalize(label), label: label, kind: .anchor, pagePath: "a.html",
               htmlID: label, title: [], number: nil, implicit: false, range: nil)
    }

    private func warning(_ label: String) -> Diagnostic {
        .warning("reference-unresolved", "no target '\(label)' for {ref}")
    }

    @Test func pastTheBudgetNamesGoWithoutASuggestion() {
        // Ten labels of length 7; a 7-letter name (limit 2) is compared with all ten.
        let index = BookIndex([(0..<10).map { target("label-\($0)") }])
        var didYouMean = DidYouMean(index: index, bibliography: Bibliography.make([]).0, budget: 25)
        let wanted = ["label-1x", "label-2x", "label-3x", "label-1x"]
        let diagnostics = wanted.map(warning)
        let pending = wanted.indices.map { DidYouMean.Pending(diagnostic: $0, request: .init(vocabulary: .label, wanted: wanted[$0])) }
        let completed = didYouMean.complete(diagnostics, pending: pending)
        // 10 + 10 comparisons fit in 25; the third name would take 10 more; the fourth is the
        // first again, answered without comparing.
        #expect(completed.map(\.message) == [
            "no target 'label-1x' for {ref}; did you mean 'label-1'?",
            "no target 'label-2x' for {ref}; did you mean 'label-2'?",
            "no target 'label-3x' for {ref}",
            "no target 'label-1x' for {ref}; did you mean 'label-1'?",
        ])
        #expect(didYouMean.unanswered == 1)
        #expect(didYouMean.note?.severity == .note)
        #expect(didYouMean.note?.id == "suggestions-stopped")
    }

    @Test func withinTheBudgetThereIsNoNote() {
        let index = BookIndex([[target("methods-overview")]])
        var didYouMean = DidYouMean(index: index, bibliography: Bibliography.make([]).0)
        let completed = didYouMean.complete([warning("methods-overvew")],
                                            pending: [.init(diagnostic: 0, request: .init(vocabulary: .label, wanted: "methods-overvew"))])
        #expect(completed[0].message.hasSuffix("; did you mean 'methods-overview'?"))
        #expect(didYouMean.note == nil)
    }

    /// A book of many labels and as many references missing each by one letter: every warning
    /// is there, the first ones with their suggestion, and the build says how many went without.
    @Test func aBookFullOfNearMissesIsBoundedAndSaysSo() async throws {
        let count = 300
        let budget = 3000
        let text = (0..<count).map { "(label-\(String(format: "%05d", $0)))=\nText \($0).\n\n" }.joined()
            + (0..<count).map { "{ref}`label-\(String(format: "%05d", $0))x` " }.joined() + "\n"
        let book = try ResolveFixture.book(toc: ["index.md"], files: ["index.md": text])
        let resolved = try await DidYouMean.$budget.withValue(budget) { try await ResolveFixture.resolve(book) }
        let unresolved = resolved.diagnostics.filter { $0.id == "reference-unresolved" }
        #expect(unresolved.count == count)
        #expect(unresolved.first?.message == "no target 'label-00000x' for {ref}; did you mean 'label-00000'?")
        // Each lookup compares with the labels of lengths 8 to 14 (limit 3 for 11 letters): all 300.
        let answered = budget / count
        #expect(unresolved.filter { $0.message.contains("did you mean") }.count == answered)
        let note = try #require(resolved.diagnostics.first { $0.id == "suggestions-stopped" })
        #expect(note.message.hasPrefix("\(count - answered) unknown names were left"))
    }
}
