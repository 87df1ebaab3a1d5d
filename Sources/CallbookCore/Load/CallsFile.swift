import Foundation
import Yams

/// Reads `calls.yml`. Every problem is a diagnostic at its line and column; an entry with a
/// problem is left out and the rest (and the rest of the book) still builds.
public struct CallsFile {
    let file: YAMLFile
    private(set) var diagnostics: [Diagnostic] = []

    public static func read(path: String, text: String) -> (CallsConfiguration?, [Diagnostic]) {
        let file: YAMLFile
        do {
            file = try YAMLFile(path: path, text: text)
        } catch let error as CallbookError {
            return (nil, [error.diagnostic])
        } catch {
            return (nil, [.error("calls-yaml", "calls.yml could not be read", at: SourceRange(file: path, line: 1, column: 1))])
        }
        var reader = CallsFile(file: file)
        let configuration = reader.read()
        return (configuration, reader.diagnostics)
    }

    /// `[a-z0-9-]+`: a series id names a file of the site.
    static func isSlug(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    mutating func fail(_ id: String, _ message: String, _ node: Node?) {
        diagnostics.append(.error(id, message, at: file.range(of: node)))
    }

    private mutating func read() -> CallsConfiguration? {
        guard let root = file.root, case .mapping = root else {
            fail("calls-shape", "calls.yml must be a mapping with 'series' and/or 'sessions'", nil)
            return nil
        }
        var zone = TimeZone(identifier: "UTC")!
        if let zoneNode = root["timezone"] {
            if let parsed = zoneNode.scalarString.flatMap(Self.zone) { zone = parsed } else {
                fail("calls-timezone", "unknown time zone '\(zoneNode.scalarString ?? "")' (use an IANA name such as Europe/London)", zoneNode)
            }
        }
        var series: [CallSeries] = []
        var ids: [String: SourceRange] = [:]
        let seriesNodes = root["series"]?.sequenceItems ?? []
        for entry in seriesNodes {
            guard let id = entry["id"]?.scalarString, !id.isEmpty else {
                fail("calls-series-id", "a series needs an 'id'", entry)
                continue
            }
            guard Self.isSlug(id) else {
                fail("calls-series-id", "series id '\(id)' must be a slug of lower-case letters, digits and '-' (it names the feed calls/<id>.ics)", entry["id"])
                continue
            }
            if let first = ids[id] {
                fail("calls-duplicate-id", "series id '\(id)' is used twice (first at \(first))", entry["id"])
                continue
            }
            ids[id] = file.range(of: entry["id"])
            if let parsed = readSeries(entry, id: id, defaultZone: zone) { series.append(parsed) }
        }
        // skip_when must name known series.
        for index in series.indices {
            let entry = seriesNodes.first { $0["id"]?.scalarString == series[index].id }
            let nodes = entry?["skip_when"]?.sequenceItems ?? []
            for (position, other) in series[index].skipWhen.enumerated() where ids[other] == nil {
                fail("calls-skip-unknown",
                     "skip_when names '\(other)', which is not a series id (known: \(ids.keys.sorted().joined(separator: ", ")))",
                     nodes[safe: position] ?? entry?["skip_when"])
            }
            series[index].skipWhen.removeAll { ids[$0] == nil }
        }
        var sessions: [OneOffSession] = []
        for (position, entry) in (root["sessions"]?.sequenceItems ?? []).enumerated() {
            guard let title = entry["title"]?.scalarString else {
                fail("calls-session-title", "a session needs a 'title'", entry)
                continue
            }
            var entryZone = zone
            if let zoneNode = entry["timezone"] {
                guard let parsed = zoneNode.scalarString.flatMap(Self.zone) else {
                    fail("calls-timezone", "unknown time zone '\(zoneNode.scalarString ?? "")' (use an IANA name such as America/New_York)", zoneNode)
                    continue
                }
                entryZone = parsed
            }
            guard let start = readStart(entry, zone: entryZone), let duration = readDuration(entry) else { continue }
            let id = entry["id"]?.scalarString ?? "session-\(position + 1)"
            sessions.append(OneOffSession(id: id, title: title, page: entry["page"]?.scalarString, start: start, zone: entryZone,
                                          duration: duration, location: entry["location"]?.scalarString,
                                          description: entry["description"]?.scalarString, range: file.range(of: entry),
                                          pageRange: entry["page"].map { file.range(of: $0) },
                                          details: readDetails(entry, zone: entryZone, rule: nil, start: start, except: nil)))
        }
        var configuration = CallsConfiguration(file: file.path, zone: zone, series: series, sessions: sessions,
                                               baseURL: root["url"]?.scalarString)
        if let node = root["notice"] {
            switch node.scalarString {
            case "true": configuration.notice = true
            case "false": configuration.notice = false
            default: fail("calls-notice", "notice must be true or false", node)
            }
        }
        return configuration
    }

    static func zone(_ name: String) -> TimeZone? {
        // Only IANA names: TimeZone also accepts abbreviations like "EST", which hide DST.
        guard name.contains("/") || name == "UTC" else { return nil }
        return TimeZone(identifier: name)
    }

    private mutating func readSeries(_ entry: Node, id: String, defaultZone: TimeZone) -> CallSeries? {
        var zone = defaultZone
        if let zoneNode = entry["timezone"] {
            guard let parsed = zoneNode.scalarString.flatMap(Self.zone) else {
                fail("calls-timezone", "unknown time zone '\(zoneNode.scalarString ?? "")' (use an IANA name such as Europe/London)", zoneNode)
                return nil
            }
            zone = parsed
        }
        guard let start = readStart(entry, zone: zone), let duration = readDuration(entry) else { return nil }
        var rule: RRule?
        if let repeatNode = entry["repeat"], let text = repeatNode.scalarString {
            do {
                rule = try RRule(text, zone: zone)
            } catch {
                // Point at the part inside the rule text.
                var range = file.range(of: repeatNode)
                range.start.column += error.offset
                diagnostics.append(.error("calls-rrule", error.message, at: range))
                return nil
            }
            if let until = rule?.until, until < start {
                fail("calls-until-before-start", "UNTIL in 'repeat' is before the series' start", repeatNode)
                return nil
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            if let rule, rule.occurrences(from: start, through: start, calendar: calendar).first != start {
                diagnostics.append(.warning("calls-start-off-rule",
                    "start is not a day the 'repeat' rule gives; like calendar apps, callbook still counts it as the first session",
                    at: file.range(of: entry["start"])))
            }
        }
        var except: [LocalDay] = []
        for node in entry["except"]?.sequenceItems ?? [] {
            guard let day = node.scalarString.flatMap(Self.localDate) else {
                fail("calls-except", "'\(node.scalarString ?? "")' in except is not a date (YYYY-MM-DD)", node)
                continue
            }
            except.append(day)
        }
        let skipWhen = (entry["skip_when"]?.sequenceItems ?? []).compactMap(\.scalarString)
        return CallSeries(id: id, title: entry["title"]?.scalarString ?? id, page: entry["page"]?.scalarString, start: start,
                          zone: zone, duration: duration, rule: rule, except: except, skipWhen: skipWhen,
                          location: entry["location"]?.scalarString, description: entry["description"]?.scalarString,
                          range: file.range(of: entry), pageRange: entry["page"].map { file.range(of: $0) },
                          details: readDetails(entry, zone: zone, rule: rule, start: start, except: except))
    }

    private mutating func readStart(_ entry: Node, zone: TimeZone) -> Date? {
        guard let node = entry["start"], let text = node.scalarString else {
            fail("calls-start", "needs a 'start' (YYYY-MM-DD HH:MM, local time)", entry)
            return nil
        }
        guard let date = Self.localDateTime(text, zone: zone) else {
            fail("calls-start", "start '\(text)' is not YYYY-MM-DD HH:MM", node)
            return nil
        }
        return date
    }

    private mutating func readDuration(_ entry: Node) -> TimeInterval? {
        guard let node = entry["duration"], let text = node.scalarString else {
            fail("calls-duration", "needs a 'duration' (such as 1h, 90m or 1h30m)", entry)
            return nil
        }
        guard let seconds = Self.duration(text), seconds > 0 else {
            fail("calls-duration", "duration '\(text)' must be a positive length such as 1h, 90m or 1h30m", node)
            return nil
        }
        return seconds
    }

    /// `2h`, `90m`, `1h30m` → seconds; nil if not of that form (`0m` is 0, caught by the caller).
    static func duration(_ text: String) -> TimeInterval? {
        var total = 0, number = "", sawUnit = false
        for char in text.replacingOccurrences(of: " ", with: "") {
            if char.isNumber { number.append(char); continue }
            guard let value = Int(number) else { return nil }
            switch char {
            case "h": total += value * 3600
            case "m": total += value * 60
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        return sawUnit && number.isEmpty ? TimeInterval(total) : nil
    }

    /// `2026-01-07 15:00` in `zone`.
    static func localDateTime(_ text: String, zone: TimeZone) -> Date? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2, let day = localDate(String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: clock[0], minute: clock[1]))
    }

    /// `2026-12-16` → year, month, day.
    static func localDate(_ text: String) -> LocalDay? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        return LocalDay(year: parts[0], month: parts[1], day: parts[2])
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
