import Foundation

/// One build of `callbook serve`: its problems, its line for the terminal and its live-reload
/// message.
public struct ServeBuild: Sendable {
    public var diagnostics: [Diagnostic]
    /// "Built: 12 pages, 12 rendered, 1 warning, 0 errors in 80 ms (load 5 ms, …)".
    public var summary: String
    /// The JSON the open pages receive: reload, or the error lines for the overlay with which
    /// site is shown (`new`: this build, written with its errors; `previous`: this build wrote
    /// nothing).
    public var liveReloadMessage: String

    init(_ result: BuildResult, initial: Bool, number: Int) {
        diagnostics = result.diagnostics
        let milliseconds = result.stageTimes.reduce(Duration.zero) { $0 + $1.duration }
        let what: String
        if !result.wroteSite {
            what = initial ? "Build failed, nothing to serve yet" : "Build failed, still serving the site built before it"
        } else if result.diagnostics.errorCount > 0 {
            what = "\(initial ? "Built" : "Rebuilt") with errors, serving this build"
        } else {
            what = initial ? "Built" : "Rebuilt"
        }
        let stages = result.stageTimes.map { "\($0.stage) \($0.duration.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1))))" }
        summary = "\(what): " + counted(result.pageCount, "page") + ", \(result.renderedPages) rendered, "
            + counted(result.diagnostics.warningCount, "warning") + ", " + counted(result.diagnostics.errorCount, "error")
            + " in \(milliseconds.formatted(.units(allowed: [.milliseconds]))) (\(stages.joined(separator: ", ")))"

        let errors = result.diagnostics.filter { $0.severity == .error }.sortedForDisplay()
        if errors.isEmpty {
            liveReloadMessage = #"{"type":"reload","build":"# + String(number) + "}"
        } else {
            let lines = errors.map { JSONString.quote($0.description) }.joined(separator: ",")
            liveReloadMessage = #"{"type":"errors","shown":""# + (result.wroteSite ? "new" : "previous") + #"","build":"# + String(number)
                + #","lines":["# + lines + "]}"
        }
    }
}
