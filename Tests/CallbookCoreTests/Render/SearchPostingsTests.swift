@testable import CallbookCore
import Testing

/// The index's (word, section) pairs, added a run per batch of pages and sorted by word with a
/// counting sort (`SearchIndex.Postings`): each word's sections come out in the order they were
/// added, across runs. The oracle is the plain definition: the pairs of all runs one after the
/// other, filtered by word.
@Suite struct SearchPostingsTests {
    @Test func sortedRunsGiveEachWordItsSectionsInTheOrderAdded() {
        var random = SeededGenerator(state: 14)
        for _ in 0..<200 {
            let wordCount = Int.random(in: 1...40, using: &random)
            var postings = SearchIndex.Postings()
            var all: [(word: Int, section: UInt32)] = []
            var section: UInt32 = 0
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                // Some runs are empty (a batch of pages without a word).
                var run: [UInt64] = []
                for _ in 0..<Int.random(in: 0...30, using: &random) {
                    section += UInt32.random(in: 0...2, using: &random)
                    let word = Int.random(in: 0..<wordCount, using: &random)
                    run.append(UInt64(word) << 32 | UInt64(section))
                    all.append((word, section))
                }
                postings.add(run: run)
            }
            postings.sort(wordCount: wordCount)
            for word in 0..<wordCount {
                #expect(Array(postings.of(word)) == all.filter { $0.word == word }.map(\.section))
            }
        }
    }
}
