@testable import CallbookCore
import Foundation
import Testing

/// A chapter's body goes into its page after the templates ran: the page is the same bytes as
/// when Mustache inserts the body itself, and a theme that does not show the marker exactly
/// once gets the body through Mustache.
struct PageBodySpliceTests {
    /// The page as the renderer joins it: the frame's parts around the body.
    static func splice(_ body: String, into frame: String) -> String? {
        PageBodySplice.parts(of: frame).map { PageBodySplice.joined(head: $0.head, body: Array(body.utf8), tail: $0.tail) }
    }

    @Test func theBodyTakesTheMarkersPlaceAndNothingElseMoves() {
        let frame = "<main>é " + PageBodySplice.marker + " ü</main>"
        let body = "<p>Ça “va” 😀</p>"
        #expect(Self.splice(body, into: frame) == "<main>é <p>Ça “va” 😀</p> ü</main>")
        #expect(Self.splice("", into: PageBodySplice.marker) == "")
        // A body that holds the marker is put in as it is: only the frame is searched.
        #expect(Self.splice("a" + PageBodySplice.marker, into: "[" + PageBodySplice.marker + "]")
                == "[a" + PageBodySplice.marker + "]")
    }

    /// Frames of random pieces (the marker, its control character alone, parts of the marker,
    /// non-ASCII text): split where Foundation's `components(separatedBy:)` splits them (the
    /// oracle), and declined where it finds the marker other than once.
    @Test func framesAreSplitAsFoundationSplitsThem() {
        let marker = PageBodySplice.marker
        let pieces = [marker, "\u{1}", "\u{1}<Callbook", "-Page-Body>\u{1}", "é", "<li>x</li>", "\u{1}\u{1}", "😀", "a"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let frame = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let parts = frame.components(separatedBy: marker)
            let split = PageBodySplice.parts(of: frame)
            if parts.count == 2 {
                #expect(split?.head == parts[0] && split?.tail == parts[1], "\(frame.debugDescription)")
            } else {
                #expect(split == nil, "\(frame.debugDescription)")
            }
        }
    }

    @Test func aFrameWithoutTheMarkerOnceIsDeclined() {
        #expect(Self.splice("<p>x</p>", into: "<main></main>") == nil)
        #expect(Self.splice("<p>x</p>", into: PageBodySplice.marker + PageBodySplice.marker) == nil)
    }

    /// For a template that shows the body once unescaped, the spliced page is exactly what
    /// Mustache renders with the body itself; for one that escapes it, shows it twice or leaves
    /// it out, the splice declines (and the renderer gives Mustache the body).
    @Test(arguments: [("<h1>{{title}}</h1><main>{{{body}}}</main>", true), ("{{{body}}}", true),
                      ("<main>{{body}}</main>", false), ("{{{lowercased(body)}}}", false), ("{{{body}}}<hr>{{{body}}}", false), ("<main></main>", false)])
    func splicedPagesAreWhatMustacheMakes(template: String, spliced: Bool) throws {
        let theme = try Theme(ThemeTests.files(["page": template]))
        let body = "<p>Some <em>text</em> &amp; “more” \u{1}</p>\n"
        let withBody = try theme.render(["title": "A & B", "body": body], template: "page")
        let frame = try theme.render(["title": "A & B", "body": PageBodySplice.marker], template: "page")
        let result = Self.splice(body, into: frame)
        #expect((result != nil) == spliced)
        if let result { #expect(result == withBody) }
    }
}
