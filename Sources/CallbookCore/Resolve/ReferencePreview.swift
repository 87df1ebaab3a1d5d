/// A preview a page carries for its references to one target: the address those references
/// link to, as the page writes it, and what the target shows, with a figure's image relative
/// to the page. Only the targets a page references travel with it.
public struct ReferencePreview: Hashable, Sendable {
    /// The bound reference's URL (before HTML escaping), e.g. `../b.html#fig-map` or `#intro`.
    public var url: String
    public var preview: TargetPreview

    public init(url: String, preview: TargetPreview) {
        self.url = url
        self.preview = preview
    }

    /// The previews of the targets `references` land on, once per address, in the order of
    /// their first reference. Unresolved references, references to the page as a whole from
    /// itself, and targets without a preview get none.
    /// - Parameter previews: page path → anchor → preview (`TargetPreviews.page` for the page itself).
    static func collect(for pagePath: String, references: [ResolvedReference],
                        previews: [String: PagePreviews]) -> [ReferencePreview] {
        var seen = Set<String>()
        var found: [ReferencePreview] = []
        for reference in references {
            guard let page = reference.page, page != pagePath || reference.htmlID != nil,
                  var preview = previews[page]?[reference.htmlID ?? TargetPreviews.page] else { continue }
            let url = ReferenceResolver.url(from: pagePath, to: page, id: reference.htmlID)
            guard seen.insert(url).inserted else { continue }
            if let image = preview.image, !LinkRewriter.isExternal(image) {
                preview.image = BookPaths.relativeURL(from: pagePath, to: image)
            }
            found.append(ReferencePreview(url: url, preview: preview))
        }
        return found
    }
}
