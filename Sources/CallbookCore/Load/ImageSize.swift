import Foundation

/// An image's intrinsic width and height in CSS pixels, read from the first bytes of a PNG, GIF,
/// JPEG or WebP file or from an SVG's `width`/`height` (or `viewBox`), so a page can reserve the
/// image's box before it loads. Nil when the format or the numbers cannot be read.
public struct ImageSize: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init?(width: Int, height: Int) {
        guard width > 0, height > 0 else { return nil }
        self.width = width
        self.height = height
    }

    public init?(_ data: Data) {
        let bytes = [UInt8](data.prefix(1 << 20))
        guard let size = Self.png(bytes) ?? Self.gif(bytes) ?? Self.jpeg(bytes) ?? Self.webp(bytes) ?? Self.svg(bytes) else {
            return nil
        }
        self = size
    }

    private static func bigEndian(_ bytes: [UInt8], _ at: Int, count: Int) -> Int {
        (at..<at + count).reduce(0) { $0 << 8 | Int(bytes[$1]) }
    }

    private static func littleEndian(_ bytes: [UInt8], _ at: Int, count: Int) -> Int {
        (at..<at + count).reversed().reduce(0) { $0 << 8 | Int(bytes[$1]) }
    }

    /// PNG: the IHDR chunk follows the 8-byte signature (width, height as 32-bit big-endian).
    private static func png(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
              bytes[12..<16].elementsEqual("IHDR".utf8) else { return nil }
        return ImageSize(width: bigEndian(bytes, 16, count: 4), height: bigEndian(bytes, 20, count: 4))
    }

    /// GIF: the logical screen's width and height (16-bit little-endian) after "GIF87a"/"GIF89a".
    private static func gif(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 10, bytes.starts(with: Array("GIF8".utf8)) else { return nil }
        return ImageSize(width: littleEndian(bytes, 6, count: 2), height: littleEndian(bytes, 8, count: 2))
    }

    /// JPEG: the first start-of-frame segment (SOF0–SOF15 but DHT, JPG and DAC) holds height, then width.
    private static func jpeg(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var at = 2
        while at + 9 < bytes.count {
            guard bytes[at] == 0xFF else { return nil }
            let marker = bytes[at + 1]
            if marker == 0xFF { at += 1; continue }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return ImageSize(width: bigEndian(bytes, at + 7, count: 2), height: bigEndian(bytes, at + 5, count: 2))
            }
            let length = bigEndian(bytes, at + 2, count: 2)
            guard length >= 2 else { return nil }
            at += 2 + length
        }
        return nil
    }

    /// WebP: the lossy (VP8), lossless (VP8L) or extended (VP8X) header inside the RIFF container.
    private static func webp(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual("WEBP".utf8) else { return nil }
        switch String(decoding: bytes[12..<16], as: UTF8.self) {
        case "VP8 ":
            return ImageSize(width: littleEndian(bytes, 26, count: 2) & 0x3FFF, height: littleEndian(bytes, 28, count: 2) & 0x3FFF)
        case "VP8L":
            let bits = littleEndian(bytes, 21, count: 4)
            return ImageSize(width: (bits & 0x3FFF) + 1, height: (bits >> 14 & 0x3FFF) + 1)
        case "VP8X":
            return ImageSize(width: littleEndian(bytes, 24, count: 3) + 1, height: littleEndian(bytes, 27, count: 3) + 1)
        default:
            return nil
        }
    }

    /// SVG: the root element's `width` and `height` when both are plain numbers or pixels, else
    /// its `viewBox` (whose size is what a browser draws when only the height is set).
    private static func svg(_ bytes: [UInt8]) -> ImageSize? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let open = text.range(of: "<svg"), let close = text[open.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = text[open.upperBound..<close]
        func attribute(_ name: String) -> String? {
            var rest = tag[...]
            while let found = rest.range(of: name) {
                let before = found.lowerBound == rest.startIndex ? " " : rest[rest.index(before: found.lowerBound)]
                var after = rest[found.upperBound...].drop(while: { $0 == " " })
                rest = rest[found.upperBound...]
                guard before.isWhitespace, after.first == "=" else { continue }
                after = after.dropFirst().drop(while: { $0 == " " })
                guard let quote = after.first, quote == "\"" || quote == "'",
                      let end = after.dropFirst().firstIndex(of: quote) else { return nil }
                return String(after[after.index(after: after.startIndex)..<end])
            }
            return nil
        }
        func pixels(_ value: String?) -> Double? {
            guard var value = value?.trimmingCharacters(in: .whitespaces) else { return nil }
            if value.hasSuffix("px") { value.removeLast(2) }
            return Double(value)
        }
        if let width = pixels(attribute("width")), let height = pixels(attribute("height")) {
            return ImageSize(width: Int(width.rounded()), height: Int(height.rounded()))
        }
        let box = (attribute("viewBox") ?? "").split(whereSeparator: { $0 == " " || $0 == "," || $0.isWhitespace }).compactMap { Double($0) }
        guard box.count == 4 else { return nil }
        return ImageSize(width: Int(box[2].rounded()), height: Int(box[3].rounded()))
    }
}
