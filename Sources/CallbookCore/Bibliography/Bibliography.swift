import Synchronization

/// A book's bibliography: the entries of its `.bib` files by key, in reference-list order, with
/// the year letters that tell apart one author's works of one year ("2019a", "2019b").
/// Letters are given over the whole bibliography, so a citation reads the same on every page.
public struct Bibliography: Sendable {
    /// Entries by key, as written.
    public let entries: [String: BibEntry]
    /// Keys by lowercased key: BibTeX keys are matched without regard to case, as BibTeX does.
    private let folded: [String: String]
    /// Year with letter, for keys that need one.
    private let letteredYears: [String: String]
    /// Every key, in reference-list order (author, year, title).
    public let order: [String]
    /// Each key's place in `order`.
    private let positions: [String: Int]
    /// Each entry's reference-list text once made, shared by the pages that list it.
    private let references = FormattedReferences()

    /// The reference-list order and the year letters, which follow from the entries alone: kept
    /// with what BibTeX made of the same texts (the sort keys took 1.5 ms of every build of The
    /// Turing Way's 276 entries).
    public struct Reading: Sendable, Equatable {
        public var order: [String]
        public var letteredYears: [String: String]

        public init(order: [String], letteredYears: [String: String]) {
            (self.order, self.letteredYears) = (order, letteredYears)
        }
    }

    /// The order and year letters, for a later `make` of the same entries.
    public var reading: Reading { Reading(order: order, letteredYears: letteredYears) }

    /// - Parameter reading: the order and year letters a bibliography of the same entries had;
    ///   worked out again when it does not name each key once.
    /// - Returns: the bibliography, and a warning for each key defined again (the first wins).
    public static func make(_ list: [BibEntry], reading: Reading? = nil) -> (Bibliography, [Diagnostic]) {
        var entries: [String: BibEntry] = [:]
        var folded: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for entry in list {
            if let first = folded[entry.key.lowercased()].flatMap({ entries[$0] }) {
                diagnostics.append(.warning("bibtex-duplicate-key",
                                            "bibliography entry '\(entry.key)' is defined again (first at \(first.range)); the first is used",
                                            at: entry.range))
                continue
            }
            entries[entry.key] = entry
            folded[entry.key.lowercased()] = entry.key
        }
        if let reading, reading.order.count == entries.count, Set(reading.order) == Set(entries.keys),
           reading.letteredYears.keys.allSatisfy({ entries[$0] != nil }) {
            return (Bibliography(entries: entries, folded: folded, order: reading.order, letteredYears: reading.letteredYears), diagnostics)
        }
        return (Bibliography(entries: entries, folded: folded), diagnostics)
    }

    private init(entries: [String: BibEntry], folded: [String: String], order: [String], letteredYears: [String: String]) {
        (self.entries, self.folded, self.order, self.letteredYears) = (entries, folded, order, letteredYears)
        positions = Self.positions(of: order)
    }

    private init(entries: [String: BibEntry], folded: [String: String]) {
        self.entries = entries
        self.folded = folded
        let sortKeys = entries.mapValues(CitationStyle.sortKey)
        order = entries.keys.sorted { (sortKeys[$0]!, $0) < (sortKeys[$1]!, $1) }
        positions = Self.positions(of: order)
        // Different works by the same authors in the same year get letters, in reference-list
        // order (APA 8.19). Two keys for one work (the same title) share a year without letters.
        var groups: [String: [String]] = [:]
        for key in order {
            guard let entry = entries[key] else { continue }
            groups[CitationStyle.authorsAndYear(entry), default: []].append(key)
        }
        var letteredYears: [String: String] = [:]
        for keys in groups.values where keys.count > 1 {
            var letters: [String: String] = [:]  // title → letter
            for key in keys {
                guard let entry = entries[key] else { continue }
                let title = (entry.text("title") ?? key).lowercased()
                let letter = letters[title] ?? Self.letter(letters.count)
                letters[title] = letter
                letteredYears[key] = CitationStyle.year(entry) + letter
            }
            if letters.count == 1 { keys.forEach { letteredYears[$0] = nil } }
        }
        self.letteredYears = letteredYears
    }

    public static let empty = Bibliography(entries: [:], folded: [:])

    public var isEmpty: Bool { entries.isEmpty }

    /// The entry cited as `key` (exactly, else without regard to case).
    public func entry(_ key: String) -> BibEntry? {
        entries[key] ?? folded[key.lowercased()].flatMap { entries[$0] }
    }

    /// The year as cited, with its letter when one is needed ("2019a").
    public func year(_ entry: BibEntry) -> String {
        letteredYears[entry.key] ?? CitationStyle.year(entry)
    }

    /// The reference-list text of `entry` (see `CitationStyle.reference`), made once per
    /// bibliography however many pages list it.
    public func reference(_ entry: BibEntry) -> [Inline] {
        if let made = references.made.withLock({ $0[entry.key] }) { return made }
        let made = CitationStyle.reference(entry, year: year(entry))
        references.made.withLock { $0[entry.key] = made }
        return made
    }

    /// `keys` (keys of entries) in reference-list order: a page's few, without going through
    /// the whole bibliography's.
    public func inReferenceOrder(_ keys: [String]) -> [String] {
        keys.sorted { (positions[$0] ?? .max, $0) < (positions[$1] ?? .max, $1) }
    }

    private static func positions(of order: [String]) -> [String: Int] {
        Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `a`…`z`, then `aa`, `ab`…
    static func letter(_ index: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
        return index < 26 ? String(alphabet[index]) : letter(index / 26 - 1) + String(alphabet[index % 26])
    }
}

/// The reference-list texts a bibliography made, by key: shared by every copy of it, and by
/// the threads that bind pages (two that make the same text at once store the same value).
private final class FormattedReferences: Sendable {
    let made = Mutex<[String: [Inline]]>([:])
}
