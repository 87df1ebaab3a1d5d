/// The book's words and the sections that have each, as one build's search index had them
/// (words in the order of their bytes, each with its sections in book order), with how many
/// sections each page had. Kept in the search cache, so that a build in which only some pages'
/// sections changed takes the words over and changes only those pages' part of them
/// (`SearchIndex.patched`), rather than merging every page's words again.
extension SearchIndex {
    struct BookWords: Sendable, Equatable {
        /// Each page's number of sections, in book order.
        var sectionCounts: [Int] = []
        /// The words' bytes one after the other, in byte order; word `n` ends at `wordEnds[n]`.
        var wordBytes: [UInt8] = []
        var wordEnds: [Int] = []
        /// Each word's sections, one word after another; word `n`'s end at `postingEnds[n]`.
        var postings: [UInt32] = []
        var postingEnds: [Int] = []

        var wordCount: Int { wordEnds.count }

        func word(_ number: Int) -> ArraySlice<UInt8> {
            wordBytes[(number == 0 ? 0 : wordEnds[number - 1])..<wordEnds[number]]
        }

        func sections(of number: Int) -> ArraySlice<UInt32> {
            postings[(number == 0 ? 0 : postingEnds[number - 1])..<postingEnds[number]]
        }

        /// The form the search cache keeps: the counts, then each word and its sections as gaps
        /// from the previous one (`CacheBytesWriter` numbers).
        func encoded() -> [UInt8] {
            var writer = CacheBytesWriter(reservingCapacity: wordBytes.count + postings.count * 2 + sectionCounts.count + 16)
            writer.number(sectionCounts.count)
            for count in sectionCounts { writer.number(count) }
            writer.number(wordCount)
            for number in 0..<wordCount {
                writer.run(word(number))
                let sections = self.sections(of: number)
                writer.number(sections.count)
                var previous: UInt32 = 0
                for section in sections {
                    writer.number(Int(section - previous))
                    previous = section
                }
            }
            return writer.bytes
        }

        /// What `encoded()` wrote; nil for anything else. Words must come in strictly increasing
        /// byte order (so no word is there twice) and each word's sections strictly increase
        /// below the pages' total, so that a patch reads nothing out of range.
        init?(decoding bytes: ArraySlice<UInt8>) {
            let read = bytes.withUnsafeBufferPointer { buffer -> Bool in
                var reader = CacheBytesReader(buffer)
                let limit = buffer.count
                guard let pageCount = reader.count(atMost: limit) else { return false }
                sectionCounts.reserveCapacity(pageCount)
                var total = 0
                for _ in 0..<pageCount {
                    guard let count = reader.count(atMost: limit) else { return false }
                    sectionCounts.append(count)
                    total += count
                }
                guard total <= Int(UInt32.max), let wordCount = reader.count(atMost: limit) else { return false }
                wordEnds.reserveCapacity(wordCount)
                postingEnds.reserveCapacity(wordCount)
                var last: UnsafeBufferPointer<UInt8>?
                for _ in 0..<wordCount {
                    guard let word = reader.run(), !word.isEmpty else { return false }
                    if let last, !last.lexicographicallyPrecedes(word) { return false }
                    last = word
                    wordBytes.append(contentsOf: word)
                    wordEnds.append(wordBytes.count)
                    guard let count = reader.count(atMost: total), count > 0 else { return false }
                    var section = -1
                    for index in 0..<count {
                        guard let gap = reader.count(atMost: total), index == 0 || gap > 0 else { return false }
                        section += index == 0 ? gap + 1 : gap
                        guard section < total else { return false }
                        postings.append(UInt32(section))
                    }
                    postingEnds.append(postings.count)
                }
                return reader.isAtEnd
            }
            guard read else { return nil }
        }

        init() {}
    }

    /// An index's words in byte order with their sections (a word no section has left out), for
    /// the next build; `order` is `words.numbersInByteOrder()`.
    static func bookWords(_ words: WordTable, _ postings: Postings, sectionCounts: [Int], order: [Int]) -> BookWords {
        var result = BookWords()
        result.sectionCounts = sectionCounts
        result.wordEnds.reserveCapacity(order.count)
        result.postingEnds.reserveCapacity(order.count)
        result.postings.reserveCapacity(postings.sections.count)
        for number in order {
            let sections = postings.of(number)
            guard !sections.isEmpty else { continue }
            result.wordBytes.append(contentsOf: words.bytes(of: number))
            result.wordEnds.append(result.wordBytes.count)
            result.postings.append(contentsOf: sections)
            result.postingEnds.append(result.postings.count)
        }
        return result
    }

    /// The index of `pages` (each page's sections, in book order) made from `last`, the words
    /// of an index of the same pages in which only the pages at `fresh` had other sections:
    /// every other page has as many sections as `last` says, and its words are taken to be
    /// those it had there. The words of the fresh pages are those their `PageSections` hold;
    /// the other pages' need not be read. Nil when the page counts do not fit.
    static func patched(_ last: BookWords, pages: [PageSections], fresh: Set<Int>) -> SearchIndex? {
        guard last.sectionCounts.count == pages.count,
              pages.indices.allSatisfy({ fresh.contains($0) || pages[$0].sections.count == last.sectionCounts[$0] }) else { return nil }
        var index = SearchIndex()
        // Each old section's number in the new index; -1 for the fresh pages' old ones.
        var renumbered: [Int32] = []
        renumbered.reserveCapacity(last.sectionCounts.reduce(0, +))
        for (number, page) in pages.enumerated() {
            let start = Int32(index.sections.count)
            if fresh.contains(number) {
                renumbered.append(contentsOf: repeatElement(-1, count: last.sectionCounts[number]))
            } else {
                renumbered.append(contentsOf: (0..<Int32(page.sections.count)).map { start + $0 })
            }
            index.sections += page.sections
            index.pageSectionCounts.append(page.sections.count)
        }
        // The last index's words, then the fresh pages' words that are new to it.
        last.wordBytes.withUnsafeBufferPointer { all in
            index.words.append(contentsOf: (0..<last.wordCount).map { number in
                UnsafeBufferPointer(rebasing: all[(number == 0 ? 0 : last.wordEnds[number - 1])..<last.wordEnds[number]])
            })
        }
        var freshPairs: [UInt64] = []
        var offset = 0
        for (number, page) in pages.enumerated() {
            defer { offset += page.sections.count }
            guard fresh.contains(number) else { continue }
            let first = SearchIndex.stopTable.count
            let numbers = index.words.add(wordsOf: page.words, from: first)
            for pair in page.pairs {
                freshPairs.append(UInt64(numbers[Int(pair >> 32) - first]) << 32 | ((pair & 0xFFFF_FFFF) + UInt64(offset)))
            }
        }
        // The fresh pages' sections of each word, in book order (a stable counting sort).
        var fresh = Postings()
        fresh.add(run: freshPairs)
        fresh.sort(wordCount: index.words.count)
        // Each word's sections: its old ones renumbered, merged with its fresh ones.
        var sections: [UInt32] = []
        sections.reserveCapacity(last.postings.count + fresh.sections.count)
        var ends: [Int] = []
        ends.reserveCapacity(index.words.count)
        for word in 0..<index.words.count {
            let added = fresh.of(word)
            var next = added.startIndex
            if word < last.wordCount {
                for old in last.sections(of: word) {
                    let new = renumbered[Int(old)]
                    guard new >= 0 else { continue }
                    while next < added.endIndex, added[next] < UInt32(new) {
                        sections.append(added[next])
                        next += 1
                    }
                    sections.append(UInt32(new))
                }
            }
            sections.append(contentsOf: added[next...])
            ends.append(sections.count)
        }
        index.postings = Postings(sections: sections, ends: ends)
        return index
    }
}
