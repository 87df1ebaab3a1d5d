/// The book's explicit labels arranged for "did you mean": grouped by length, each kept as
/// Unicode scalars, so that a missing label is compared only with labels of a length within
/// reach, without converting any of them again. Built once per book index.
struct LabelSuggestions: Sendable {
    private struct Candidate: Sendable {
        let identifier: String
        let label: String
        let scalars: [Unicode.Scalar]
    }

    /// Explicit labels by the length of their identifier in characters.
    private var byLength: [Int: [Candidate]] = [:]

    /// - Parameter labels: the book's explicit labels, each with its identifier.
    init(_ labels: [(identifier: String, label: String)]) {
        for (identifier, label) in labels {
            byLength[identifier.count, default: []].append(
                Candidate(identifier: identifier, label: label, scalars: Array(identifier.unicodeScalars)))
        }
    }

    /// How many labels `nearest(to: wanted)` compares `wanted` with.
    func comparisons(for wanted: String) -> Int {
        let length = wanted.count
        let limit = max(2, length / 3)
        return (max(0, length - limit)...(length + limit)).reduce(0) { $0 + (byLength[$1]?.count ?? 0) }
    }

    /// The label whose identifier is nearest to `wanted` (already normalised) by edit distance,
    /// within a third of its length (at least 2); ties go to the identifier first in code-point
    /// order, so the answer does not depend on how the labels were stored.
    func nearest(to wanted: String) -> String? {
        let length = wanted.count
        let limit = max(2, length / 3)
        let scalars = Array(wanted.unicodeScalars)
        var best: (candidate: Candidate, distance: Int)?
        var rows = EditDistance.Rows()
        for candidateLength in max(0, length - limit)...(length + limit) {
            for candidate in byLength[candidateLength] ?? [] {
                let distance = EditDistance.between(scalars, candidate.scalars, limit: limit, rows: &rows)
                guard distance <= limit else { continue }
                if let current = best, distance > current.distance
                    || (distance == current.distance && candidate.identifier >= current.candidate.identifier) {
                    continue
                }
                best = (candidate, distance)
            }
        }
        return best?.candidate.label
    }
}
