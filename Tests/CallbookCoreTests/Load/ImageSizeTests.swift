import CallbookCore
import Foundation
import Testing

/// An image's intrinsic size, read so the header's logo keeps its box while it loads (a logo
/// without one moved the book's title 28 px to the right in the layout-shift browser test).
@Suite struct ImageSizeTests {
    /// Real files from The Turing Way; the sizes are what `file` (libmagic) prints for them.
    @Test(.enabled(if: SharedData.isAvailable), arguments: [
        ("figures/DirectedAcyclicGraph.png", 3714, 1643),
        ("figures/academic-industry-partnership.jpg", 1000, 697),
        ("figures/gifs/cffinit-0.gif", 1492, 781),
    ])
    func rasterImagesGiveTheSizeLibmagicReads(path: String, width: Int, height: Int) throws {
        let url = try SharedData.path("corpus/turing-way/" + path)
        let size = try #require(ImageSize(try Data(contentsOf: url)))
        #expect(size == ImageSize(width: width, height: height))
    }

    /// The Turing Way's logo has only a viewBox ("0 0 1977.074 2277.912" in the file).
    @Test(.enabled(if: SharedData.isAvailable))
    func anSVGWithOnlyAViewBoxGivesTheViewBoxSize() throws {
        let url = try SharedData.path("corpus/turing-way/figures/logo-detail-with-text.svg")
        #expect(ImageSize(try Data(contentsOf: url)) == ImageSize(width: 1977, height: 2278))
    }

    @Test func anSVGsWidthAndHeightWinOverItsViewBox() {
        let svg = #"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" stroke-width="3" width="120px" height='40' viewBox="0 0 12 4">"#
        #expect(ImageSize(Data(svg.utf8)) == ImageSize(width: 120, height: 40))
        // A percentage is not a size: the viewBox is.
        let relative = #"<svg width="100%" height="100%" viewBox="0,0,300,150"></svg>"#
        #expect(ImageSize(Data(relative.utf8)) == ImageSize(width: 300, height: 150))
    }

    /// WebP headers written by hand from the container specification: VP8X stores width − 1 and
    /// height − 1 in 24 bits; VP8L packs them into 14 bits each after the 0x2F signature byte.
    @Test func webPHeadersOfEachKind() {
        var extended = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0]
        extended += [0x1F, 0x03, 0x00]  // 800 − 1 = 0x31F
        extended += [0x57, 0x02, 0x00]  // 600 − 1 = 0x257
        #expect(ImageSize(Data(extended)) == ImageSize(width: 800, height: 600))
        // 64 × 32: bits 0–13 hold 63, bits 14–27 hold 31 → 0x7C03F, little-endian after 0x2F.
        var lossless = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8L".utf8) + [5, 0, 0, 0, 0x2F]
        lossless += [0x3F, 0xC0, 0x07, 0x00] + [UInt8](repeating: 0, count: 8)
        #expect(ImageSize(Data(lossless)) == ImageSize(width: 64, height: 32))
    }

    @Test func whatIsNotAnImageHasNoSize() {
        #expect(ImageSize(Data("# A chapter\n".utf8)) == nil)
        #expect(ImageSize(Data([0x89, 0x50, 0x4E, 0x47])) == nil)  // a PNG cut short
        #expect(ImageSize(Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00])) == nil)  // a JPEG segment of length 0
        #expect(ImageSize(Data(#"<svg viewBox="0 0 0 10">"#.utf8)) == nil)
    }

    /// Every page's header carries the logo's size, so the title beside it does not move.
    @Test func theLogoInEveryPagesHeaderCarriesItsSize() async throws {
        let book = try TemporaryBook()
        defer { book.remove() }
        try book.write("myst.yml", "version: 1\nproject:\n  title: Sized\n  toc:\n    - file: index.md\nsite:\n  options:\n    logo: logo.svg\n")
        try book.write("index.md", "# Home\n")
        try book.write("logo.svg", #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 48"><rect width="64" height="48"/></svg>"#)
        let result = await book.build()
        let page = try #require(result.site?.pages.first { $0.path == "index.html" })
        #expect(page.contents.contains(#"class="logo" width="64" height="48">"#))
    }
}
