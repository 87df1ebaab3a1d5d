/// What a chapter asked the book's index while its references were bound, found or not: the
/// labels it looked up (a `{ref}`, a `#label` link, a bare `[](word)` that might name one) and
/// the anchors it looked for on a page. Another chapter's edit that changes the answer to none
/// of them leaves the chapter's page as it is (`QuickRebuild`).
public struct TargetLookups: Sendable, Equatable {
    /// Normalised labels (`Labels.normalize`).
    public var labels: Set<String> = []
    /// Anchors on pages, as `TargetLookups.anchor(_:on:)` writes them.
    public var anchors: Set<String> = []

    public init(labels: Set<String> = [], anchors: Set<String> = []) {
        self.labels = labels
        self.anchors = anchors
    }

    /// The key of anchor `id` on `page` in `anchors`.
    public static func anchor(_ id: String, on page: String) -> String {
        page + "#" + id
    }

    public var isEmpty: Bool { labels.isEmpty && anchors.isEmpty }

    public mutating func formUnion(_ other: TargetLookups) {
        labels.formUnion(other.labels)
        anchors.formUnion(other.anchors)
    }

    /// Whether a lookup of one is a lookup of the other.
    public func meets(_ other: TargetLookups) -> Bool {
        !labels.isDisjoint(with: other.labels) || !anchors.isDisjoint(with: other.anchors)
    }
}
