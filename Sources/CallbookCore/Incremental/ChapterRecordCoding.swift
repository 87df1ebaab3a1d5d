/// The binary form of what a `ChapterRecord` holds: diagnostics, targets with their titles,
/// previews, assets. Written with or without source ranges: without, the bytes say what other
/// pages see of a chapter (a line added above a heading moves its range, not its link or text).
struct RecordWriter {
    var bytes = CacheBytesWriter()
    /// Whether source ranges are written.
    let withRanges: Bool

    init(withRanges: Bool = true) {
        self.withRanges = withRanges
    }

    mutating func flag(_ value: Bool) { bytes.number(value ? 1 : 0) }
    /// A signed number, zigzag-coded (-1 takes a byte).
    mutating func number(_ value: Int) {
        let signed = Int64(value)
        bytes.number(UInt64(bitPattern: (signed << 1) ^ (signed >> 63)))
    }
    mutating func count(_ value: Int) { bytes.number(value) }
    mutating func text(_ value: String) { bytes.text(value) }

    mutating func optional(_ value: String?) {
        flag(value != nil)
        if let value { text(value) }
    }

    mutating func texts(_ values: [String]) {
        count(values.count)
        for value in values { text(value) }
    }

    mutating func range(_ range: SourceRange?) {
        guard withRanges else { return }
        flag(range != nil)
        guard let range else { return }
        text(range.file)
        for value in [range.start.line, range.start.column, range.end.line, range.end.column] { number(value) }
    }

    mutating func diagnostics(_ values: [Diagnostic]) {
        count(values.count)
        for diagnostic in values {
            text(diagnostic.severity.rawValue)
            text(diagnostic.id)
            text(diagnostic.message)
            range(diagnostic.range)
        }
    }

    mutating func inlines(_ values: [Inline]) {
        count(values.count)
        for value in values { inline(value) }
    }

    private mutating func inline(_ inline: Inline) {
        switch inline.kind {
        case .text(let text): number(0); self.text(text)
        case .emphasis(let children): number(1); inlines(children)
        case .strong(let children): number(2); inlines(children)
        case .inlineCode(let text): number(3); self.text(text)
        case .link(let url, let title, let children): number(4); text(url); optional(title); inlines(children)
        case .image(let url, let title, let alt): number(5); text(url); optional(title); text(alt)
        case .html(let text): number(6); self.text(text)
        case .break: number(7)
        case .role(let name, let value, let children): number(8); text(name); text(value); inlines(children)
        case .subscript(let children): number(9); inlines(children)
        case .superscript(let children): number(10); inlines(children)
        case .abbreviation(let title, let children): number(11); optional(title); inlines(children)
        case .underline(let children): number(12); inlines(children)
        case .delete(let children): number(13); inlines(children)
        case .keyboard(let text): number(14); self.text(text)
        case .inlineMath(let text): number(15); self.text(text)
        case .crossReference(let reference):
            number(16)
            text(reference.kind.rawValue); text(reference.label); inlines(reference.children)
            optional(reference.url); optional(reference.htmlId)
            flag(reference.resolvedText != nil)
            if let resolved = reference.resolvedText { inlines(resolved) }
        case .footnoteReference(let reference):
            number(17); text(reference.label); number(reference.number ?? -1)
        case .cite(let citation):
            number(18)
            text(citation.kind.rawValue); text(citation.form.rawValue); flag(citation.isBare)
            flag(citation.ownText != nil)
            if let own = citation.ownText { inlines(own) }
            count(citation.items.count)
            for item in citation.items {
                text(item.key); optional(item.prefix); optional(item.suffix); optional(item.anchor)
                flag(item.text != nil)
                if let itemText = item.text { inlines(itemText) }
            }
        }
        range(inline.range)
    }

    mutating func targets(_ values: [Target]) {
        count(values.count)
        for target in values {
            text(target.identifier); text(target.label); text(target.kind.rawValue); text(target.pagePath)
            optional(target.htmlID); inlines(target.title); number(target.number ?? -1); flag(target.implicit)
            range(target.range)
        }
    }

    mutating func previews(_ previews: PagePreviews) {
        let values = previews.all
        count(values.count)
        for (anchor, preview) in values.sorted(by: { $0.key < $1.key }) {
            text(anchor); text(preview.kind.rawValue); text(preview.title); text(preview.text)
            optional(preview.image); optional(preview.tex)
        }
    }

    mutating func assets(_ values: [Asset]) {
        count(values.count)
        for asset in values { text(asset.source); text(asset.sitePath) }
    }

    mutating func requests(_ values: [BibliographyRequest]) {
        count(values.count)
        for request in values { text(request.path); text(request.written); range(request.range) }
    }
}

/// Reads what `RecordWriter` wrote (with ranges); nil at the first thing that does not fit.
struct RecordReader {
    var bytes: CacheBytesReader

    /// Deeper inline nesting than this is taken for a damaged file (a title nests a few levels).
    private static let deepest = 200
    private var depth = 0
    /// The file of the last range read: the ranges of a record are nearly all in one file.
    private var lastFile: (path: String, source: SourceFile)?

    init(_ bytes: CacheBytesReader) {
        self.bytes = bytes
    }

    mutating func flag() -> Bool? {
        switch bytes.number() {
        case 0: false
        case 1: true
        default: nil
        }
    }

    mutating func number() -> Int? {
        bytes.number().map { Int(Int64(bitPattern: ($0 >> 1) ^ (0 &- ($0 & 1)))) }
    }

    /// A count of things each taking at least a byte: never more than the bytes left.
    mutating func count() -> Int? {
        bytes.count(atMost: bytes.bytes.count - bytes.position)
    }

    mutating func text() -> String? { bytes.text() }

    /// A text, given as `previous` when it has the same bytes (no new string made): the file
    /// of nearly every range of a record is the last one's, the page of every target the same.
    mutating func text(reusing previous: String?) -> String? {
        guard var previous else { return bytes.text() }
        guard let run = bytes.run() else { return nil }
        let same = previous.withUTF8 { $0.hasSameBytes(as: run) }
        return same ? previous : String(decoding: run, as: UTF8.self)
    }

    mutating func optional() -> String?? {
        guard let present = flag() else { return nil }
        guard present else { return .some(nil) }
        return text().map { .some($0) }
    }

    mutating func texts() -> [String]? {
        guard let count = count() else { return nil }
        var values: [String] = []
        for _ in 0..<count {
            guard let value = text() else { return nil }
            values.append(value)
        }
        return values
    }

    mutating func range() -> SourceRange?? {
        guard let present = flag() else { return nil }
        guard present else { return .some(nil) }
        guard let file = text(reusing: lastFile?.path), let line = number(), let column = number(), let endLine = number(),
              let endColumn = number() else { return nil }
        let source = lastFile?.path == file ? lastFile!.source : SourceFile(file)
        lastFile = (file, source)
        return .some(SourceRange(source: source, start: SourcePosition(line: line, column: column),
                                 end: SourcePosition(line: endLine, column: endColumn)))
    }

    mutating func diagnostics() -> [Diagnostic]? {
        guard let count = count() else { return nil }
        var values: [Diagnostic] = []
        for _ in 0..<count {
            guard let severity = text().flatMap(Diagnostic.Severity.init(rawValue:)), let id = text(),
                  let message = text(), let range = range() else { return nil }
            values.append(Diagnostic(severity, id, message, at: range))
        }
        return values
    }

    mutating func inlines() -> [Inline]? {
        guard let count = count(), depth < Self.deepest else { return nil }
        depth += 1
        defer { depth -= 1 }
        var values: [Inline] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            guard let value = inline() else { return nil }
            values.append(value)
        }
        return values
    }

    private mutating func inline() -> Inline? {
        guard let tag = number() else { return nil }
        let kind: Inline.Kind?
        switch tag {
        case 0: kind = text().map { .text($0) }
        case 1: kind = inlines().map { .emphasis($0) }
        case 2: kind = inlines().map { .strong($0) }
        case 3: kind = text().map { .inlineCode($0) }
        case 4:
            guard let url = text(), let title = optional(), let children = inlines() else { return nil }
            kind = .link(url: url, title: title, children: children)
        case 5:
            guard let url = text(), let title = optional(), let alt = text() else { return nil }
            kind = .image(url: url, title: title, alt: alt)
        case 6: kind = text().map { .html($0) }
        case 7: kind = .break
        case 8:
            guard let name = text(), let value = text(), let children = inlines() else { return nil }
            kind = .role(name: name, value: value, children: children)
        case 9: kind = inlines().map { .subscript($0) }
        case 10: kind = inlines().map { .superscript($0) }
        case 11:
            guard let title = optional(), let children = inlines() else { return nil }
            kind = .abbreviation(title: title, children: children)
        case 12: kind = inlines().map { .underline($0) }
        case 13: kind = inlines().map { .delete($0) }
        case 14: kind = text().map { .keyboard($0) }
        case 15: kind = text().map { .inlineMath($0) }
        case 16:
            guard let referenceKind = text().flatMap(ReferenceKind.init(rawValue:)), let label = text(),
                  let children = inlines(), let url = optional(), let htmlID = optional(),
                  let hasResolved = flag() else { return nil }
            var reference = CrossReference(kind: referenceKind, label: label, children: children)
            reference.url = url
            reference.htmlId = htmlID
            if hasResolved {
                guard let resolved = inlines() else { return nil }
                reference.resolvedText = resolved
            }
            kind = .crossReference(reference)
        case 17:
            guard let label = text(), let number = number() else { return nil }
            var reference = FootnoteReference(label: label)
            reference.number = number < 0 ? nil : number
            kind = .footnoteReference(reference)
        case 18:
            kind = citation().map { .cite($0) }
        default:
            return nil
        }
        guard let kind, let range = range() else { return nil }
        return Inline(kind, at: range)
    }

    private mutating func citation() -> Citation? {
        guard let kind = text().flatMap(Citation.Kind.init(rawValue:)), let form = text().flatMap(Citation.Form.init(rawValue:)),
              let isBare = flag(), let hasOwnText = flag() else { return nil }
        var ownText: [Inline]?
        if hasOwnText {
            guard let own = inlines() else { return nil }
            ownText = own
        }
        guard let count = count() else { return nil }
        var items: [Citation.Item] = []
        for _ in 0..<count {
            guard let key = text(), let prefix = optional(), let suffix = optional(), let anchor = optional(),
                  let hasText = flag() else { return nil }
            var item = Citation.Item(key: key, prefix: prefix, suffix: suffix)
            item.anchor = anchor
            if hasText {
                guard let itemText = inlines() else { return nil }
                item.text = itemText
            }
            items.append(item)
        }
        return Citation(kind: kind, form: form, items: items, isBare: isBare, ownText: ownText)
    }

    mutating func targets() -> [Target]? {
        guard let count = count() else { return nil }
        var values: [Target] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            // A label is often its identifier as written; the page is nearly always the last one's.
            guard let identifier = text(), let label = text(reusing: identifier), let kind = text().flatMap(Target.Kind.init(rawValue:)),
                  let pagePath = text(reusing: values.last?.pagePath), let htmlID = optional(), let title = inlines(), let number = number(),
                  let implicit = flag(), let range = range() else { return nil }
            values.append(Target(identifier: identifier, label: label, kind: kind, pagePath: pagePath, htmlID: htmlID,
                                 title: title, number: number < 0 ? nil : number, implicit: implicit, range: range))
        }
        return values
    }

    mutating func previews() -> [String: TargetPreview]? {
        guard let count = count() else { return nil }
        var values: [String: TargetPreview] = [:]
        for _ in 0..<count {
            guard let anchor = text(), let preview = preview() else { return nil }
            values[anchor] = preview
        }
        return values
    }

    /// Where previews `RecordWriter.previews` wrote lie (offsets into `bytes`), stepped over
    /// with the checks `previews()` makes, without making their texts.
    mutating func previewsRange() -> Range<Int>? {
        let start = bytes.position
        guard let count = count() else { return nil }
        for _ in 0..<count {
            guard bytes.runRange() != nil, let kind = bytes.run(), TargetPreview.Kind(rawValue: String(decoding: kind, as: UTF8.self)) != nil,
                  bytes.runRange() != nil, bytes.runRange() != nil, skipOptional(), skipOptional() else { return nil }
        }
        return start..<bytes.position
    }

    /// The preview at `anchor` among previews `RecordWriter.previews` wrote (the last, as
    /// `previews()` keeps it), the others stepped over; `.some(nil)` when none is there.
    mutating func preview(at anchor: String) -> TargetPreview?? {
        var anchor = anchor
        return anchor.withUTF8 { wanted -> TargetPreview?? in
            guard let count = count() else { return nil }
            var match: TargetPreview?
            for _ in 0..<count {
                guard let found = bytes.run() else { return nil }
                if found.hasSameBytes(as: wanted) {
                    guard let preview = preview() else { return nil }
                    match = preview
                    continue
                }
                for _ in 0..<3 { guard bytes.runRange() != nil else { return nil } }  // kind, title, text
                guard skipOptional(), skipOptional() else { return nil }
            }
            return .some(match)
        }
    }

    /// A preview after its anchor.
    private mutating func preview() -> TargetPreview? {
        guard let kind = text().flatMap(TargetPreview.Kind.init(rawValue:)), let title = text(), let text = text(),
              let image = optional(), let tex = optional() else { return nil }
        return TargetPreview(kind: kind, title: title, text: text, image: image, tex: tex)
    }

    /// Steps over what `RecordWriter.optional` wrote; false if it does not fit.
    private mutating func skipOptional() -> Bool {
        guard let present = flag() else { return false }
        return !present || bytes.runRange() != nil
    }

    mutating func assets() -> [Asset]? {
        guard let count = count() else { return nil }
        var values: [Asset] = []
        for _ in 0..<count {
            guard let source = text(), let sitePath = text() else { return nil }
            values.append(Asset(source: source, sitePath: sitePath))
        }
        return values
    }

    mutating func requests() -> [BibliographyRequest]? {
        guard let count = count() else { return nil }
        var values: [BibliographyRequest] = []
        for _ in 0..<count {
            guard let path = text(), let written = text(), let range = range() else { return nil }
            values.append(BibliographyRequest(path: path, written: written, range: range))
        }
        return values
    }
}
