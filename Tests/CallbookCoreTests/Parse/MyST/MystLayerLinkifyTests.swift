@testable import CallbookCore
import Testing

/// Bare addresses become links. Each expectation is what mystmd 1.11 made of the same
/// paragraph (`myst build --site`, the page's mdast: link `url` and text, with the zero-width
/// spaces mystmd puts into long link texts for line breaking taken out).
@Suite struct MystLayerLinkifyTests {
    static func links(_ text: String) -> [String] {
        MystLayer.allInlines(MystLayer.document(text)).compactMap { inline in
            guard case .link(let url, _, let children) = inline.kind else { return nil }
            return "\(url) \(children.plainText)"
        }
    }

    @Test func wwwAddressesLinkToHTTPAndLeaveTheFullStopOutside() {
        #expect(Self.links("Visit www.example.org/path.\n") == ["http://www.example.org/path www.example.org/path"])
        #expect(MystLayer.html("Visit www.example.org/path.\n") == "<p>Visit <a href=\"http://www.example.org/path\">www.example.org/path</a>.</p>\n")
    }

    @Test func bracketsInsideTheAddressStayAndAnUnmatchedClosingOneGoes() {
        #expect(Self.links("See https://example.org/a_(b) and (https://example.org/x).\n")
                == ["https://example.org/a_(b) https://example.org/a_(b)", "https://example.org/x https://example.org/x"])
    }

    @Test func trailingPunctuationIsTheSentences() {
        #expect(Self.links("Ask https://example.org/x?y=1! Now.\n") == ["https://example.org/x?y=1 https://example.org/x?y=1"])
        #expect(Self.links("End with https://example.org/page; then \"https://example.org/q\".\n")
                == ["https://example.org/page https://example.org/page", "https://example.org/q https://example.org/q"])
    }

    @Test func emailAddressesBecomeMailtoLinks() {
        #expect(Self.links("Mail jane.doe+tag@example.co.uk, please.\n")
                == ["mailto:jane.doe+tag@example.co.uk jane.doe+tag@example.co.uk"])
        // Without a dot in the domain it is no address (mystmd leaves `a@b` as text).
        #expect(Self.links("Then a@b stays text.\n").isEmpty)
    }

    @Test func codeIsNeverLinked() {
        #expect(Self.links("Code `https://example.org/code` and `www.example.org` stay.\n").isEmpty)
        #expect(Self.links("```\nhttps://example.org/block\n```\n").isEmpty)
        #expect(Self.links("    https://example.org/indented\n").isEmpty)
    }

    @Test func aLinkIsNotLinkedAgain() {
        #expect(Self.links("[words](https://example.org/a) and <https://example.org/b>\n")
                == ["https://example.org/a words", "https://example.org/b https://example.org/b"])
    }
}
