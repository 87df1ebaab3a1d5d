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
        let marker = Array(Self.marker.utf8)
        let bytes = Array(frame.utf8)
        var found: [Int] = []
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0], bytes[index..<index + marker.count].elementsEqual(marker) {
                found.append(index)
                index += marker.count
            } else {
                index += 1
            }
        }
        guard found.count == 1, let at = found.first else { return nil }
        return (String(decoding: bytes[..<at], as: UTF8.self), String(decoding: bytes[(at + marker.count)...], as: UTF8.self))
    }

    /// The pieces one after the other, in a string of exactly their size (appending would leave
    /// up to as much again spare).
    static func joined(_ pieces: [String]) -> String {
        let total = pieces.reduce(0) { $0 + $1.utf8.count }
        return String(unsafeUninitializedCapacity: total) { buffer in
            var written = 0
            for piece in pieces {
                written = UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(fromContentsOf: piece.utf8) + written
            }
            return total
        }
    }
}

/// A chapter page as the pieces of its file, one after the other: the page's frame before its
/// body, the body, and the frame after it (or the whole page as one piece).
public struct PageText: Sendable {
    public var path: String
    public var pieces: [String]

    /// The page as one string.
    public var file: SiteFile { SiteFile(path: path, contents: pieces.count == 1 ? pieces[0] : PageBodySplice.joined(pieces)) }
}
