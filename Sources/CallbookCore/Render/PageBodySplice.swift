/// A chapter's body put into its page after the templates ran, rather than through them: the
/// templates render a short marker where `{{{body}}}` goes, and the page is the frame around the
/// marker with the body in its place, in a string of exactly the page's size. A body of 12 MB
/// then costs one more copy of itself, not the five Mustache's nested blocks made of it.
enum PageBodySplice {
    /// What the templates render in the body's place: a mixed-case name in angle brackets
    /// between two control characters. A template that escapes the body (`&lt;`) or transforms
    /// it (`{{{lowercased(body)}}}`) leaves no marker, and `splice` declines. Only the frame is searched, so a body
    /// holding the marker changes nothing; a title or an outline holding it makes two markers.
    static let marker = "\u{1}<Callbook-Page-Body>\u{1}"

    /// `frame` with its one marker replaced by `body`; nil when the frame holds the marker other
    /// than exactly once (a theme that leaves the body out, escapes it or shows it twice), so the
    /// caller renders the page with the body itself.
    static func splice(_ body: String, into frame: String) -> String? {
        var frame = frame
        var body = body
        return frame.withUTF8 { frameBytes -> String? in
            let marker = Array(Self.marker.utf8)
            var found: [Int] = []
            var index = 0
            while index + marker.count <= frameBytes.count {
                if frameBytes[index] == marker[0], frameBytes[index..<index + marker.count].elementsEqual(marker) {
                    found.append(index)
                    index += marker.count
                } else {
                    index += 1
                }
            }
            guard found.count == 1, let at = found.first else { return nil }
            return body.withUTF8 { bodyBytes in
                let parts = [UnsafeBufferPointer(rebasing: frameBytes[..<at]), bodyBytes,
                             UnsafeBufferPointer(rebasing: frameBytes[(at + marker.count)...])]
                let total = parts.reduce(0) { $0 + $1.count }
                return String(unsafeUninitializedCapacity: total) { buffer in
                    var written = 0
                    for part in parts where !part.isEmpty {
                        UnsafeMutableBufferPointer(rebasing: buffer[written...]).baseAddress!.update(from: part.baseAddress!, count: part.count)
                        written += part.count
                    }
                    return total
                }
            }
        }
    }
}
