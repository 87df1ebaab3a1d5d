import Foundation

/// A time zone's current rules, read from the POSIX TZ string at the end of its tzdata file
/// (`/usr/share/zoneinfo/Europe/London` ends `GMT0BST,M3.5.0/1,M10.5.0`): the names readers
/// know (GMT, BST, EST, EDT — Foundation on Linux only gives "GMT+1"), the offsets, and when
/// daylight time starts and ends, which `VTIMEZONE` needs as yearly RRULEs.
public struct ZoneRules: Hashable, Sendable {
    /// A yearly transition: month, week of the month (1–4, or 5 for the last), weekday
    /// (0 = Sunday) and the local wall time in seconds after midnight.
    public struct Transition: Hashable, Sendable {
        public var month: Int
        public var week: Int
        public var weekday: Int
        public var seconds: Int
    }

    public var identifier: String
    public var standardName: String
    /// Offsets from UTC in seconds (east positive).
    public var standardOffset: Int
    public var daylightName: String?
    public var daylightOffset: Int?
    /// When daylight time starts (in standard time) and ends (in daylight time).
    public var daylightStart: Transition?
    public var daylightEnd: Transition?

    /// Reads the rules of `zone` from the tzdata folder.
    public init?(zone: TimeZone, zoneinfo: String = "/usr/share/zoneinfo") {
        guard let data = FileManager.default.contents(atPath: zoneinfo + "/" + zone.identifier),
              let footer = Self.footer(of: data) else { return nil }
        self.init(identifier: zone.identifier, posix: footer)
    }

    /// Parses a POSIX TZ string such as `EST5EDT,M3.2.0,M11.1.0` or `<+03>-3`.
    public init?(identifier: String, posix: String) {
        var scanner = PosixScanner(Array(posix))
        guard let std = scanner.name(), let stdOffset = scanner.offset() else { return nil }
        self.identifier = identifier
        standardName = std
        standardOffset = -stdOffset
        guard let dst = scanner.name() else { return }
        daylightName = dst
        if let explicit = scanner.offset() { daylightOffset = -explicit } else { daylightOffset = standardOffset + 3600 }
        guard scanner.take(","), let start = scanner.transition(), scanner.take(","), let end = scanner.transition() else {
            return nil
        }
        daylightStart = start
        daylightEnd = end
    }

    /// The name in use at `date`: daylight or standard.
    public func abbreviation(at date: Date, in zone: TimeZone) -> String {
        zone.isDaylightSavingTime(for: date) ? (daylightName ?? standardName) : standardName
    }

    /// The POSIX string after the last newline but one of a TZif v2+ file.
    static func footer(of data: Data) -> String? {
        guard data.count > 44, data.starts(with: Array("TZif".utf8)), data.last == 0x0A else { return nil }
        let body = data.dropLast()
        guard let newline = body.lastIndex(of: 0x0A) else { return nil }
        let footer = String(decoding: body[(newline + 1)...], as: UTF8.self)
        return footer.isEmpty ? nil : footer
    }

    private struct PosixScanner {
        var chars: [Character]
        var index = 0
        init(_ chars: [Character]) { self.chars = chars }

        mutating func take(_ char: Character) -> Bool {
            guard index < chars.count, chars[index] == char else { return false }
            index += 1
            return true
        }

        mutating func name() -> String? {
            if take("<") {
                let start = index
                while index < chars.count, chars[index] != ">" { index += 1 }
                guard index < chars.count else { return nil }
                defer { index += 1 }
                return String(chars[start..<index])
            }
            let start = index
            while index < chars.count, chars[index].isLetter { index += 1 }
            return index - start >= 3 ? String(chars[start..<index]) : nil
        }

        /// `[+-]hh[:mm[:ss]]` in seconds (POSIX sign: west of Greenwich is positive).
        mutating func offset() -> Int? {
            var sign = 1
            if take("-") { sign = -1 } else { _ = take("+") }
            guard let seconds = clock() else { return nil }
            return sign * seconds
        }

        mutating func clock() -> Int? {
            var parts: [Int] = []
            repeat {
                let start = index
                while index < chars.count, chars[index].isNumber { index += 1 }
                guard index > start, let value = Int(String(chars[start..<index])) else { return parts.isEmpty ? nil : 0 }
                parts.append(value)
            } while parts.count < 3 && take(":")
            return parts.enumerated().reduce(0) { total, part in total + part.element * [3600, 60, 1][part.offset] }
        }

        /// `Mm.w.d[/time]`; only the month form is used by tzdata's current zones.
        mutating func transition() -> Transition? {
            guard take("M") else { return nil }
            func number() -> Int? {
                let start = index
                while index < chars.count, chars[index].isNumber { index += 1 }
                return Int(String(chars[start..<index]))
            }
            guard let month = number(), take("."), let week = number(), take("."), let weekday = number() else { return nil }
            var seconds = 7200
            if take("/") {
                var sign = 1
                if take("-") { sign = -1 } else { _ = take("+") }
                seconds = sign * (clock() ?? 7200)
            }
            return Transition(month: month, week: week, weekday: weekday, seconds: seconds)
        }
    }
}
