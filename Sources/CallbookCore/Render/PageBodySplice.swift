#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A chapter's body put into its page after the templates ran, rather than through them: the
/// templates render a short marker where `{{{body}}}` goes, and the page is the frame around the
/// marker with the body in its place. A body of 12 MB then costs no copy of itself when the page
/// is written as its pieces (`PageText`), and one when it is joined, not the five Mustache's
/// nested blocks made of it.
enum PageBodySplice {
    /// What the templates render in the body's place: a mixed-case name in angle brackets
    /// between two control characters. A template that escapes the body (`&lt;`) or transforms
    /// it (`{{{lowercased(body)}}}`) leaves no marker, and the splice declines. Only the frame is
    /// searched, so a body holding the marker changes nothing; a title or an outline holding it
    /// makes two markers.
    static let marker = "\u{1}<Callbook-Page-Body>\u{1}"

    /// The frame before and after its one marker; nil when it holds the marker other than
    /// exactly once (a theme that leaves the body out, escapes it or shows it twice), so the
    /// caller renders the page with the body itself.
    static func parts(of frame: String) -> (head: String, tail: String)? {
        var frame = frame
        // The marker's first byte (a control character) is looked for with `memchr`: the frame
        // holds the whole sidebar, tens of kilobytes a page.
        let found = frame.withUTF8 { bytes -> [Int] in
            guard let base = bytes.baseAddress else { return [] }
            var found: [Int] = []
            var index = 0
            while index + markerBytes.count <= bytes.count {
                guard let hit = memchr(base + index, Int32(markerBytes[0]), bytes.count - index) else { break }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if at + markerBytes.count <= bytes.count,
                   UnsafeBufferPointer(rebasing: bytes[at..<at + markerBytes.count]).elementsEqual(markerBytes) {
                    found.append(at)
                    index = at + markerBytes.count
                } else {
                    index = at + 1
                }
            }
            return found
        }
        guard found.count == 1, let at = found.first else { return nil }
        // (The marker is ASCII: both ends are character boundaries.)
        let utf8 = frame.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: at)
        let end = utf8.index(start, offsetBy: markerBytes.count)
        return (String(frame[..<start]), String(frame[end...]))
    }

    private static let markerBytes = Array(marker.utf8)

    /// The frame's two parts with the body between them, in a string of exactly their size
    /// (appending would leave up to as much again spare).
    static func joined(head: String, body: [UInt8], tail: String) -> String {
        let total = head.utf8.count + body.count + tail.utf8.count
        return String(unsafeUninitializedCapacity: total) { buffer in
            var written = buffer.initialize(fromContentsOf: head.utf8)
            written += UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(fromContentsOf: body)
            written += UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(fromContentsOf: tail.utf8)
            return written
        }
    }
}

/// A chapter page as the pieces of its file, one after the other: the page's frame before its
/// body, the body (UTF-8 bytes, as the renderer wrote them), and the frame after it; or the
/// whole page as `head`.
public struct PageText: Sendable {
    public var path: String
    var head: String
    var body: [UInt8] = []
    var tail: String = ""

    /// The page as one string.
    public var file: SiteFile {
        SiteFile(path: path, contents: body.isEmpty && tail.isEmpty ? head : PageBodySplice.joined(head: head, body: body, tail: tail))
    }
}
