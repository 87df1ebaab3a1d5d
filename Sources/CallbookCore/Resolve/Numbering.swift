/// What a page numbers, as mystmd's `enumerate.ts` does: figures, tables, programs (code
/// listings) and equations each count from 1 on every page, and each number is shown with its
/// kind's word ("Figure 2", "Program 1", "(3)").
public enum NumberedKind: String, Hashable, Sendable {
    case figure, table, code, equation

    public init(_ container: Container.Kind) {
        switch container {
        case .figure: self = .figure
        case .table: self = .table
        case .code: self = .code
        }
    }

    /// The kind a target of this kind is numbered as, if it is numbered.
    init?(_ target: Target.Kind) {
        switch target {
        case .figure: self = .figure
        case .table: self = .table
        case .code: self = .code
        case .equation: self = .equation
        case .page, .heading, .term, .admonition, .anchor: return nil
        }
    }

    /// The word before the number: "Figure", "Table", "Program", "Equation".
    public var word: String {
        switch self {
        case .figure: return "Figure"
        case .table: return "Table"
        case .code: return "Program"
        case .equation: return "Equation"
        }
    }

    /// How a `{numref}` without its own text shows the number (`%s`).
    var numrefTemplate: String { word + " %s" }

    /// How an equation's number is shown in its own right, and by `{eq}`.
    static func equationLabel(_ number: Int) -> String { "(\(number))" }
}

/// The counters of one page, one per numbered kind.
struct PageNumbering {
    private var counts: [NumberedKind: Int] = [:]

    /// The next number of `kind` on the page.
    mutating func next(_ kind: NumberedKind) -> Int {
        counts[kind, default: 0] += 1
        return counts[kind]!
    }
}
