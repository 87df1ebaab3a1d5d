/// The previews a page carries for its references, as the text of its
/// `<script type="application/json" id="ref-previews">`: an object from each reference's
/// `href`, as a script reads it (`getAttribute("href")`), to its target's preview
/// (`kind`, and `title`, `text`, `image`, `tex` where they are not empty). `ref-previews.js`
/// shows them; the page works the same without it.
enum ReferencePreviewsJSON {
    /// The JSON, safe inside `<script>`; nil when the page has no previews.
    static func script(_ previews: [ReferencePreview]) -> String? {
        guard !previews.isEmpty else { return nil }
        let entries = previews.map { entry -> (String, OrderedJSON) in
            let preview = entry.preview
            var fields: [(String, OrderedJSON)] = [("kind", .string(preview.kind.rawValue))]
            if !preview.title.isEmpty { fields.append(("title", .string(preview.title))) }
            if !preview.text.isEmpty { fields.append(("text", .string(preview.text))) }
            // A video is no picture for a popover: its caption is enough.
            if let image = preview.image, !VideoSource.isVideo(image) { fields.append(("image", .string(HTMLEscaping.encodeURL(image)))) }
            if let tex = preview.tex { fields.append(("tex", .string(tex))) }
            return (HTMLEscaping.encodeURL(entry.url), .object(fields))
        }
        return OrderedJSON.object(entries).text(pretty: false, scriptSafe: true)
    }
}
