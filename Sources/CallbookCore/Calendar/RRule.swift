import Foundation

/// An RFC 5545 recurrence rule read from its text (`FREQ=MONTHLY;BYDAY=1WE,3WE`) into
/// Foundation's `Calendar.RecurrenceRule`, which expands it in the series' own time zone, so a
/// 15:00 London session stays at 15:00 across the clock change. Supported parts: `FREQ`
/// (DAILY, WEEKLY, MONTHLY, YEARLY), `INTERVAL`, `BYDAY` (with ordinals, `-1SU`), `BYMONTHDAY`,
/// `BYMONTH`, `BYSETPOS`, `COUNT`, `UNTIL`, `WKST`. `BYSETPOS`, `COUNT` and `UNTIL` are applied
/// here after expansion (Foundation's set positions are not reliable on Linux).
public struct RRule: Hashable, Sendable {
    /// A problem in the rule text, with the offset of the part it concerns.
    public struct ParseError: Error, Sendable {
        public var message: String
        public var offset: Int
    }

    public var frequency: Calendar.RecurrenceRule.Frequency
    public var interval = 1
    public var weekdays: [Calendar.RecurrenceRule.Weekday] = []
    public var monthDays: [Int] = []
    public var months: [Int] = []
    public var setPositions: [Int] = []
    public var count: Int?
    /// The last moment a session may start (inclusive).
    public var until: Date?
    public var weekStart: Locale.Weekday?
    /// The rule as written, normalised (upper case, no spaces), for the `.ics` feed.
    public var text: String

    static let weekdayCodes: [String: Locale.Weekday] = [
        "MO": .monday, "TU": .tuesday, "WE": .wednesday, "TH": .thursday, "FR": .friday, "SA": .saturday, "SU": .sunday,
    ]

    /// Parses `text`; `UNTIL` values without `Z` are read in `zone`.
    public init(_ text: String, zone: TimeZone) throws(ParseError) {
        let cleaned = text.replacingOccurrences(of: " ", with: "").uppercased()
        let body = cleaned.hasPrefix("RRULE:") ? String(cleaned.dropFirst(6)) : cleaned
        self.text = body
        var frequency: Calendar.RecurrenceRule.Frequency?
        var offset = text.count - body.count
        for part in body.split(separator: ";", omittingEmptySubsequences: false) {
            defer { offset += part.count + 1 }
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2, !pieces[1].isEmpty else {
                throw ParseError(message: "RRULE part '\(part)' is not NAME=VALUE", offset: offset)
            }
            let (name, value) = (pieces[0], pieces[1])
            let values = value.split(separator: ",").map(String.init)
            func integers(_ range: ClosedRange<Int>, allowNegative: Bool = false) throws(ParseError) -> [Int] {
                var result: [Int] = []
                for item in values {
                    guard let number = Int(item), range.contains(abs(number)), allowNegative || number > 0 else {
                        throw ParseError(message: "RRULE \(name)=\(value): '\(item)' is not allowed", offset: offset)
                    }
                    result.append(number)
                }
                return result
            }
            switch name {
            case "FREQ":
                switch value {
                case "DAILY": frequency = .daily
                case "WEEKLY": frequency = .weekly
                case "MONTHLY": frequency = .monthly
                case "YEARLY": frequency = .yearly
                default: throw ParseError(message: "RRULE FREQ=\(value) is not supported (DAILY, WEEKLY, MONTHLY, YEARLY)", offset: offset)
                }
            case "INTERVAL":
                interval = try integers(1...1000).first ?? 1
            case "COUNT":
                count = try integers(1...100_000).first
            case "BYMONTHDAY":
                monthDays = try integers(1...31, allowNegative: true)
            case "BYMONTH":
                months = try integers(1...12)
            case "BYSETPOS":
                setPositions = try integers(1...366, allowNegative: true)
            case "WKST":
                guard let day = Self.weekdayCodes[value] else {
                    throw ParseError(message: "RRULE WKST=\(value) is not a weekday (MO, TU, WE, TH, FR, SA, SU)", offset: offset)
                }
                weekStart = day
            case "BYDAY":
                for item in values {
                    let code = String(item.suffix(2))
                    let ordinalText = String(item.dropLast(2))
                    guard let day = Self.weekdayCodes[code] else {
                        throw ParseError(message: "RRULE BYDAY=\(value): '\(item)' does not end in a weekday (MO…SU)", offset: offset)
                    }
                    if ordinalText.isEmpty {
                        weekdays.append(.every(day))
                    } else if let ordinal = Int(ordinalText), ordinal != 0, abs(ordinal) <= 53 {
                        weekdays.append(.nth(ordinal, day))
                    } else {
                        throw ParseError(message: "RRULE BYDAY=\(value): '\(item)' has a bad week number", offset: offset)
                    }
                }
            case "UNTIL":
                guard let date = Self.date(value, zone: zone) else {
                    throw ParseError(message: "RRULE UNTIL=\(value) is not a date (YYYYMMDD or YYYYMMDDTHHMMSS[Z])", offset: offset)
                }
                until = date
            default:
                throw ParseError(message: "RRULE part \(name) is not supported", offset: offset)
            }
        }
        guard let frequency else { throw ParseError(message: "RRULE needs FREQ", offset: 0) }
        if count != nil && until != nil { throw ParseError(message: "RRULE may not have both COUNT and UNTIL", offset: 0) }
        self.frequency = frequency
    }

    /// `20261231`, `20261231T170000` (in `zone`) or `20261231T170000Z`; a date alone means the
    /// end of that day.
    static func date(_ text: String, zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = text.hasSuffix("Z") ? TimeZone(identifier: "UTC")! : zone
        let digits = text.filter(\.isNumber)
        func part(_ from: Int, _ length: Int) -> Int? {
            guard digits.count >= from + length else { return nil }
            let start = digits.index(digits.startIndex, offsetBy: from)
            return Int(digits[start..<digits.index(start, offsetBy: length)])
        }
        guard let year = part(0, 4), let month = part(4, 2), let day = part(6, 2) else { return nil }
        if digits.count == 8 {
            return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 23, minute: 59, second: 59))
        }
        guard digits.count == 14, let hour = part(8, 2), let minute = part(10, 2), let second = part(12, 2) else { return nil }
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }

    /// Every session start from `start` (which must match the rule) up to `end` (inclusive).
    public func occurrences(from start: Date, through end: Date, calendar baseCalendar: Calendar) -> [Date] {
        var calendar = baseCalendar
        if let weekStart { calendar.firstWeekday = Self.firstWeekdayNumber(weekStart) }
        // A yearly rule picking weekdays of some months, every year, is the monthly rule limited
        // to those months (which Foundation expands correctly).
        let plainWeekdays = weekdays.contains { if case .every = $0 { return true } else { return false } }
        let expansionFrequency = frequency == .yearly && !months.isEmpty && interval == 1 && plainWeekdays ? .monthly : frequency
        var rule = Calendar.RecurrenceRule(calendar: calendar, frequency: expansionFrequency, interval: interval)
        rule.weekdays = weekdays
        // Foundation on Linux keeps only the first match of a plain weekday (`BYDAY=MO`) in
        // monthly and yearly rules; name the first to fifth of each instead (duplicates go below).
        if expansionFrequency == .monthly || (expansionFrequency == .yearly && !months.isEmpty) {
            rule.weekdays = weekdays.flatMap { weekday -> [Calendar.RecurrenceRule.Weekday] in
                if case .every(let day) = weekday { return (1...5).map { .nth($0, day) } }
                return [weekday]
            }
        }
        rule.daysOfTheMonth = monthDays
        rule.months = months.map { Calendar.RecurrenceRule.Month($0) }
        // Expand whole periods past `end`, so set positions see complete months or years.
        let periodAfter = calendar.date(byAdding: periodComponent, value: interval + 1, to: end) ?? end
        let horizon = until.map { min($0.addingTimeInterval(1), periodAfter) } ?? periodAfter
        guard horizon > start else { return [] }
        // With set positions, count from the start of the first period (as RFC 5545 does),
        // then drop what falls before `start`.
        var anchor = start
        if !setPositions.isEmpty, let period = calendar.dateInterval(of: periodComponent, for: start) {
            let time = calendar.dateComponents([.hour, .minute, .second], from: start)
            anchor = calendar.date(bySettingHour: time.hour ?? 0, minute: time.minute ?? 0, second: time.second ?? 0,
                                   of: period.start) ?? start
        }
        var dates = Array(Set(rule.recurrences(of: anchor, in: anchor..<horizon))).sorted()
        if !setPositions.isEmpty { dates = applySetPositions(dates, calendar: calendar).filter { $0 >= start } }
        if let until { dates = dates.filter { $0 <= until } }
        if let count { dates = Array(dates.prefix(count)) }
        return dates.filter { $0 <= end }
    }

    private var periodComponent: Calendar.Component {
        switch frequency {
        case .daily: return .day
        case .weekly: return .weekOfYear
        case .monthly: return .month
        default: return .year
        }
    }

    /// Keeps the n-th (or n-th from last) occurrence of each period, in date order.
    private func applySetPositions(_ dates: [Date], calendar: Calendar) -> [Date] {
        var groups: [[Date]] = []
        var lastKey: [Int]?
        for date in dates {
            let parts = calendar.dateComponents([.year, .month, .day, .yearForWeekOfYear, .weekOfYear], from: date)
            let key: [Int]
            switch frequency {
            case .daily: key = [parts.year!, parts.month!, parts.day!]
            case .weekly: key = [parts.yearForWeekOfYear!, parts.weekOfYear!]
            case .monthly: key = [parts.year!, parts.month!]
            default: key = [parts.year!]
            }
            if key == lastKey { groups[groups.count - 1].append(date) } else { groups.append([date]); lastKey = key }
        }
        return groups.flatMap { group in
            setPositions.compactMap { position -> Date? in
                let index = position > 0 ? position - 1 : group.count + position
                return group.indices.contains(index) ? group[index] : nil
            }.sorted()
        }.reduce(into: [Date]()) { result, date in if result.last != date { result.append(date) } }
    }

    static func firstWeekdayNumber(_ day: Locale.Weekday) -> Int {
        switch day {
        case .sunday: return 1
        case .monday: return 2
        case .tuesday: return 3
        case .wednesday: return 4
        case .thursday: return 5
        case .friday: return 6
        case .saturday: return 7
        @unknown default: return 2
        }
    }
}
