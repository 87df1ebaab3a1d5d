@testable import CallbookCore
import Testing

/// The three ways diagnostics are printed, line by line. The GitHub form follows GitHub's
/// "workflow commands" reference (`::warning file=…,line=…,col=…,title=…::message`, with `%`,
/// CR, LF — and in properties `:` and `,` — percent-encoded).
@Suite struct DiagnosticFormatTests {
    static let warning = Diagnostic.warning("image-missing", "image 'a,b:c.png' does not exist\n100% sure",
                                            at: SourceRange(file: "book/ch 1.md", line: 12, column: 3))

    @Test func plainIsFileLineColumnSeverityMessageAndId() {
        #expect(DiagnosticFormat.plain.line(Self.warning) == "book/ch 1.md:12:3: warning: image 'a,b:c.png' does not exist\n100% sure [image-missing]")
    }

    @Test func githubIsAWorkflowCommand() {
        #expect(DiagnosticFormat.github.line(Self.warning)
                == "::warning file=book/ch 1.md,line=12,col=3,title=callbook image-missing::image 'a,b:c.png' does not exist%0A100%25 sure")
        let spanning = Diagnostic.error("x", "m", at: SourceRange(file: "a:b,c.md", start: SourcePosition(line: 1, column: 2),
                                                                   end: SourcePosition(line: 3, column: 4)))
        #expect(DiagnosticFormat.github.line(spanning) == "::error file=a%3Ab%2Cc.md,line=1,col=2,endLine=3,endColumn=4,title=callbook x::m")
        #expect(DiagnosticFormat.github.line(.error("book-empty", "nothing")) == "::error title=callbook book-empty::nothing")
    }

    @Test func jsonIsOneObjectPerLine() {
        #expect(DiagnosticFormat.json.line(Self.warning)
                == #"{"file":"book/ch 1.md","line":12,"column":3,"severity":"warning","id":"image-missing","message":"image 'a,b:c.png' does not exist\n100% sure"}"#)
    }

    @Test func githubInsideGitHubActionsElsePlain() {
        #expect(DiagnosticFormat.automatic(environment: ["GITHUB_ACTIONS": "true"]) == .github)
        #expect(DiagnosticFormat.automatic(environment: [:]) == .plain)
    }
}
