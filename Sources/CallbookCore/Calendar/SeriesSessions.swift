import Foundation

extension CallSeries {
    /// Dates cancelled by `except:` or by a `changes:` entry.
    var cancelledDays: Set<LocalDay> {
        Set(except).union(details.changes.values.filter(\.isCancelled).map(\.day))
    }

    /// Where the session the rule plans at `start` actually starts (moved by `changes:`).
    func actualStart(_ start: Date) -> Date {
        details.changes[Schedule.localDay(start, in: zone)]?.movedTo ?? start
    }
}

extension Schedule {
    /// The sessions of one series overlapping `from`…`through`, with their status, host,
    /// note, notes address and join link. Hosts rotate over the sessions that run (neither
    /// cancelled nor dropped by `skip_when`), counted from the series' first session; a
    /// change's `host` replaces that session's host without moving the rotation.
    func sessions(of series: CallSeries, from: Date, through: Date) -> [Session] {
        let calendar = Self.calendar(in: series.zone)
        // A session planned after `through` may have moved into the span.
        let latestMove = series.details.changes.values.compactMap { change -> Date? in
            guard change.movedTo != nil else { return nil }
            let day = calendar.date(from: DateComponents(year: change.day.year, month: change.day.month, day: change.day.day))
            return day.flatMap { calendar.date(byAdding: .day, value: 1, to: $0) }
        }.max()
        let reach = max(through, latestMove ?? through)
        let skipped = Set(skippedStarts(of: series, through: reach))
        let cancelledDays = series.cancelledDays
        let hosts = series.details.hosts
        var turn = 0
        var result: [Session] = []
        for planned in starts(of: series, through: reach) where !skipped.contains(planned) {
            let day = Self.localDay(planned, in: series.zone)
            let change = series.details.changes[day]
            var status = SessionStatus.scheduled
            var host: String?
            if cancelledDays.contains(day) {
                status = .cancelled(reason: change?.cancelledReason.flatMap { $0.isEmpty ? nil : $0 })
            } else {
                if let moved = change?.movedTo, moved != planned { status = .moved(from: planned) }
                host = change?.host ?? (hosts.isEmpty ? nil : hosts[turn % hosts.count])
                turn += 1
            }
            let start = series.actualStart(planned)
            guard start.addingTimeInterval(series.duration) > from, start <= through else { continue }
            result.append(Session(id: series.id, isOneOff: false, title: series.title, page: series.page, start: start,
                                  end: start.addingTimeInterval(series.duration), zone: series.zone,
                                  location: series.location, status: status, plannedStart: planned, host: host,
                                  note: change?.note, notes: series.details.notes?.forSession(on: day), join: series.details.join))
        }
        return result
    }
}
