/// A pass over the text of inlines: each text node `mayMatch` accepts is replaced by what
/// `split` makes of it; emphasis and strong are entered, links, code and roles are not (their
/// text is not running text).
enum InlineTextPass {
    static func apply(_ inlines: [Inline], mayMatch: (String) -> Bool,
                      split: (String, SourceRange?) -> [Inline]) -> [Inline] {
        var result: [Inline] = []
        result.reserveCapacity(inlines.count)
        for inline in inlines {
            switch inline.kind {
            case .text(let text) where mayMatch(text):
                result += split(text, inline.range)
            case .emphasis(let children):
                result.append(Inline(.emphasis(apply(children, mayMatch: mayMatch, split: split)), at: inline.range))
            case .strong(let children):
                result.append(Inline(.strong(apply(children, mayMatch: mayMatch, split: split)), at: inline.range))
            default:
                result.append(inline)
            }
        }
        return result
    }
}
