import Foundation

/// A page's "Last updated" date, from its file's last commit: the day in UTC, as a
/// `<time datetime>` value and in words ("30 November 2026").
struct LastUpdated: Encodable, Sendable {
    /// `2026-11-30`.
    var iso: String
    /// `30 November 2026`.
    var text: String

    init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        let (year, month, dayOfMonth) = (day.year ?? 0, day.month ?? 1, day.day ?? 1)
        iso = String(format: "%04d-%02d-%02d", year, month, dayOfMonth)
        text = "\(dayOfMonth) \(SessionFormat.months[month - 1]) \(year)"
    }
}
