import Foundation

/// What a session says beside its time wherever it is listed (the calendar page's weeks, month
/// grids and past sessions, `{calls}` listings, the "Next call" card): "Moved from …" when a
/// `changes:` entry moved it, and its note. The moved line carries the planned start
/// (`data-from`) and that time's zone abbreviation (`data-abbr`), so `calendar.js` can write it
/// again in the reader's zone.
struct SessionAnnotations: Sendable {
    let format: SessionFormat

    /// The start the rule gave a moved session; nil for one that runs as planned or is cancelled.
    static func plannedStart(of session: Session) -> Date? {
        if case .moved(let from) = session.status { return from }
        return nil
    }

    /// `Moved from 15:00 GMT` (the same day) or `Moved from Wednesday 6 January 2027, 15:00 GMT`,
    /// in the session's own zone.
    func movedText(_ session: Session) -> String? {
        guard let from = Self.plannedStart(of: session) else { return nil }
        let sameDay = SessionFormat.isoDay(from, in: session.zone) == SessionFormat.isoDay(session.start, in: session.zone)
        return "Moved from " + (sameDay ? "" : SessionFormat.day(from, in: session.zone) + ", ")
            + SessionFormat.clock(from, in: session.zone) + " " + format.abbreviation(from, in: session.zone)
    }

    /// The moved line and the note as HTML, each a `<span>` after a space; empty when neither applies.
    func html(_ session: Session) -> String {
        var out = ""
        if let from = Self.plannedStart(of: session), let text = movedText(session) {
            out += " <span class=\"session-moved\" data-from=\"\(HTMLEscaping.escape(SessionFormat.iso(from, in: session.zone)))\""
                + " data-abbr=\"\(HTMLEscaping.escape(format.abbreviation(from, in: session.zone)))\">"
                + HTMLEscaping.escape(text) + "</span>"
        }
        if let note = session.note {
            out += " <span class=\"session-note\">\(HTMLEscaping.escape(note))</span>"
        }
        return out
    }
}
