/// What a command's action found and has to say: the problems (printed once by the command
/// line, sorted, in the format asked for), data for standard output, lines for the reader on
/// standard error, and whether the command failed (exit status 1).
public struct ActionReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// Data for standard output (`ast`'s JSON, `html`'s HTML), printed after the diagnostics.
    public var output: String?
    /// Lines for the reader (timings, summaries), printed on standard error after the diagnostics.
    public var messages: [String] = []
    public var failed = false
    /// The build behind the report, if any: for a closer look, and held until the process
    /// exits, as freeing a large book's trees one by one would only delay the exit.
    public var build: BuildResult?

    public init(diagnostics: [Diagnostic] = [], output: String? = nil, messages: [String] = [], failed: Bool = false) {
        self.diagnostics = diagnostics
        self.output = output
        self.messages = messages
        self.failed = failed
    }

    /// A report of an error that stopped the action: its diagnostic after the notes explaining it.
    static func stopped(by error: CallbookError) -> ActionReport {
        ActionReport(diagnostics: error.notes + [error.diagnostic], failed: true)
    }
}
