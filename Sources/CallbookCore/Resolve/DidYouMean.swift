/// "Did you mean" for the names that bind to nothing (labels, citation keys), given once the
/// book is bound, in book order, each distinct name looked up once.
///
/// A lookup compares the name with every candidate of a length within reach, so a book full of
/// unknown names against a book full of labels would cost their product. The total is bounded
/// instead, as compilers bound typo correction: past `budget` candidate comparisons in a build,
/// diagnostics keep their message without a suggestion and one note says so. The build stays
/// linear on any input, and what is suggested does not depend on how many jobs bound the
/// chapters (the order is the book's).
struct DidYouMean {
    /// Where a name is looked for.
    enum Vocabulary: Hashable, Sendable {
        /// The book's explicit labels.
        case label
        /// The keys of the bibliography.
        case citationKey
    }

    /// A name that bound to nothing, and where to look for one like it.
    struct Request: Hashable, Sendable {
        let vocabulary: Vocabulary
        let wanted: String
    }

    /// A diagnostic waiting for its suggestion: its index among a pass's diagnostics.
    struct Pending: Hashable, Sendable {
        let diagnostic: Int
        let request: Request
    }

    /// Candidate comparisons allowed in one build (about half a second of work at most); a task
    /// local so that a test can make a book exceed it without spending that time.
    @TaskLocal static var budget = 1_000_000

    /// The book's labels (arranged for suggestions when the first label is looked for).
    private let index: BookIndex
    private let keys: [String]
    private let allowed: Int
    private var remaining: Int
    private var answers: [Request: String?] = [:]
    /// Names left without a suggestion because the budget was spent.
    private(set) var unanswered = 0

    init(index: BookIndex, bibliography: Bibliography, budget: Int = DidYouMean.budget) {
        self.index = index
        keys = bibliography.order
        allowed = budget
        remaining = budget
    }

    /// `diagnostics` with "; did you mean 'x'?" added to each pending one that has an answer.
    mutating func complete(_ diagnostics: [Diagnostic], pending: [Pending]) -> [Diagnostic] {
        var completed = diagnostics
        for item in pending {
            guard let answer = answer(item.request) else { continue }
            completed[item.diagnostic].message += "; did you mean '\(answer)'?"
        }
        return completed
    }

    /// The note saying how many names went without a suggestion, if any did.
    var note: Diagnostic? {
        guard unanswered > 0 else { return nil }
        return .note("suggestions-stopped",
                     "\(unanswered) unknown \(unanswered == 1 ? "name was" : "names were") left without a 'did you mean': "
                     + "the build's budget of \(allowed) comparisons was spent")
    }

    private mutating func answer(_ request: Request) -> String? {
        if let known = answers[request] { return known }
        let cost: Int
        switch request.vocabulary {
        case .label: cost = index.labelSuggestions.comparisons(for: Labels.normalize(request.wanted))
        case .citationKey: cost = keys.count
        }
        guard cost <= remaining else {
            unanswered += 1
            answers[request] = .some(nil)
            remaining = 0
            return nil
        }
        remaining -= cost
        let found: String?
        switch request.vocabulary {
        case .label: found = index.labelSuggestions.nearest(to: Labels.normalize(request.wanted))
        case .citationKey: found = Self.nearestKey(to: request.wanted, in: keys)
        }
        answers[request] = .some(found)
        return found
    }

    /// The key closest to `key` by edit distance (case ignored), within a third of its length.
    private static func nearestKey(to key: String, in keys: [String]) -> String? {
        let wanted = Array(key.lowercased().unicodeScalars)
        let limit = max(2, wanted.count / 3)
        var best: (key: String, distance: Int)?
        var rows = EditDistance.Rows()
        for candidate in keys {
            let distance = EditDistance.between(wanted, Array(candidate.lowercased().unicodeScalars), limit: limit, rows: &rows)
            if distance <= limit, best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
        }
        return best?.key
    }
}
