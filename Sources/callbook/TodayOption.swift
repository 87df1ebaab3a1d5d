import ArgumentParser
import CallbookCore
import Foundation

/// `--today YYYY-MM-DD`, shared by the commands that build a book for the calendar: the day
/// taken as "now", for reproducible builds.
struct TodayOption: ParsableArguments {
    @Option(help: ArgumentHelp("Fix \"now\" for the calendar (which sessions are upcoming), for reproducible builds.",
                               valueName: "YYYY-MM-DD"))
    var today: String?

    func validate() throws {
        if let today, BuildDay.parse(today) == nil {
            throw ValidationError("--today '\(today)' is not a date of the form YYYY-MM-DD")
        }
    }

    /// The day given (noon UTC), else now.
    var date: Date { today.flatMap(BuildDay.parse) ?? Date() }
}
