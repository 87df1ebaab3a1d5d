/// The previews of one page's targets by anchor (`TargetPreviews`, with `TargetPreviews.page`
/// for the page itself): as the first pass of Resolve made them, or kept in another form and
/// found there only when asked for (a chapter standing in from the last build, whose previews
/// only the pages referencing it ask for).
public struct PagePreviews: Sendable, Equatable {
    /// Previews kept in another form (the chapter cache's bytes), read when asked for.
    protocol Store: Sendable {
        /// The preview of the target with anchor `anchor`, if there is one.
        func preview(at anchor: String) -> TargetPreview?
        /// Every preview by anchor.
        func all() -> [String: TargetPreview]
    }

    private let made: [String: TargetPreview]
    private let store: (any Store)?

    /// Previews as made.
    init(_ made: [String: TargetPreview]) {
        self.made = made
        store = nil
    }

    /// Previews kept in `store`.
    init(store: any Store) {
        made = [:]
        self.store = store
    }

    /// The preview of the target with anchor `anchor`, if it has one.
    subscript(anchor: String) -> TargetPreview? {
        if let store { return store.preview(at: anchor) }
        return made[anchor]
    }

    /// Every preview by anchor.
    var all: [String: TargetPreview] {
        store?.all() ?? made
    }

    public static func == (lhs: PagePreviews, rhs: PagePreviews) -> Bool {
        lhs.all == rhs.all
    }
}
