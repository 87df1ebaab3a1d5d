import Foundation

/// A day given as `YYYY-MM-DD` (`--today`), read as noon UTC, so the day is the same in every
/// zone a book uses.
public enum BuildDay {
    /// Noon UTC of the day, or nil when `text` is not a real `YYYY-MM-DD` date.
    public static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))
        guard let date, calendar.component(.day, from: date) == parts[2] else { return nil }
        return date
    }
}
