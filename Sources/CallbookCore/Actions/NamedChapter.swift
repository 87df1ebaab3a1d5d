import Foundation

/// A chapter named on the command line (`callbook ast FILE`, `callbook html FILE`): a file, or
/// `-` for standard input, with the bytes the command line read. The file itself is exempt
/// from the project root, as the user named it; what it includes is not.
public struct NamedChapter: Sendable {
    /// The file as typed, or `-`.
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    /// The file, or nil for standard input.
    var url: URL? { name == "-" ? nil : URL(fileURLWithPath: name) }

    /// How diagnostics show it.
    var displayName: String { name == "-" ? "<stdin>" : name }

    /// The parsed chapter (its diagnostics are warnings at most); when the bytes are not UTF-8
    /// or the chapter has errors, throws the report that ends the command.
    func parse(projectRoot: URL?) throws(ReportedFailure) -> Chapter {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ReportedFailure(ActionReport(messages: ["\(displayName):1:1: error: not valid UTF-8 text"], failed: true))
        }
        let files: BookFileReader?
        do {
            files = try url.map { try BookFileReader(root: ProjectRoot(bookDirectory: $0.deletingLastPathComponent(), explicit: projectRoot)) }
        } catch let error as CallbookError {
            throw ReportedFailure(.stopped(by: error))
        } catch {
            throw ReportedFailure(ActionReport(diagnostics: [.error("internal", "\(error)")], failed: true))
        }
        let chapter = ChapterParser(files: files).parse(ChapterSource(path: (displayName as NSString).lastPathComponent,
                                                                      displayPath: displayName, text: text, url: url))
        guard chapter.diagnostics.errorCount == 0 else {
            throw ReportedFailure(ActionReport(diagnostics: chapter.diagnostics, failed: true))
        }
        return chapter
    }
}

/// A report that ends an action early, thrown.
struct ReportedFailure: Error {
    var report: ActionReport

    init(_ report: ActionReport) {
        self.report = report
    }
}
