import Foundation

/// A page's "Last updated" date, from its file's last commit: the day in UTC, as a
/// `<time datetime>` value and as words ("30 November 2026").
enum LastUpdated {
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]

    private static func parts(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day], from: date)
    }

    static func iso(_ date: Date) -> String {
        let day = parts(date)
        return String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 1, day.day ?? 1)
    }

    static func text(_ date: Date) -> String {
        let day = parts(date)
        return "\(day.day ?? 1) \(months[(day.month ?? 1) - 1]) \(day.year ?? 0)"
    }
}
