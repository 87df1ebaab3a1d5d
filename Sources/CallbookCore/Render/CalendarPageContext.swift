/// What `calendar.mustache` shows, besides the layout's `LayoutContext` (`CalendarPage.context()`).
/// Every name of a nested item is set, to `false` when it has no value: a missing name would be
/// looked up in the enclosing items instead.
struct CalendarPageContext: Encodable {
    /// The upcoming sessions, by week.
    var weeks: [Week]
    var hasWeeks: Bool
    /// Month grids of this month and the next two.
    var months: [Month]
    /// Each series' own feed and "add to calendar" links.
    var feeds: [Feed]
    /// The feed of every call, and its `webcal:` address when the site's address is known.
    var feedURL: String
    @FalseWhenNil var webcalURL: String?
    /// The calendar's time zone and the build's day in words.
    var zoneName: String
    var todayLabel: String
    /// The "Next call" card's HTML, for `{{{nextCall}}}`.
    var nextCall: String
    /// The sessions as data for `calendar.js` (a `<script>` element), for `{{{sessionsData}}}`.
    var sessionsData: String
    /// Each series' sessions of the last `monthsBack` months.
    var past: [PastSeries]
    var weeksAhead: Int
    var monthsBack: Int
    /// The upcoming sessions as schema.org events (a `<script>` element), for `{{{eventsJSONLD}}}`.
    var eventsJSONLD: String

    /// A week of the upcoming list: "Week of …" and its sessions.
    struct Week: Encodable {
        var label: String
        var sessions: [SessionItem]
    }

    /// A month grid: its name, rows of seven days (Monday first) and the caption's anchor.
    struct Month: Encodable {
        var name: String
        var rows: [Row]
        var id: String
    }

    /// A week of a month grid.
    struct Row: Encodable {
        var days: [Day]
    }

    /// A cell of a month grid; the cells before the first and after the last day of the month
    /// have no day and no label.
    struct Day: Encodable {
        @FalseWhenNil var day: Int?
        var sessions: [SessionItem]
        var hasSessions: Bool
        var isToday: Bool
        /// "3 March", for the cell's label.
        @FalseWhenNil var label: String?
    }

    /// A series' feed: its `.ics` file, `webcal:` address and links to add it to a calendar app.
    struct Feed: Encodable {
        var title: String
        var url: String
        @FalseWhenNil var webcal: String?
        /// Google Calendar's link for the series.
        var google: String
        /// Outlook's link for the series' next session that runs.
        @FalseWhenNil var outlook: String?
    }

    /// A series' past sessions, latest first.
    struct PastSeries: Encodable {
        var title: String
        var id: String
        var sessions: [SessionItem]
    }

    /// A session as the lists and the grids show it.
    struct SessionItem: Encodable {
        var title: String
        /// The link to the session's chapter.
        @FalseWhenNil var url: String?
        /// Its day in words, its times ("14:00–15:00 CET") and its start alone ("14:00").
        var day: String
        var span: String
        var time: String
        /// Start and end with their offset (ISO 8601), the offset alone, the zone's identifier
        /// and abbreviation.
        var start: String
        var end: String
        var offset: String
        var zoneID: String
        var zone: String
        var cancelled: Bool
        @FalseWhenNil var location: String?
        /// Why it is cancelled or moved.
        @FalseWhenNil var reason: String?
        /// The link to its own notes (past sessions of a series whose notes are per session).
        @FalseWhenNil var notes: String?
        /// Its notice and where it moved from, as HTML (empty when it has neither).
        var annotations: String
    }
}
