/// What an edit to a chapter changes of the book's index: the labels whose targets it added,
/// removed or changed (source ranges aside, as `RecordWriter` writes them without), and the
/// anchors whose first target on a page it did. A chapter whose binding looked up none of them
/// (`TargetLookups`) is bound as before.
enum TargetChanges {
    /// The lookups whose answer may differ between a chapter's `old` and `new` targets.
    static func lookups(changedFrom old: [Target], to new: [Target]) -> TargetLookups {
        var changed = TargetLookups()
        let (oldLabels, newLabels) = (byLabel(old), byLabel(new))
        for label in Set(oldLabels.keys).union(newLabels.keys) where oldLabels[label] != newLabels[label] {
            changed.labels.insert(label)
        }
        let (oldAnchors, newAnchors) = (byAnchor(old), byAnchor(new))
        for anchor in Set(oldAnchors.keys).union(newAnchors.keys) where oldAnchors[anchor] != newAnchors[anchor] {
            changed.anchors.insert(anchor)
        }
        return changed
    }

    /// Each label's targets, in order, as bytes.
    private static func byLabel(_ targets: [Target]) -> [String: [UInt8]] {
        var found: [String: [UInt8]] = [:]
        for target in targets { found[target.identifier, default: []] += bytes(target) }
        return found
    }

    /// The first target carrying each anchor on each page (the one `BookIndex.target(atID:on:)`
    /// gives), as bytes.
    private static func byAnchor(_ targets: [Target]) -> [String: [UInt8]] {
        var found: [String: [UInt8]] = [:]
        for target in targets {
            guard let id = target.htmlID else { continue }
            let anchor = TargetLookups.anchor(id, on: target.pagePath)
            if found[anchor] == nil { found[anchor] = bytes(target) }
        }
        return found
    }

    private static func bytes(_ target: Target) -> [UInt8] {
        var writer = RecordWriter(withRanges: false)
        writer.targets([target])
        return writer.bytes.bytes
    }
}
