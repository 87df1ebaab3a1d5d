/// A page's search sections in the form the search cache keeps them (see `SearchCache`): its
/// sections' four texts (the text as the index writes it, quoted), its words after the stop
/// words, and its (word, section) pairs, as `CacheBytesWriter` numbers and texts.
extension SearchIndex.PageSections {
    func encoded() -> [UInt8] {
        var writer = CacheBytesWriter()
        writer.number(sections.count)
        for section in sections {
            writer.text(section.page)
            writer.text(section.url)
            writer.text(section.title)
            if let stored = section.stored { writer.run(stored) } else { writer.text(section.quoted ? section.text : SearchIndex.json(section.text)) }
        }
        let first = SearchIndex.stopTable.count
        writer.number(words.count - first)
        for number in first..<words.count { writer.run(words.bytes(of: number)) }
        writer.number(pairs.count)
        for pair in pairs {
            writer.number(pair >> 32)
            writer.number(pair & 0xFFFF_FFFF)
        }
        // Exactly its size: the pages of a book are kept until the cache is saved.
        return writer.bytes.withUnsafeBufferPointer { Array($0) }
    }

    /// The page `encoded()` wrote; nil for anything else. Every word and section a pair names
    /// is checked to be there, each word to be there once and each word's sections to increase,
    /// so that the index merging the page reads nothing out of range and keeps its words'
    /// sections in order.
    /// With `sectionsOnly`, the words and pairs are not read (`wordsRead` is false).
    init?(decoding bytes: ArraySlice<UInt8>, sectionsOnly: Bool = false) {
        self.init()
        lastSection = []
        let decoded = bytes.withUnsafeBufferPointer { buffer in
            var reader = CacheBytesReader(buffer)
            return read(&reader, from: bytes, sectionsOnly: sectionsOnly) && (sectionsOnly || reader.isAtEnd)
        }
        guard decoded else { return nil }
        wordsRead = !sectionsOnly
    }

    /// Reads what `encoded()` wrote into this empty page; false at the first thing that does not
    /// fit. `bytes` are the reader's: each section's text stays a slice of them.
    private mutating func read(_ reader: inout CacheBytesReader, from bytes: ArraySlice<UInt8>, sectionsOnly: Bool) -> Bool {
        let limit = reader.bytes.count
        guard let sectionCount = reader.count(atMost: limit) else { return false }
        sections.reserveCapacity(sectionCount)
        for _ in 0..<sectionCount {
            guard let page = reader.text(), let url = reader.text(), let title = reader.text(), let text = reader.runRange() else { return false }
            let start = bytes.startIndex
            sections.append(SearchIndex.Section(page: page, url: url, title: title, stored: bytes[(start + text.lowerBound)..<(start + text.upperBound)]))
        }
        if sectionsOnly { return true }
        guard let wordCount = reader.count(atMost: limit) else { return false }
        // Each word new to the table (no stop word, none twice), as counting the page left
        // them: two numbers for one word would merge its sections out of order.
        for _ in 0..<wordCount {
            let next = words.count
            guard let word = reader.run(), !word.isEmpty, words.add(word, hash: WordTable.hash(word)) == next else { return false }
        }
        guard let pairCount = reader.count(atMost: limit) else { return false }
        pairs.reserveCapacity(pairCount)
        // Each word's sections in increasing order, as reading the page counted them: the
        // index's merge keeps that order, and its word list is written from it.
        var lastSectionOf = [Int](repeating: -1, count: words.count)
        for _ in 0..<pairCount {
            guard let word = reader.count(atMost: words.count - 1), word >= SearchIndex.stopTable.count,
                  let section = reader.count(atMost: sections.count - 1), section > lastSectionOf[word] else { return false }
            lastSectionOf[word] = section
            pairs.append(UInt64(word) << 32 | UInt64(section))
        }
        return true
    }
}
