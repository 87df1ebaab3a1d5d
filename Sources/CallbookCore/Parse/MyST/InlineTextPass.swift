/// A pass over the text of inlines: each text node `mayMatch` accepts is replaced by what
/// `split` makes of it; emphasis and strong are entered, links, code and roles are not (their
/// text is not running text).
enum InlineTextPass {
    static func apply(_ inlines: [Inline], mayMatch: (String) -> Bool,
                      split: (String, SourceRange?) -> [Inline]) -> [Inline] {
        replaced(inlines, mayMatch: mayMatch, split: split) ?? inlines
    }

    /// `apply`, or nil when no text node (in the emphasis and strong inside either) is one
    /// `mayMatch` accepts: most lists are kept as they are, not copied node by node.
    private static func replaced(_ inlines: [Inline], mayMatch: (String) -> Bool,
                                 split: (String, SourceRange?) -> [Inline]) -> [Inline]? {
        var result: [Inline]?
        for index in inlines.indices {
            let inline = inlines[index]
            let replacement: [Inline]? = switch inline.kind {
            case .text(let text) where mayMatch(text):
                split(text, inline.range)
            case .emphasis(let children):
                replaced(children, mayMatch: mayMatch, split: split).map { [Inline(.emphasis($0), at: inline.range)] }
            case .strong(let children):
                replaced(children, mayMatch: mayMatch, split: split).map { [Inline(.strong($0), at: inline.range)] }
            default:
                nil
            }
            if let replacement {
                if result == nil {
                    result = Array(inlines[..<index])
                    result!.reserveCapacity(inlines.count - 1 + replacement.count)
                }
                result! += replacement
            } else {
                result?.append(inline)
            }
        }
        return result
    }
}
