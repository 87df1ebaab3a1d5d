import Mustache
import Synchronization

/// A template's output kept per shape of its data, with each string's place marked: pages whose
/// data differ only in their strings' contents (titles, links, the sidebar) differ only in those
/// places, so Mustache renders the frame once per shape and every page fills it in.
///
/// The shape is all the template can tell apart without reading a string: which names are
/// present, every Boolean and number, the length of every list, and where the strings are. The
/// frame is the template rendered with each string replaced by a marker naming it; the marker
/// carries two probe characters (`<`, and `<` with a combining accent) that show how the tag
/// that drew it escapes: not at all (`{{{name}}}`, a `TEXT` template) or as
/// `TemplateEscaping` does (`&lt;` both). A page is then the frame's text with its strings put
/// in, escaped where their markers were.
///
/// That is Mustache's output exactly when nothing in the templates reads into a string, and
/// the theme is checked for that once: no transforms (`{{lowercased(title)}}`, `{{#first()}}`),
/// no partials named by data (`{{>*name}}`), no changed delimiters (`{{=<% %>=}}`, after which
/// tags cannot be read), no indented partials or blocks (Mustache indents a line after a
/// string that ends one), and no marker character in a template's text. A theme with any of
/// these, a tag escaping another way (swift-mustache's own `HTML`, without the pragma), or data
/// of another kind is rendered by Mustache directly.
final class TemplateFrames: Sendable {
    /// Every name a tag of the theme can look up, numbered in sorted order.
    struct Names: Sendable {
        let list: [String]
        let numbers: [String: Int]
    }

    /// The theme's names; nil when it is rendered directly.
    let names: Names?
    private let frames = Mutex<[Key: Frame?]>([:])

    /// Frames kept at most: a theme that draws each page's lists item by item has a shape per
    /// page, and those pages are rendered as they come.
    static let capacity = 512

    /// How many frames are kept (one per shape of data rendered so far, up to `capacity`).
    var keptFrames: Int { frames.withLock { $0.count } }

    /// A template's name and its data's shape.
    private struct Key: Hashable {
        let template: String
        let shape: [Int]
    }

    init(_ templates: [String]) {
        var names = Set<String>()
        for template in templates {
            guard Self.collectNames(template, into: &names) else {
                self.names = nil
                return
            }
        }
        let list = names.sorted()
        self.names = Names(list: list, numbers: Dictionary(uniqueKeysWithValues: list.enumerated().map { ($1, $0) }))
    }

    /// The named template rendered with `data` (`TemplateEncoder`'s output); nil when the
    /// library has no such template.
    func render(_ data: Any, template name: String, library: MustacheLibrary) -> String? {
        guard let names else { return library.render(data, withTemplate: name) }
        var shape = Shape(names: names)
        guard shape.describe(data) else { return library.render(data, withTemplate: name) }
        let key = Key(template: name, shape: shape.key)
        if let known = frames.withLock({ $0[key] }) {
            return known?.filled(with: shape.texts) ?? library.render(data, withTemplate: name)
        }
        var count = 0
        guard let drawn = library.render(shape.marked(data, count: &count), withTemplate: name) else { return nil }
        let frame = Frame(parsing: drawn, texts: count)
        frames.withLock { frames in
            if frames.count < Self.capacity { frames[key] = frame }
        }
        return frame?.filled(with: shape.texts) ?? library.render(data, withTemplate: name)
    }

    /// Adds the names `template`'s tags can look up to `names`; false when the template has
    /// what a frame cannot stand for (see the type's comment). Generous: every word of every
    /// tag counts, comments' too.
    static func collectNames(_ template: String, into names: inout Set<String>) -> Bool {
        let bytes = Array(template.utf8)
        // The markers' characters (U+E000–U+E002, `EE 80 80`–`EE 80 82`) in the template itself.
        for index in bytes.indices.dropLast(2) where bytes[index] == 0xEE && bytes[index + 1] == 0x80
            && (0x80...0x82).contains(bytes[index + 2]) {
            return false
        }
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let start = index
            var end = index + 2
            while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "}") && bytes[end + 1] == UInt8(ascii: "}")) { end += 1 }
            let content = bytes[(start + 2)..<min(end, bytes.count)]
            guard !content.contains(UInt8(ascii: "(")) else { return false }
            let sigil = content.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "{") }
            switch sigil {
            case UInt8(ascii: "="):
                return false
            case UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "$"):
                if sigil == UInt8(ascii: ">"), content.contains(UInt8(ascii: "*")) { return false }
                var lineStart = start
                while lineStart > 0, bytes[lineStart - 1] == UInt8(ascii: " ") || bytes[lineStart - 1] == UInt8(ascii: "\t") {
                    lineStart -= 1
                }
                if lineStart < start, lineStart == 0 || bytes[lineStart - 1] == UInt8(ascii: "\n") || bytes[lineStart - 1] == UInt8(ascii: "\r") {
                    return false
                }
            default:
                break
            }
            var word: [UInt8] = []
            for byte in content {
                if " \t\r\n.{}&#^/<>$!%=*".utf8.contains(byte) {
                    if !word.isEmpty { names.insert(String(decoding: word, as: UTF8.self)) }
                    word.removeAll(keepingCapacity: true)
                } else {
                    word.append(byte)
                }
            }
            if !word.isEmpty { names.insert(String(decoding: word, as: UTF8.self)) }
            index = end + 2
        }
        return true
    }
}

/// The shape of a template's data and its strings in the order the shape meets them.
private struct Shape {
    let names: TemplateFrames.Names
    /// A flat, self-delimiting description: a kind, then what the kind needs.
    var key: [Int] = []
    var texts: [String] = []

    private enum Kind: Int {
        case object = -1, text = -2, isTrue = -3, isFalse = -4, number = -5, list = -6
    }

    init(names: TemplateFrames.Names) {
        self.names = names
    }

    /// Describes `value` into the key and its strings into `texts`; false for data of a kind a
    /// frame does not stand for.
    mutating func describe(_ value: Any) -> Bool {
        switch value {
        case let text as TemplateText:
            key.append(Kind.text.rawValue)
            texts.append(text.text)
        case let bool as Bool:
            key.append(bool ? Kind.isTrue.rawValue : Kind.isFalse.rawValue)
        case let number as Int:
            key.append(Kind.number.rawValue)
            key.append(number)
        case let object as TemplateObject:
            let children = lookedUp(object)
            key.append(Kind.object.rawValue)
            key.append(children.count)
            for (number, child) in children {
                key.append(number)
                guard describe(child) else { return false }
            }
        case let list as [Any]:
            key.append(Kind.list.rawValue)
            key.append(list.count)
            for element in list {
                guard describe(element) else { return false }
            }
        default:
            return false
        }
        return true
    }

    /// `value` with its strings replaced by their markers, numbered from `count` on, in the
    /// order `describe` meets them; names no tag looks up are left out.
    func marked(_ value: Any, count: inout Int) -> Any {
        switch value {
        case is TemplateText:
            defer { count += 1 }
            return TemplateText(Frame.marker(count))
        case let object as TemplateObject:
            var values: [String: Any] = [:]
            for (number, child) in lookedUp(object) {
                values[names.list[number]] = marked(child, count: &count)
            }
            return TemplateObject(values: values)
        case let list as [Any]:
            return list.map { marked($0, count: &count) }
        default:
            return value
        }
    }

    /// The object's values a tag can look up, by their names' numbers.
    private func lookedUp(_ object: TemplateObject) -> [(Int, Any)] {
        var children: [(Int, Any)] = []
        children.reserveCapacity(object.values.count)
        for (name, value) in object.values {
            if let number = names.numbers[name] { children.append((number, value)) }
        }
        children.sort { $0.0 < $1.0 }
        return children
    }

}

/// A template's output with its strings' places marked: literal text, and strings put in as
/// they are or escaped.
private struct Frame: Sendable {
    enum Piece: Sendable {
        case literal(String)
        case text(Int)
        case escapedText(Int)
    }

    let pieces: [Piece]
    let literalBytes: Int

    /// String number `number`'s marker: U+E000, the probes `<`, U+E002 and `<` with U+0301
    /// (which Mustache's own `HTML` escaping, going by characters, leaves), the number, U+E001.
    static func marker(_ number: Int) -> String {
        "\u{E000}<\u{E002}<\u{301}\(number)\u{E001}"
    }

    private static let start: [UInt8] = Array("\u{E000}".utf8)
    private static let rawProbe: [UInt8] = Array("<\u{E002}<\u{301}".utf8)
    private static let escapedProbe: [UInt8] = Array("&lt;\u{E002}&lt;\u{301}".utf8)
    private static let end: [UInt8] = Array("\u{E001}".utf8)

    /// Reads the markers out of `drawn`; nil when a marker is escaped another way or names no
    /// string.
    init?(parsing drawn: String, texts: Int) {
        let bytes = Array(drawn.utf8)
        var pieces: [Piece] = []
        var literalBytes = 0
        var literalStart = 0
        var index = 0
        func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
            offset + pattern.count <= bytes.count && bytes[offset..<offset + pattern.count].elementsEqual(pattern)
        }
        while index < bytes.count {
            guard bytes[index] == Self.start[0], matches(Self.start, at: index) else {
                index += 1
                continue
            }
            var cursor = index + Self.start.count
            let escaped: Bool
            if matches(Self.rawProbe, at: cursor) {
                escaped = false
                cursor += Self.rawProbe.count
            } else if matches(Self.escapedProbe, at: cursor) {
                escaped = true
                cursor += Self.escapedProbe.count
            } else {
                return nil
            }
            var number = 0
            let digits = cursor
            while cursor < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[cursor]), cursor - digits < 9 {
                number = number * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
                cursor += 1
            }
            guard cursor > digits, number < texts, matches(Self.end, at: cursor) else { return nil }
            if literalStart < index {
                pieces.append(.literal(String(decoding: bytes[literalStart..<index], as: UTF8.self)))
                literalBytes += index - literalStart
            }
            pieces.append(escaped ? .escapedText(number) : .text(number))
            index = cursor + Self.end.count
            literalStart = index
        }
        if literalStart < bytes.count {
            pieces.append(.literal(String(decoding: bytes[literalStart...], as: UTF8.self)))
            literalBytes += bytes.count - literalStart
        }
        self.pieces = pieces
        self.literalBytes = literalBytes
    }

    /// The output for data with these strings.
    func filled(with texts: [String]) -> String {
        var output = ""
        var capacity = literalBytes
        for piece in pieces {
            switch piece {
            case .text(let number), .escapedText(let number): capacity += texts[number].utf8.count
            case .literal: break
            }
        }
        output.reserveCapacity(capacity + 64)
        for piece in pieces {
            switch piece {
            case .literal(let text): output += text
            case .text(let number): output += texts[number]
            case .escapedText(let number): output += HTMLEscaping.escapeWithApostrophes(texts[number])
            }
        }
        return output
    }
}
