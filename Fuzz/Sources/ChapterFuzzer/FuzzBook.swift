import CallbookCore
import Dispatch
import Foundation

/// libFuzzer's driver, started from the executable's entry point below.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The entry point SwiftPM links as `main` for this executable target: hands the command line
/// to libFuzzer, which calls `fuzzChapter` once per input.
@_cdecl("ChapterFuzzer_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { fuzzChapter($0, $1) }
}

/// One fuzzer input is one chapter's text, taken through parse → resolve → render (the page
/// through the default theme, and the generated files) as a one-chapter book. Any trap,
/// overflow or sanitizer report is a bug; diagnostics are the expected answer to bad input.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzChapter(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        await FuzzBook.build(text)
        done.signal()
    }
    done.wait()
    return 0
}

/// The one-chapter book each input becomes, and the theme it is drawn with.
enum FuzzBook {
    static let theme: Theme = {
        let templates = ProcessInfo.processInfo.environment["CALLBOOK_THEME"] ?? "templates"
        do {
            return try Theme(ThemeLoader.load(directory: URL(fileURLWithPath: templates)))
        } catch {
            fatalError("the fuzzer needs the default theme (set CALLBOOK_THEME): \(error)")
        }
    }()

    static func build(_ text: String) async {
        let source = ChapterSource(path: "index.md", displayPath: "index.md", text: text)
        let book = Book(directory: URL(fileURLWithPath: "/nonexistent-fuzz-book"), displayRoot: "book",
                        configuration: BookConfiguration(), toc: [TOCEntry(.chapter("index.md"))], chapters: [source])
        let chapter = ChapterParser().parse(source)
        let resolved = await BookResolver().resolve(book, chapters: [chapter],
                                                    today: Date(timeIntervalSince1970: 1_764_460_800))
        do {
            let renderer = SiteRenderer(theme: theme)
            _ = try await renderer.renderPages(resolved)
            _ = try await renderer.renderGenerated(resolved, stamp: Date(timeIntervalSince1970: 1_764_460_800))
        } catch {
            // The default theme renders every page: an error here is a finding, like a crash.
            fatalError("rendering failed: \(error)")
        }
    }
}
