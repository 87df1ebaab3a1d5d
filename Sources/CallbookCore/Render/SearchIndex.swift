import Foundation

/// The search index, built at build time and loaded by the reader's browser only when they
/// search (as scripts, so it works from `file://`). It comes in two parts:
///
/// - `_static/search-index.js`, loaded first: the pages (title, link), every section of every
///   page (the text under each h2/h3: its page, anchor and title), where each text chunk starts,
///   and an inverted index from each word (lowercased, three letters or more, common words left
///   out) to the sections that contain it, as delta-encoded base-36 numbers;
/// - `_static/search/text-N.js`: the sections' whole text, in chunks of about 24 KB of
///   consecutive sections, loaded only for the results shown, to cut snippets around the
///   matched words.
public struct SearchIndex: Sendable {
    struct Section: Sendable {
        var page: String
        var url: String
        var title: String
        /// The section's text; as the index writes it (a JSON string, see `json`) when `quoted`.
        var text: String {
            get { stored.map { String(decoding: $0, as: UTF8.self) } ?? plain }
            set { (plain, stored) = (newValue, nil) }
        }
        var quoted = false
        /// The text's bytes as the search cache holds them (quoted), for a section read from
        /// there: written into the index as they are, never made a `String`.
        private(set) var stored: ArraySlice<UInt8>?
        private var plain: String

        init(page: String, url: String, title: String, text: String, quoted: Bool = false) {
            (self.page, self.url, self.title, plain, self.quoted) = (page, url, title, text, quoted)
        }

        init(page: String, url: String, title: String, stored: ArraySlice<UInt8>) {
            (self.page, self.url, self.title, plain, self.stored, quoted) = (page, url, title, "", stored, true)
        }

        /// How many bytes the text is, as it stands.
        var byteCount: Int { stored?.count ?? plain.utf8.count }
    }

    /// A section's text as the index writes it: quoted here, or bytes quoted in an earlier build.
    enum QuotedText: Sendable {
        case text(String)
        case bytes(ArraySlice<UInt8>)
    }

    /// One page's sections, and which of its words (of their titles, the page title and their
    /// texts) each section has: the page's distinct words once, and one 8-byte pair (word's
    /// number, section's number from the page's first) per word of a section, in section order.
    /// A list per word and page was most of the index's memory for a book of thousands of pages,
    /// a pair holding the word itself three times that of one page of megabytes.
    struct PageSections: Sendable {
        var sections: [Section] = []
        /// The page's words, the stop words first (never counted).
        var words = SearchIndex.stopTable
        var pairs: [UInt64] = []
        /// The section each word was last counted in (while the page is read): a word counts
        /// once per section; a stop word's is `Int32.max`.
        var lastSection = [Int32](repeating: .max, count: SearchIndex.stopTable.count)
        /// False for a page decoded without its words and pairs (`init(decoding:sectionsOnly:)`).
        var wordsRead = true

        /// Each section's text as the index writes it, once its words are counted.
        mutating func quoteTexts() {
            for index in sections.indices where !sections[index].quoted {
                sections[index].text = SearchIndex.json(sections[index].text)
                sections[index].quoted = true
            }
        }

        mutating func add(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, section: Int) {
            let number = words.add(word, hash: hash)
            if number == lastSection.count { lastSection.append(-1) }
            guard lastSection[number] < Int32(section) else { return }
            lastSection[number] = Int32(section)
            pairs.append(UInt64(number) << 32 | UInt64(section))
        }
    }

    /// About how many bytes of section text go in one lazily loaded chunk.
    static let chunkBytes = 24_000
    static let stopWords: Set<String> = [
        "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "her", "was", "one", "our", "out", "has",
        "his", "how", "its", "may", "who", "did", "get", "use", "this", "that", "with", "have", "from", "they", "will",
        "your", "what", "when", "there", "their", "which", "about", "would", "these", "other", "into", "more", "also",
        "some", "than", "then", "them", "were", "been", "such", "only", "just", "like", "each", "very", "where", "while",
    ]

    /// The stop words, the first words of every page's table (so one look-up finds a word or
    /// tells it is a stop word).
    static let stopTable: WordTable = {
        var table = WordTable()
        for word in stopWords {
            var word = word
            word.withUTF8 { _ = table.add($0, hash: WordTable.hash($0)) }
        }
        return table
    }()

    var sections: [Section] = []
    /// Each page's number of sections, in book order.
    var pageSectionCounts: [Int] = []
    /// The book's words, and the sections that have each, in book order (`Postings`). Made
    /// page by page, so a section's own words live only while its page is read.
    var words = WordTable()
    var postings = Postings()
    /// The text chunks made so far: all of them by `files`, or, when `build` hands them on,
    /// those of the pages merged so far (their sections' texts emptied).
    var textChunks = TextChunks()

    /// The chunk files (`_static/search/text-N.js`) of the sections' texts, quoted, in order:
    /// consecutive sections, cut at a section boundary once a chunk passes `chunkBytes`.
    struct TextChunks: Sendable {
        /// The first section of each chunk.
        private(set) var starts: [Int] = []
        /// The chunks complete and not handed on.
        private(set) var kept: [SiteFile] = []
        /// The sections added so far.
        private(set) var count = 0
        private var chunk: [UInt8] = []
        private var size = 0

        /// Adds the next section's text; a chunk that this completes is offered to `handOn`.
        mutating func add(_ text: QuotedText, handOn: (@Sendable (SiteFile) -> Bool)?) {
            if starts.isEmpty || size >= SearchIndex.chunkBytes {
                close(handOn: handOn)
                starts.append(count)
                chunk = Array("(window.callbookSearchText||(window.callbookSearchText={}))[\(starts.count - 1)]=[".utf8)
                // Room for the chunk as it usually ends (grown step by step, a chunk had up
                // to twice its bytes allocated until the site was written).
                chunk.reserveCapacity(SearchIndex.chunkBytes + SearchIndex.chunkBytes / 8)
                size = 0
            } else {
                chunk.append(UInt8(ascii: ","))
            }
            switch text {
            case .text(let text):
                chunk.append(contentsOf: text.utf8)
                size += text.utf8.count
            case .bytes(let bytes):
                chunk.append(contentsOf: bytes)
                size += bytes.count
            }
            count += 1
        }

        /// Completes the open chunk, if any: offered to `handOn`, kept unless it takes it.
        mutating func close(handOn: (@Sendable (SiteFile) -> Bool)?) {
            guard !starts.isEmpty, !chunk.isEmpty else { return }
            chunk.append(contentsOf: "];\n".utf8)
            let file = SiteFile(path: "_static/search/text-\(starts.count - 1).js", bytes: chunk)
            chunk = []
            if handOn?(file) != true { kept.append(file) }
        }
    }

    /// Every (word, section) pair of the book, a run of them per batch of pages while pages
    /// are merged, then sorted by word with a counting sort that keeps each word's sections in
    /// book order: one array, not one per word. Runs made to their size, not one list grown by
    /// doubling: for 3,800 pages that list was 13 MB, and 38 MB held at once as it grew.
    struct Postings: Sendable {
        /// (word's number << 32 | section's number), in section order, while pages are added.
        private(set) var runs: [[UInt64]] = []
        /// Once `sort` ran: each word's sections, one word after another; word `n`'s end at `ends[n]`.
        private(set) var sections: [UInt32] = []
        private(set) var ends: [Int] = []

        init() {}

        /// Sorted already: each word's sections one word after another, word `n`'s end at `ends[n]`.
        init(sections: [UInt32], ends: [Int]) {
            (self.sections, self.ends) = (sections, ends)
        }

        /// Adds the pairs of the next pages, after those added before.
        mutating func add(run: [UInt64]) {
            if !run.isEmpty { runs.append(run) }
        }

        /// Sorts the pairs added into each word's sections (each run goes once it is placed).
        mutating func sort(wordCount: Int) {
            var starts = [Int](repeating: 0, count: wordCount + 1)
            var count = 0
            for run in runs {
                count += run.count
                for pair in run { starts[Int(pair >> 32) + 1] += 1 }
            }
            for word in 0..<wordCount { starts[word + 1] += starts[word] }
            ends = Array(starts.dropFirst())
            sections = [UInt32](repeating: 0, count: count)
            for number in runs.indices {
                for pair in runs[number] {
                    let word = Int(pair >> 32)
                    sections[starts[word]] = UInt32(truncatingIfNeeded: pair)
                    starts[word] += 1
                }
                runs[number] = []
            }
            runs = []
        }

        /// Word `word`'s sections, in book order (after `sort`).
        func of(_ word: Int) -> ArraySlice<UInt32> {
            sections[(word == 0 ? 0 : ends[word - 1])..<ends[word]]
        }
    }

    public init() {}

    /// The index of a book's pages, their sections found in parallel.
    /// Pages are read in parallel a batch at a time and merged in book order, so that only a
    /// batch's own words are held beside the index (for 3,800 pages, all of them were 35 MB).
    /// - Parameters:
    ///   - stored: pages whose sections an earlier build found, in their stored form (see
    ///     `PageSections.encoded()`), by page path: these pages are not read again (one that
    ///     does not decode is).
    ///   - storing: whether to return each page's sections in their stored form (empty for a
    ///     page of more than `largestStored` bytes of text).
    /// - Returns: the index and, when `storing`, each page's stored sections in book order.
    /// - Parameter decoded: pages of `stored` decoded already (`decode`).
    /// - Parameter book: the words of the index of an earlier build of the same pages, in which
    ///   the pages of `stored` had the sections stored there: when no more than a quarter of the
    ///   pages are to be read, their words are patched into these (`patched`).
    /// - Parameter handOn: when given, the sections' texts go into text chunks as their pages
    ///   are merged, each chunk offered to it once complete (see `files`), rather than all
    ///   being held until `files`.
    static func build(_ chapters: [ResolvedChapter], stored: [String: ArraySlice<UInt8>] = [:],
                      decoded: [String: PageSections] = [:], storing: Bool = false,
                      largestStored: Int = largestStoredText, book: BookWords? = nil,
                      handOn: (@Sendable (SiteFile) -> Bool)? = nil) async -> (index: SearchIndex, stored: [ArraySlice<UInt8>]) {
        if let book, let patched = await patching(chapters, book: book, stored: stored, decoded: decoded, storing: storing,
                                                  largestStored: largestStored) {
            return patched
        }
        var index = SearchIndex()
        var pages: [ArraySlice<UInt8>] = []
        let quotesNow = handOn != nil
        for start in stride(from: 0, to: chapters.count, by: batchSize) {
            let batch = chapters[start..<min(start + batchSize, chapters.count)]
            // Pages decoded already are taken as they are; the others are read (or decoded) in
            // parallel, and none waits for a task when there are none to read (a quick rebuild).
            var found = batch.map { chapter -> (PageSections, ArraySlice<UInt8>)? in
                guard let bytes = stored[chapter.pagePath], let page = decoded[chapter.pagePath], page.wordsRead else { return nil }
                return (page, storing ? bytes : [])
            }
            let toRead = batch.indices.filter { found[$0 - start] == nil }.map { batch[$0] }
            let read = await BookResolver.parallel(toRead) { chapter -> (PageSections, ArraySlice<UInt8>) in
                if let bytes = stored[chapter.pagePath], let page = PageSections(decoding: bytes) {
                    return (page, storing ? bytes : [])
                }
                var page = sections(of: chapter)
                let small = page.sections.reduce(0, { $0 + $1.byteCount }) <= largestStored
                // Quoted here, beside the other pages (and stored quoted). A larger page is
                // quoted by `files`, in batches in parallel, and its texts go into chunks there.
                if small && (storing || quotesNow) { page.quoteTexts() }
                return (page, small && storing ? page.encoded()[...] : [])
            }
            var readPages = read.makeIterator()
            for position in found.indices where found[position] == nil { found[position] = readPages.next() }
            var run: [UInt64] = []
            run.reserveCapacity(found.reduce(0) { $0 + ($1?.0.pairs.count ?? 0) })
            for case let (page, bytes)? in found {
                if storing { pages.append(bytes) }
                let offset = UInt64(index.sections.count)
                index.sections += page.sections
                index.pageSectionCounts.append(page.sections.count)
                // The page's words (after the stop words, which no section counts) in the book's table.
                let first = SearchIndex.stopTable.count
                let numbers = index.words.add(wordsOf: page.words, from: first)
                for pair in page.pairs {
                    run.append(UInt64(numbers[Int(pair >> 32) - first]) << 32 | ((pair & 0xFFFF_FFFF) + offset))
                }
            }
            index.postings.add(run: run)
            if let handOn {
                // The batch's texts, quoted beside their pages, into chunks now, up to the first
                // text left unquoted (a large page's): `files` puts that one and those after it.
                for number in index.textChunks.count..<index.sections.count {
                    guard index.sections[number].quoted else { break }
                    index.textChunks.add(Self.quoted(index.sections[number]), handOn: handOn)
                    index.sections[number].text = ""
                }
            }
        }
        index.postings.sort(wordCount: index.words.count)
        return (index, pages)
    }

    /// `build` through `patched`, when `book` fits and no more than a quarter of the pages are
    /// to be read (the words of the pages read are all held at once); nil otherwise.
    private static func patching(_ chapters: [ResolvedChapter], book: BookWords, stored: [String: ArraySlice<UInt8>],
                                 decoded: [String: PageSections], storing: Bool,
                                 largestStored: Int) async -> (index: SearchIndex, stored: [ArraySlice<UInt8>])? {
        guard book.sectionCounts.count == chapters.count else { return nil }
        // The stored pages, their sections only (a page that does not decode is read).
        let undecoded = stored.filter { decoded[$0.key] == nil }
        let more = undecoded.isEmpty ? [:] : await decode(undecoded, sectionsOnly: true)
        var pages = chapters.map { decoded[$0.pagePath] ?? more[$0.pagePath] }
        let fresh = Set(pages.indices.filter { pages[$0] == nil })
        guard fresh.count * 4 <= chapters.count else { return nil }
        let order = fresh.sorted()
        let read = await BookResolver.parallel(order.map { chapters[$0] }) { chapter -> (PageSections, ArraySlice<UInt8>) in
            var page = sections(of: chapter)
            guard storing, page.sections.reduce(0, { $0 + $1.byteCount }) <= largestStored else { return (page, []) }
            page.quoteTexts()
            return (page, page.encoded()[...])
        }
        var forms = storing ? chapters.map { stored[$0.pagePath] ?? [] } : []
        for (number, (page, form)) in zip(order, read) {
            pages[number] = page
            if storing { forms[number] = form }
        }
        guard let index = patched(book, pages: pages.compactMap { $0 }, fresh: fresh) else { return nil }
        return (index, forms)
    }

    /// The pages of `stored` decoded, in parallel (those that do not decode are left out), to
    /// be handed to `build` when it runs; without their words and pairs when `sectionsOnly`
    /// (for a build that patches the last index's words: `build`'s `book`).
    static func decode(_ stored: [String: ArraySlice<UInt8>], sectionsOnly: Bool = false) async -> [String: PageSections] {
        let pages = Array(stored)
        // A few runs of pages per job, not a task per page (most pages take microseconds).
        let runs = stride(from: 0, to: pages.count, by: 32).map { $0..<min($0 + 32, pages.count) }
        let decoded = await Parallel.map(runs) { run in pages[run].map { PageSections(decoding: $0.value, sectionsOnly: sectionsOnly) } }
        var found: [String: PageSections] = [:]
        found.reserveCapacity(pages.count)
        for (page, sections) in zip(pages, decoded.joined()) { found[page.key] = sections }
        return found
    }

    /// How many pages are read at once.
    static let batchSize = 128

    /// A page with more text than this is not stored for the next build (its stored form is
    /// empty, and it is read again): storing it would hold its text twice more in memory.
    static let largestStoredText = 4 << 20

    /// A page's sections, cut at h2 and h3 headings, with their words.
    static func sections(of page: ResolvedChapter) -> PageSections {
        var result = PageSections()
        var current = Section(page: page.title, url: page.pagePath, title: page.title, text: "")
        // The section's text, block after block, made a `String` (of its own size) once whole.
        var collector = TextCollector()
        func flush() {
            current.text = String(decoding: collector.bytes, as: UTF8.self)
            collector.clear()
            guard !current.text.isEmpty || current.title == page.title else { return }
            for text in [current.title, current.page, current.text] {
                addWords(of: text, to: &result, section: result.sections.count)
            }
            result.sections.append(current)
        }
        for block in page.document.children {
            if case .heading(let depth, let children, let id) = block.kind, depth == 2 || depth == 3 {
                flush()
                current = Section(page: page.title, url: page.pagePath + (id.map { "#" + $0 } ?? ""),
                                  title: children.plainText, text: "")
                continue
            }
            if case .heading(1, _, _) = block.kind { continue }
            collector.add(block)
        }
        flush()
        result.lastSection = []  // needed only while the page is read
        return result
    }

    /// Text gathered byte by byte into one buffer, runs of ASCII white space as one space, none
    /// at the start or end (much faster than by Characters or scalars).
    private struct TextCollector {
        var bytes: [UInt8] = []
        var pendingSpace = false

        /// The plain text of a block (code and raw HTML left out), a word apart from the text
        /// before it.
        mutating func add(_ block: Block) {
            block.walk(block: { _ in
                space()  // blocks (paragraphs, table cells) are separate words
            }, inline: { inline in
                switch inline.kind {
                case .text(let value), .inlineCode(let value): append(value)
                case .break: space()  // a hard line break parts words as a soft one does
                case .crossReference(let reference) where reference.children.isEmpty:
                    append((reference.resolvedText ?? []).plainText)
                default: break
                }
            })
        }

        mutating func clear() {
            bytes.removeAll(keepingCapacity: true)
            pendingSpace = false
        }

        mutating func space() {
            pendingSpace = !bytes.isEmpty
        }

        mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { append($0) }
        }

        /// Runs of words apart by single spaces (already as they are kept) are copied whole.
        private mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
            var index = 0
            while index < text.count {
                guard !isSpace(text[index]) else {
                    pendingSpace = !bytes.isEmpty
                    index += 1
                    continue
                }
                let start = index
                while index < text.count {
                    let byte = text[index]
                    if byte == 0x20, index + 1 < text.count, !isSpace(text[index + 1]) {
                        index += 1
                        continue
                    }
                    if isSpace(byte) { break }
                    index += 1
                }
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
            }
        }
    }

    /// Adds the lowercased words of `text` of three letters or more, common words left out, to
    /// section `section` of `page`.
    static func addWords(of text: String, to page: inout PageSections, section: Int) {
        var text = text
        text.withUTF8 { WordScanner.scan($0, section: section, into: &page) }
    }

    /// Words read byte by byte: runs of ASCII letters and digits and of non-ASCII bytes. A word
    /// of lowercase ASCII (most words) is taken where it lies in the text; one with capitals is
    /// lowercased into a buffer; the (rare) word with non-ASCII bytes is lowercased, split at
    /// punctuation and made NFC as a whole.
    private enum WordScanner {
        /// What each byte is to a word: a letter or digit as the byte it is hashed as (`A`–`Z`
        /// lowered), `nonASCII` for a byte of a non-ASCII character, `separator` for the rest.
        static let classes: [UInt8] = (0...255).map { byte -> UInt8 in
            switch byte {
            case 0x61...0x7A, 0x30...0x39: return UInt8(byte)
            case 0x41...0x5A: return UInt8(byte + 0x20)
            case 0x80...0xFF: return nonASCII
            default: return separator
            }
        }
        static let nonASCII: UInt8 = 0xFF
        static let separator: UInt8 = 0

        static func scan(_ bytes: UnsafeBufferPointer<UInt8>, section: Int, into page: inout PageSections) {
            classes.withUnsafeBufferPointer { scan(bytes, classes: $0, section: section, into: &page) }
        }

        private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt8>, section: Int,
                                 into page: inout PageSections) {
            var lowered: [UInt8] = []
            var index = 0
            while index < bytes.count {
                let start = index
                var hash = WordTable.offsetBasis
                var continuationBytes = 0  // of non-ASCII characters: not letters of their own
                var capitals: UInt8 = 0  // not 0 once a capital is read
                var hasNonASCII = false
                wordBytes: while index < bytes.count {
                    let byte = bytes[index]
                    let folded = classes[Int(byte)]
                    if folded == separator { break wordBytes }
                    if folded != nonASCII {
                        hash = WordTable.step(hash, folded)
                        capitals |= byte ^ folded
                    } else {
                        // Part of a non-ASCII character: letters in most scripts (punctuation such as
                        // curly quotes is split off below).
                        if byte & 0xC0 == 0x80 { continuationBytes &+= 1 }
                        hasNonASCII = true
                    }
                    index &+= 1
                }
                let letters = index - start - continuationBytes
                let word = UnsafeBufferPointer(rebasing: bytes[start..<index])
                // Past the byte that ended the word (none ends an empty run but a separator).
                if index == start { index += 1 }
                guard letters >= 3 else { continue }
                if hasNonASCII {
                    for piece in splittingPunctuation(String(decoding: word, as: UTF8.self).lowercased()) {
                        var piece = piece.precomposedStringWithCanonicalMapping
                        piece.withUTF8 { page.add($0, hash: WordTable.hash($0), section: section) }
                    }
                } else if capitals != 0 {
                    lowered.removeAll(keepingCapacity: true)
                    for byte in word { lowered.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) }
                    lowered.withUnsafeBufferPointer { page.add($0, hash: hash, section: section) }
                } else {
                    page.add(word, hash: hash, section: section)
                }
            }
        }
    }

    /// `value`, or, when non-ASCII punctuation (’ “ ” – —) is glued into it, its pieces of three
    /// letters or more.
    private static func splittingPunctuation(_ value: String) -> [String] {
        if value.unicodeScalars.allSatisfy({ $0.isASCII || $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
            return [value]
        }
        return value.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).filter { $0.count >= 3 }.map(String.init)
    }

    /// The index as site files: `_static/search-index.js` (defining `window.callbookSearch`)
    /// first, then the text chunks `_static/search/text-N.js`. The word list is written while
    /// the sections' texts are quoted, a batch of about `quoteBatchBytes` at a time in parallel;
    /// each text goes once its batch is quoted (a chapter of megabytes is not held as text
    /// more than twice).
    public consuming func files() async -> [SiteFile] {
        await files(keepingWords: false).files
    }

    /// `files()`, and when `keepingWords` the index's words for the next build (`BookWords`),
    /// made beside the word list.
    /// - Parameter handOn: offered each text chunk as soon as it is complete; a chunk it takes
    ///   (true: written into the new site) is not held, nor returned.
    consuming func files(keepingWords: Bool,
                         handOn: (@Sendable (SiteFile) -> Bool)? = nil) async -> (files: [SiteFile], words: BookWords?) {
        // Beside the quoting when more than one job may run.
        let (words, postings, counts) = (self.words, self.postings, self.pageSectionCounts)
        @Sendable func wordsOut() -> (list: [UInt8], kept: BookWords?) {
            let order = words.numbersInByteOrder()
            return (Self.wordList(words, postings, order: order),
                    keepingWords ? Self.bookWords(words, postings, sectionCounts: counts, order: order) : nil)
        }
        async let alongside = Parallel.jobs > 1 ? wordsOut() : nil
        // The sections `build` did not put into chunks already, quoted a batch at a time.
        var batchStart = textChunks.count
        while batchStart < sections.count {
            var batchEnd = batchStart
            var batchBytes = 0
            var texts: [Section] = []
            while batchEnd < sections.count, batchEnd == batchStart || batchBytes < Self.quoteBatchBytes {
                batchBytes += sections[batchEnd].byteCount
                texts.append(sections[batchEnd])
                sections[batchEnd].text = ""
                batchEnd += 1
            }
            // (Texts from the search cache are quoted already: no task is started for them.)
            let quoted = texts.allSatisfy(\.quoted) ? texts.map(Self.quoted) : await Parallel.map(taking: consume texts, Self.quoted)
            for text in quoted { textChunks.add(text, handOn: handOn) }
            batchStart = batchEnd
        }
        textChunks.close(handOn: handOn)
        var script = head(chunkStarts: textChunks.starts)
        let (list, kept) = await alongside ?? wordsOut()
        script += list
        return ([SiteFile(path: "_static/search-index.js", bytes: script)] + textChunks.kept, kept)
    }

    /// A section's text as the index writes it.
    @Sendable static func quoted(_ section: Section) -> QuotedText {
        if let stored = section.stored { return .bytes(stored) }
        return .text(section.quoted ? section.text : json(section.text))
    }

    /// About how many bytes of section text are quoted in parallel at once.
    static let quoteBatchBytes = 64 << 10

    /// The first part of the index, up to its words: pages, sections and chunk starts.
    func head(chunkStarts: [Int]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(sections.count * 60)
        func append(_ text: String) { out.append(contentsOf: text.utf8) }
        // Pages once each; a section names its page by number, and leaves out its title when it
        // is the page's (the part before the first heading).
        append("window.callbookSearch={\"pages\":[")
        var pageNumbers: [Substring: Int] = [:]
        var sectionPage: [Int] = []
        sectionPage.reserveCapacity(sections.count)
        let anchors = sections.map { Self.anchorStart(of: $0.url) }
        for (section, anchor) in zip(sections, anchors) {
            let page = section.url[..<anchor]
            if let number = pageNumbers[page] { sectionPage.append(number); continue }
            let number = pageNumbers.count
            pageNumbers[page] = number
            sectionPage.append(number)
            if number > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            JSONString.append(section.page, to: &out, scriptSafe: true)
            out.append(UInt8(ascii: ","))
            JSONString.append(page, to: &out, scriptSafe: true)
            out.append(UInt8(ascii: "]"))
        }
        append("],\"sections\":[")
        for (number, section) in sections.enumerated() {
            if number > 0 { out.append(UInt8(ascii: ",")) }
            let anchor = section.url[anchors[number]...]
            append("[" + String(sectionPage[number]))
            if !anchor.isEmpty || section.title != section.page {
                out.append(UInt8(ascii: ","))
                JSONString.append(anchor, to: &out, scriptSafe: true)
                out.append(UInt8(ascii: ","))
                JSONString.append(section.title, to: &out, scriptSafe: true)
            }
            out.append(UInt8(ascii: "]"))
        }
        append("],\"chunks\":[" + chunkStarts.map(String.init).joined(separator: ",") + "],")
        return out
    }

    /// Where a section's anchor (`#…`) starts in its address (its end when it has none): at the
    /// first `#` that is a character of its own (not the start of a grapheme with a combining mark).
    static func anchorStart(of url: String) -> String.Index {
        guard let hash = url.utf8.firstIndex(of: UInt8(ascii: "#")) else { return url.endIndex }
        let next = url.utf8.index(after: hash)
        // ASCII after it: the `#` is a character of its own.
        if next == url.utf8.endIndex || url.utf8[next] < 0x80 { return hash }
        return url.firstIndex(of: "#") ?? url.endIndex
    }

    /// The rest of the index: each word (in the order of its bytes) and the sections that have
    /// it, as the gaps between their numbers in base 36.
    static func wordList(_ words: WordTable, _ postings: Postings, order: [Int]) -> [UInt8] {
        // Written into one byte buffer: this part is large (about a megabyte for a big book).
        var out: [UInt8] = []
        out.reserveCapacity(words.count * 24)
        out.append(contentsOf: "\"words\":{".utf8)
        let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        var first = true
        // (A word no section has, as a damaged cache could hold, is left out.)
        for word in order where !postings.of(word).isEmpty {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            words.bytes(of: word).withUnsafeBufferPointer { JSONString.append(utf8: $0, to: &out, scriptSafe: true) }
            out.append(contentsOf: ":\"".utf8)
            var previous = 0
            for (index, number) in postings.of(word).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ".")) }
                // The gap from the previous section, in base 36, most significant digit first
                // (nearly every gap takes one or two digits: those without a loop).
                var gap = Int(number) - previous
                previous = Int(number)
                if gap < 36 {
                    out.append(digits[gap])
                } else if gap < 36 * 36 {
                    out.append(digits[gap / 36])
                    out.append(digits[gap % 36])
                } else {
                    var place = 36 * 36
                    while gap / place >= 36 { place *= 36 }
                    while place > 0 {
                        out.append(digits[gap / place])
                        gap %= place
                        place /= 36
                    }
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(contentsOf: "}};\n".utf8)
        return out
    }

    static func json(_ text: String) -> String { JSONString.quote(text, scriptSafe: true) }
}
