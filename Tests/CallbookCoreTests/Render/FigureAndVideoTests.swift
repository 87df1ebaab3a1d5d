import CallbookCore
import Testing

/// Figures open full size (the image is a link to its file) and video files are `<video>`, not
/// `<img>`, as mystmd draws them.
@Suite struct FigureAndVideoTests {
    @Test func aFiguresImageLinksToItsFile() {
        let html = MystLayer.html("```{figure} images/chart.png\n:alt: A chart\n\nThe caption.\n```\n")
        #expect(html.contains(#"<a class="image-link" href="images/chart.png"><img src="images/chart.png" alt="A chart" loading="lazy" /></a>"#), "\(html)")
    }

    @Test func aLinkAroundAnImageWithoutAltTextStillHasAName() {
        let html = MystLayer.html("```{figure} chart.png\nThe caption.\n```\n")
        #expect(html.contains(#"<a class="image-link" href="chart.png" aria-label="The image, full size"><img src="chart.png" alt="""#), "\(html)")
    }

    @Test func aStandaloneImageIsNoLink() {
        let html = MystLayer.html("```{image} chart.png\n:alt: A chart\n```\n")
        #expect(!html.contains("image-link"), "\(html)")
        #expect(html.contains(#"<img src="chart.png" alt="A chart""#), "\(html)")
    }

    @Test(arguments: ["clip.mp4", "clip.WEBM", "media/clip.ogv?v=2", "clip.mov#t=10"])
    func videoFilesAreVideos(_ file: String) {
        let escaped = file.replacingOccurrences(of: "&", with: "&amp;")
        for source in ["```{figure} \(file)\n:alt: The talk\n\nCaption.\n```\n", "```{image} \(file)\n:alt: The talk\n```\n", "![The talk](\(file))\n"] {
            let html = MystLayer.html(source)
            #expect(html.contains(#"<video controls preload="metadata" src="\#(escaped)" aria-label="The talk""#), "\(source) → \(html)")
            #expect(html.contains(#"<a href="\#(escaped)">The talk</a></video>"#), "\(html)")
            #expect(!html.contains("<img"), "\(html)")
        }
    }

    @Test(arguments: ["clip.mp4.png", "mp4", "folder.mp4/picture.png", "https://example.org/watch?v=x.mp4"])
    func otherFilesStayImages(_ file: String) {
        let html = MystLayer.html("![A picture](\(file))\n")
        #expect(html.contains("<img src="), "\(file) → \(html)")
        #expect(!html.contains("<video"), "\(html)")
    }
}
