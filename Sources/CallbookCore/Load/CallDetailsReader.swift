import Foundation
import Yams

extension CallsFile {
    /// Reads `join`, `notes`, `hosts`, `contact` and (for a series) `changes` of an entry.
    /// - Parameters:
    ///   - rule: the series' rule, to check that each `changes:` date is a planned session.
    ///   - except: the series' `except` dates; nil for a one-off session, which takes no `changes`.
    mutating func readDetails(_ entry: Node, zone: TimeZone, rule: RRule?, start: Date, except: [LocalDay]?) -> CallDetails {
        var details = CallDetails()
        if let node = entry["join"] {
            if let text = node.scalarString, !text.trimmingWhitespace().isEmpty {
                details.join = JoinLink(text)
                details.joinRange = file.range(of: node)
            } else {
                fail("calls-join", "join must be a meeting address (https://…), a chapter label or a sentence", node)
            }
        }
        if let node = entry["notes"], let notes = readNotes(node) {
            details.notes = notes
            details.notesRange = file.range(of: node)
        }
        if let node = entry["hosts"] {
            let items = node.sequenceItems
            let names = items.compactMap { $0.scalarString?.trimmingWhitespace() }.filter { !$0.isEmpty }
            if items.isEmpty || names.count != items.count {
                fail("calls-hosts", "hosts must be a list of names, such as [Ana, Bo]", node)
            } else {
                details.hosts = names
            }
        }
        details.contact = entry["contact"]?.scalarString
        if let node = entry["changes"] {
            guard let except else {
                fail("calls-changes-one-off", "changes: belongs to a series; change a one-off session's own fields instead", node)
                return details
            }
            details.changes = readChanges(node, zone: zone, rule: rule, start: start, except: Set(except))
        }
        return details
    }

    private mutating func readNotes(_ node: Node) -> NotesLink? {
        let text = node.scalarString ?? ""
        switch JoinLink(text) {
        case .url: break
        case .chapter(let label): return .chapter(label)
        case .text:
            fail("calls-notes", "notes must be an address (https://…, optionally with {date} for each session's date) or a chapter label", node)
            return nil
        }
        let rest = text.replacingOccurrences(of: NotesLink.placeholder, with: "")
        guard !rest.contains("{"), !rest.contains("}") else {
            fail("calls-notes", "notes may only use the placeholder {date}", node)
            return nil
        }
        return .address(text.trimmingWhitespace())
    }

    private mutating func readChanges(_ node: Node, zone: TimeZone, rule: RRule?, start: Date,
                                      except: Set<LocalDay>) -> [LocalDay: SessionChange] {
        guard case .mapping(let mapping) = node else {
            fail("calls-changes", "changes must map session dates (YYYY-MM-DD) to what changes", node)
            return [:]
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var changes: [LocalDay: SessionChange] = [:]
        for (key, value) in mapping {
            guard let day = key.scalarString.flatMap(Self.localDate),
                  let midnight = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) else {
                fail("calls-change-date", "'\(key.scalarString ?? "")' in changes is not a date (YYYY-MM-DD)", key)
                continue
            }
            if except.contains(day) {
                fail("calls-change-except", "\(day) is both in except and in changes; cancel it in one place (changes: {cancelled: reason} gives a reason)", key)
                continue
            }
            let dayEnd = calendar.date(byAdding: .day, value: 1, to: midnight) ?? midnight
            let planned = ([start] + (rule?.occurrences(from: start, through: dayEnd, calendar: calendar) ?? []))
                .contains { $0 >= midnight && $0 < dayEnd }
            guard planned else {
                fail("calls-change-not-planned", "no session of this series is planned on \(day); changes are keyed by a planned session's date", key)
                continue
            }
            if let change = readChange(value, day: day, midnight: midnight, zone: zone) { changes[day] = change }
        }
        return changes
    }

    private mutating func readChange(_ node: Node, day: LocalDay, midnight: Date, zone: TimeZone) -> SessionChange? {
        guard case .mapping(let mapping) = node else {
            fail("calls-change", "a change is a mapping of to, host, note or cancelled", node)
            return nil
        }
        var change = SessionChange(day: day)
        for (key, value) in mapping {
            let name = key.scalarString ?? ""
            guard let text = value.scalarString else {
                fail("calls-change", "\(name) must be a single value", value)
                return nil
            }
            switch name {
            case "to":
                let full = text.contains("-") ? text : "\(day) \(text)"
                guard let moved = Self.localDateTime(full, zone: zone) else {
                    fail("calls-change-to", "to '\(text)' is not HH:MM (same day) or YYYY-MM-DD HH:MM", value)
                    return nil
                }
                change.movedTo = moved
            case "host": change.host = text
            case "note": change.note = text
            case "cancelled":
                let lower = text.lowercased()
                guard lower != "false", lower != "no" else { continue }
                change.cancelledReason = ["true", "yes"].contains(lower) ? "" : text
            default:
                fail("calls-change-key", "unknown key '\(name)' in a change (known: to, host, note, cancelled)", key)
                return nil
            }
        }
        if change.isCancelled, change.movedTo != nil || change.host != nil || change.note != nil {
            fail("calls-change-conflict", "a cancelled session cannot also be moved, hosted or noted; give the reason as cancelled: …", node)
            return nil
        }
        return change
    }
}
