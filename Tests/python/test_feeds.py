"""The calendar feeds of the default book, checked by independent tools.

The default book ``content/`` is built with the callbook binary (``.build/release`` or
``.build/debug``, whichever is newer; ``swift build`` makes one when neither exists; or the binary
named by ``CALLBOOK_BIN``) into temporary folders with a fixed ``--today`` and
``SOURCE_DATE_EPOCH``. Then:

* ``icalendar`` parses every feed (``calls.ics``, ``calls/*.ics``);
* ``recurring_ical_events`` expands each feed over the next 18 months, and the result equals the
  sessions ``content/calls.yml`` implies, computed here from the YAML with ``dateutil.rrule`` and
  ``zoneinfo`` (not from callbook's code): each series' recurrences in its own zone, minus its
  ``except`` dates and the dates its ``changes:`` cancel, minus the (planned) days when a running
  session of a ``skip_when`` series falls (a moved one on the day it moved to), moved sessions at
  their new times, plus the one-off sessions;
* the schema.org ``Event`` JSON-LD of ``calendar.html`` and of the ``{calls}`` listing, read with
  ``extruct`` (a JSON-LD/microdata extractor from PyPI), and ``calls.json`` list exactly the
  sessions of the feed over their spans, with cancelled ones marked as such and moved ones as
  rescheduled;
* ``calls.json`` has exactly the keys the README's schema section lists, for every object (the
  ``join`` and ``notes`` of each kind), in ``content/`` and in a small book with addresses;
* within the span ``calendar.html`` lists (its upcoming section) and the span of the ``{calls}``
  listing in ``coworking/collabcafe.html``, the feed's sessions equal what the page lists, less the
  sessions the page marks cancelled.

The book is built several times per date: a known bug (``except`` dates looked up in a
``Set<DateComponents>`` whose hashes disagree with ``==`` on Linux) makes each lookup of a cancelled
date succeed or fail by chance, so one build may happen to be right; every build must be.

Without ``swift`` (and without a built binary) the tests are skipped, or fail when
``CALLBOOK_REQUIRE_TOOLS=1`` is set (CI sets it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

REPO = Path(__file__).resolve().parents[2]
BOOK = REPO / "content"
UTC = dt.timezone.utc
SOURCE_DATE_EPOCH = 1_767_225_600  # 2026-01-01T00:00:00Z
# 5 January: the one-off Americas session (12 February) is on the calendar page; 1 December: the
# cancelled Cafe of 16 December is on the page and in the {calls} listing.
TODAYS = ["2026-01-05", "2026-12-01"]
BUILDS_PER_DAY = 3
MONTHS_AHEAD = 18

# Fixed: several builds per day guard against it coming back.
EXCEPT_BUG = (
    "was a callbook bug: except dates were looked up in a Set<DateComponents> whose hash disagrees with == "
    "on Linux (DateComponents(year:month:day:) has isLeapMonth nil, Calendar.dateComponents gives "
    "false), so about half the builds miss the cancellation of 2026-12-16: the Cafe stays in the "
    "feed without EXDATE, or is not marked cancelled on the page, and the coworking call is "
    "skipped that day although the Cafe does not run"
)


# --- tools -----------------------------------------------------------------------------------


def require_tools() -> bool:
    return os.environ.get("CALLBOOK_REQUIRE_TOOLS") == "1"


def unavailable(message: str):
    """Skips the test, or fails it when CALLBOOK_REQUIRE_TOOLS=1."""
    if require_tools():
        pytest.fail(message + " (CALLBOOK_REQUIRE_TOOLS=1: missing tools are failures)", pytrace=False)
    pytest.skip(message)


def find_callbook() -> Path:
    configured = os.environ.get("CALLBOOK_BIN")
    if configured:
        path = Path(configured)
        if not path.is_file():
            pytest.fail(f"CALLBOOK_BIN={configured} is not a file", pytrace=False)
        return path
    candidates = [p for p in (REPO / ".build/release/callbook", REPO / ".build/debug/callbook") if p.is_file()]
    if candidates:
        return max(candidates, key=lambda p: p.stat().st_mtime)
    swift = shutil.which("swift")
    if not swift:
        unavailable("swift is not installed and no callbook binary is built (.build/{release,debug}/callbook): "
                    "cannot build the default book")
    run = subprocess.run([swift, "build", "--product", "callbook"], cwd=REPO, capture_output=True, text=True)
    if run.returncode != 0:
        pytest.fail("swift build --product callbook failed:\n" + run.stdout[-4000:] + run.stderr[-4000:])
    binary = REPO / ".build/debug/callbook"
    if not binary.is_file():
        pytest.fail(f"swift build succeeded but {binary} does not exist")
    return binary


@pytest.fixture(scope="module")
def callbook() -> Path:
    return find_callbook()


# --- builds ----------------------------------------------------------------------------------


@dataclass
class Site:
    root: Path
    today: str

    def text(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def feed_paths(self) -> list[str]:
        return ["calls.ics"] + sorted(f"calls/{p.name}" for p in (self.root / "calls").glob("*.ics"))


def build(callbook: Path, output: Path, today: str) -> Site:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = str(SOURCE_DATE_EPOCH)
    env["CALLBOOK_THEME"] = str(REPO / "templates")
    env.pop("CALLBOOK_BASE_URL", None)
    env.pop("GITHUB_ACTIONS", None)  # the plain diagnostics, also when the tests run in GitHub Actions
    run = subprocess.run([str(callbook), "build", str(BOOK), "--output", str(output), "--today", today],
                         cwd=REPO, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        pytest.fail(f"callbook build content exited with {run.returncode}:\n{run.stderr[-6000:]}")
    return Site(output, today)


@pytest.fixture(scope="module", params=TODAYS)
def sites(request, callbook, tmp_path_factory) -> list[Site]:
    """BUILDS_PER_DAY builds of the default book with the same --today and SOURCE_DATE_EPOCH."""
    today = request.param
    return [build(callbook, tmp_path_factory.mktemp(f"site-{today}-{n}") / "site", today)
            for n in range(BUILDS_PER_DAY)]


# --- what calls.yml implies, computed here ---------------------------------------------------


def load_calls() -> dict:
    import yaml

    return yaml.safe_load((BOOK / "calls.yml").read_text(encoding="utf-8"))


def local_datetime(text) -> dt.datetime:
    if isinstance(text, dt.datetime):
        return text.replace(tzinfo=None)
    return dt.datetime.strptime(str(text).strip(), "%Y-%m-%d %H:%M")


def as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def duration(text) -> dt.timedelta:
    match = re.fullmatch(r"\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*", str(text))
    assert match and any(match.groups()), f"bad duration {text!r} in calls.yml"
    return dt.timedelta(hours=int(match.group(1) or 0), minutes=int(match.group(2) or 0))


def rule_text(rule: str, zone: ZoneInfo) -> str:
    """The RRULE for dateutil with a naive (wall-clock) start: UNTIL as local wall time; a date
    alone means the whole day."""
    parts = []
    for part in rule.replace(" ", "").upper().removeprefix("RRULE:").split(";"):
        name, _, value = part.partition("=")
        if name == "UNTIL":
            if len(value) == 8:
                value += "T235959"
            elif value.endswith("Z"):
                moment = dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
                value = moment.astimezone(zone).strftime("%Y%m%dT%H%M%S")
        parts.append(f"{name}={value}")
    return ";".join(parts)


def changes_of(entry: dict) -> dict[dt.date, dict]:
    """A series' ``changes:`` by planned date."""
    return {as_date(day): change or {} for day, change in (entry.get("changes") or {}).items()}


def is_cancelled(change: dict) -> bool:
    value = change.get("cancelled")
    return value is not None and value is not False and str(value).lower() not in ("false", "no")


def actual_start(entry: dict, planned: dt.datetime) -> dt.datetime:
    """Where the session planned at `planned` (aware, in the series' zone) starts: `to` of its
    change, a time the same day or a day and time."""
    to = changes_of(entry).get(planned.date(), {}).get("to")
    if to is None:
        return planned
    if isinstance(to, int):  # YAML 1.1 reads an unquoted 16:00 as 960 (minutes)
        to = f"{to // 60:02d}:{to % 60:02d}"
    text = str(to).strip()
    if isinstance(to, dt.datetime) or "-" in text:
        return local_datetime(to).replace(tzinfo=planned.tzinfo)
    hour, minute = (int(part) for part in text.split(":")[:2])
    return planned.replace(hour=hour, minute=minute)


def cancelled_days(entry: dict) -> set[dt.date]:
    """`except` dates and the dates `changes:` cancel."""
    return {as_date(day) for day in entry.get("except") or []} | \
        {day for day, change in changes_of(entry).items() if is_cancelled(change)}


def series_starts(entry: dict, zone: ZoneInfo, until: dt.datetime) -> list[dt.datetime]:
    """Every start of a series (aware, in its zone) up to `until`."""
    from dateutil.rrule import rrulestr

    first = local_datetime(entry["start"])
    limit = until.astimezone(zone).replace(tzinfo=None) + dt.timedelta(days=2)
    if not entry.get("repeat"):
        naive = [first]
    else:
        naive = list(rrulestr(rule_text(entry["repeat"], zone), dtstart=first).between(first, limit, inc=True))
    return [moment.replace(tzinfo=zone) for moment in naive]


@dataclass(frozen=True, order=True)
class Session:
    start: dt.datetime  # UTC
    title: str


def implied_sessions(calls: dict, until: dt.datetime) -> dict[str, set[Session]]:
    """Series id (or one-off id) → its running sessions up to `until`."""
    default_zone = calls.get("timezone") or "UTC"
    entries = {entry["id"]: entry for entry in calls.get("series") or []}
    zones = {sid: ZoneInfo(entry.get("timezone") or default_zone) for sid, entry in entries.items()}
    starts = {sid: series_starts(entry, zones[sid], until) for sid, entry in entries.items()}
    cancelled = {sid: cancelled_days(entry) for sid, entry in entries.items()}

    running: dict[str, list[dt.datetime]] = {}

    def running_starts(sid: str, seen=()) -> list[dt.datetime]:
        if sid in running:
            return running[sid]
        assert sid not in seen, f"skip_when cycle through {sid}"
        zone = zones[sid]
        busy = set()
        for other in entries[sid].get("skip_when") or []:
            busy |= {actual_start(entries[other], moment).astimezone(zone).date()
                     for moment in running_starts(other, seen + (sid,))}
        running[sid] = [m for m in starts[sid] if m.date() not in cancelled[sid] and m.date() not in busy]
        return running[sid]

    result = {sid: {Session(actual_start(entries[sid], m).astimezone(UTC), entries[sid].get("title") or sid)
                    for m in running_starts(sid)}
              for sid in entries}
    for index, entry in enumerate(calls.get("sessions") or []):
        zone = ZoneInfo(entry.get("timezone") or default_zone)
        start = local_datetime(entry["start"]).replace(tzinfo=zone).astimezone(UTC)
        duration(entry["duration"])  # must be valid
        result.setdefault(entry.get("id") or f"session-{index + 1}", set()).add(Session(start, entry["title"]))
    return result


def within(sessions, start: dt.datetime, end: dt.datetime) -> set[Session]:
    return {s for s in sessions if start <= s.start < end}


def start_of_day(day: str, zone: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(0), ZoneInfo(zone))


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    from dateutil.relativedelta import relativedelta

    return moment + relativedelta(months=months)


# --- feeds -----------------------------------------------------------------------------------


def parse_feed(text: str):
    import icalendar

    return icalendar.Calendar.from_ical(text)


def expand_feed(text: str, start: dt.datetime, end: dt.datetime) -> set[Session]:
    import recurring_ical_events

    found = set()
    for event in recurring_ical_events.of(parse_feed(text)).between(start, end):
        begin = event.decoded("DTSTART")
        assert isinstance(begin, dt.datetime) and begin.tzinfo is not None, f"{event.get('UID')}: floating DTSTART"
        found.add(Session(begin.astimezone(UTC), str(event.get("SUMMARY"))))
    return within(found, start, end)


def window(site: Site, calls: dict) -> tuple[dt.datetime, dt.datetime]:
    start = start_of_day(site.today, calls.get("timezone") or "UTC")
    return start, add_months(start, MONTHS_AHEAD)


def show(sessions) -> list[str]:
    return [f"{s.start:%Y-%m-%dT%H:%MZ} {s.title}" for s in sorted(sessions)]


def difference(expected: set[Session], actual: set[Session]) -> str:
    return f"missing from the feed: {show(expected - actual)}\nnot implied by calls.yml: {show(actual - expected)}"


# --- pages -----------------------------------------------------------------------------------


@dataclass
class ListedSession:
    start: dt.datetime  # UTC
    title: str
    cancelled: bool


@dataclass
class _Item:
    classes: list[str]
    title: str = ""
    times: list[str] = field(default_factory=list)


class SessionListParser(HTMLParser):
    """The `<li class="session…">` items inside the first element with `container` (an
    attribute name and value): their `<time datetime>`, title text and cancelled mark."""

    def __init__(self, container: tuple[str, str]):
        super().__init__(convert_charrefs=True)
        self.container = container
        self.depth = 0  # > 0 inside the container
        self.done = False
        self.items: list[_Item] = []
        self.in_title = 0
        self.heading = ""
        self.in_heading = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.done:
            return
        if self.depth == 0:
            name, value = self.container
            if value in (attributes.get(name) or "").split() or attributes.get(name) == value:
                self.depth = 1
            return
        self.depth += 1 if tag not in ("meta", "link", "br", "img", "input") else 0
        classes = (attributes.get("class") or "").split()
        if tag == "li" and "session" in classes:
            self.items.append(_Item(classes))
        elif tag == "span" and "session-title" in classes and self.items:
            self.in_title = 1
        elif self.in_title:
            self.in_title += 1
        elif tag == "time" and self.items and attributes.get("datetime"):
            self.items[-1].times.append(attributes["datetime"])
        if tag == "h2":
            self.in_heading = True

    def handle_endtag(self, tag):
        if self.done or self.depth == 0:
            return
        if tag in ("meta", "link", "br", "img", "input"):
            return
        if self.in_title:
            self.in_title -= 1
        if tag == "h2":
            self.in_heading = False
        self.depth -= 1
        if self.depth == 0:
            self.done = True

    def handle_data(self, data):
        if self.depth and self.in_title and self.items:
            self.items[-1].title += data
        if self.depth and self.in_heading:
            self.heading += data


def listed_sessions(html: str, container: tuple[str, str], default_title: str = "") -> tuple[list[ListedSession], str]:
    parser = SessionListParser(container)
    parser.feed(html)
    assert parser.depth or parser.done, f"no element with {container[0]}={container[1]!r}"
    sessions = []
    for item in parser.items:
        assert len(item.times) == 1, f"a session item should have one <time datetime>: {item}"
        moment = dt.datetime.fromisoformat(item.times[0])
        assert moment.tzinfo is not None, f"<time datetime={item.times[0]!r}> has no offset"
        sessions.append(ListedSession(moment.astimezone(UTC), item.title.strip() or default_title,
                                      "cancelled" in item.classes))
    return sessions, parser.heading


# --- tests -----------------------------------------------------------------------------------


def test_every_feed_parses(sites):
    import icalendar

    calls = load_calls()
    series_ids = {entry["id"] for entry in calls["series"]}
    for site in sites[:1]:
        paths = site.feed_paths()
        assert paths == ["calls.ics"] + sorted(f"calls/{sid}.ics" for sid in series_ids)
        for path in paths:
            raw = (site.root / path).read_bytes()
            assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), f"{path}: not CRLF"
            calendar = parse_feed(raw.decode("utf-8"))
            assert calendar.name == "VCALENDAR"
            assert str(calendar.get("VERSION")) == "2.0"
            events = list(calendar.walk("VEVENT"))
            assert events, f"{path} has no VEVENT"
            # One main event per UID; the others with that UID are RECURRENCE-ID overrides.
            uids = [str(event.get("UID")) for event in events if event.get("RECURRENCE-ID") is None]
            assert len(set(uids)) == len(uids), f"{path}: UIDs repeat: {uids}"
            overrides = [(str(event.get("UID")), event.decoded("RECURRENCE-ID")) for event in events
                         if event.get("RECURRENCE-ID") is not None]
            assert len(set(overrides)) == len(overrides), f"{path}: overrides repeat: {overrides}"
            assert {uid for uid, _ in overrides} <= set(uids), f"{path}: an override without its event"
            for event in events:
                assert event.decoded("DTSTAMP") == dt.datetime.fromtimestamp(SOURCE_DATE_EPOCH, UTC), path
                begin = event.decoded("DTSTART")
                assert isinstance(begin, dt.datetime) and begin.tzinfo is not None
                assert event.decoded("DTEND") > begin
                assert event.get("SUMMARY")
            zones = {str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")}
            used = {event["DTSTART"].params.get("TZID") for event in events}
            assert used <= zones, f"{path}: TZIDs without VTIMEZONE: {used - zones}"
            if path != "calls.ics":
                sid = Path(path).stem
                assert [uid.split("@")[0] for uid in uids] == [sid], f"{path}: {uids}"
            assert isinstance(calendar, icalendar.Calendar)


def test_feeds_equal_the_sessions_calls_yml_implies(sites):
    calls = load_calls()
    start, end = window(sites[0], calls)
    implied = implied_sessions(calls, end)
    expected_all = within(set().union(*implied.values()), start, end)
    assert expected_all, "calls.yml implies no session in the window"
    for number, site in enumerate(sites):
        for path in site.feed_paths():
            feed = expand_feed(site.text(path), start, end)
            expected = expected_all if path == "calls.ics" else within(implied[Path(path).stem], start, end)
            assert feed == expected, f"build {number + 1}, {path}:\n" + difference(expected, feed)


def test_feeds_equal_the_sessions_calls_yml_implies_apart_from_cancelled_days(sites):
    """The same comparison with the days of `except` dates (and the sessions on them in every
    series) left out on both sides, so that it holds while the bug above lasts."""
    calls = load_calls()
    start, end = window(sites[0], calls)
    implied = implied_sessions(calls, end)
    zone = ZoneInfo(calls.get("timezone") or "UTC")
    cancelled = set().union(*(cancelled_days(entry) for entry in calls["series"]))

    def keep(sessions):
        return {s for s in sessions if s.start.astimezone(zone).date() not in cancelled}

    expected_all = keep(within(set().union(*implied.values()), start, end))
    titles = {s.title for s in expected_all}
    assert {entry["title"] for entry in calls["series"]} <= titles
    for number, site in enumerate(sites):
        for path in site.feed_paths():
            feed = keep(expand_feed(site.text(path), start, end))
            expected = expected_all if path == "calls.ics" else keep(within(implied[Path(path).stem], start, end))
            assert feed == expected, f"build {number + 1}, {path}:\n" + difference(expected, feed)


def listing_marks(request):
    """The {calls} listing and calls/collabcafe.ics disagree on 16 December in about half the
    builds (each looks the cancelled date up in its own Set), so the comparison fails when that
    day is among the three listed sessions. (calendar.html and calls.ics happen to agree with each
    other, right or wrong, in practice: the feed test above catches them being wrong.)"""
    # The fixed bug this guarded against is described in EXCEPT_BUG; nothing to mark now.
    return None


def test_calendar_page_lists_what_the_feed_has(sites):
    calls = load_calls()
    zone = calls.get("timezone") or "UTC"
    for number, site in enumerate(sites):
        listed, heading = listed_sessions(site.text("calendar.html"), ("class", "upcoming"))
        match = re.search(r"Next (\d+) weeks", heading)
        assert match, f"upcoming heading: {heading!r}"
        start = start_of_day(site.today, zone)
        end = start + dt.timedelta(weeks=int(match.group(1)))
        assert listed, "the calendar page lists no upcoming session"
        assert all(start <= s.start <= end for s in listed), "a listed session is outside the span"
        assert [s.start for s in listed] == sorted(s.start for s in listed)
        page = {Session(s.start, s.title) for s in listed if not s.cancelled}
        feed = expand_feed(site.text("calls.ics"), start, end)
        assert feed == page, f"build {number + 1}:\nmissing from the page: {show(feed - page)}\n" \
                             f"missing from the feed: {show(page - feed)}"


def test_calls_listing_lists_what_the_feed_has(sites, request):
    listing_marks(request)
    calls = load_calls()
    zone = calls.get("timezone") or "UTC"
    cafe = next(entry for entry in calls["series"] if entry["id"] == "collabcafe")
    for number, site in enumerate(sites):
        listed, _ = listed_sessions(site.text("coworking/collabcafe.html"), ("data-series", "collabcafe"),
                                    default_title=cafe["title"])
        # The chapter asks for `:count: 3`.
        assert len(listed) == 3, f"build {number + 1}: {listed}"
        start = start_of_day(site.today, zone)
        assert listed[0].start >= start
        end = listed[-1].start + dt.timedelta(seconds=1)
        page = {Session(s.start, cafe["title"]) for s in listed if not s.cancelled}
        feed = expand_feed(site.text("calls/collabcafe.ics"), start, end)
        assert feed == page, f"build {number + 1}:\nmissing from the listing: {show(feed - page)}\n" \
                             f"missing from the feed: {show(page - feed)}"
        # And the next three sessions of the series from today, cancelled ones included, are these.
        implied_all = sorted(s for s in series_starts_utc(cafe, calls, end + dt.timedelta(days=1))
                             if s >= start)[:3]
        assert [s.start for s in listed] == implied_all


def series_starts_utc(entry: dict, calls: dict, until: dt.datetime) -> list[dt.datetime]:
    """Every session's actual start (moved ones at their new time, cancelled ones included)."""
    zone = ZoneInfo(entry.get("timezone") or calls.get("timezone") or "UTC")
    return sorted(actual_start(entry, m).astimezone(UTC) for m in series_starts(entry, zone, until))


def test_builds_are_byte_identical(sites):
    first = sites[0]
    for number, site in enumerate(sites[1:], start=2):
        for path in first.feed_paths() + ["calendar.html", "coworking/collabcafe.html"]:
            assert (site.root / path).read_bytes() == (first.root / path).read_bytes(), \
                f"build {number} differs from build 1 in {path}"


# --- text values with control characters -----------------------------------------------------


def test_control_characters_in_calls_yml_never_become_properties(callbook, tmp_path):
    """A bare CR, VT or FF in a ``calls.yml`` value must not start a line of its own: RFC 5545
    TEXT excludes control characters other than HTAB, and a line break is written ``\\n``."""
    book = tmp_path / "book"
    book.mkdir()
    (book / "index.md").write_text("# Home\n", encoding="utf-8")
    (book / "calls.yml").write_text(
        "timezone: Europe/London\n"
        "series:\n"
        "  - id: cafe\n"
        '    title: "Cafe\\rX-INJ-TITLE:1"\n'
        "    start: 2026-01-07 15:00\n"
        "    duration: 1h\n"
        "    repeat: FREQ=WEEKLY\n"
        '    location: "x\\rX-INJ:1\\vY\\fZ"\n'
        '    description: "one\\r\\ntwo\\nthree"\n',
        encoding="utf-8",
    )
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(SOURCE_DATE_EPOCH), CALLBOOK_THEME=str(REPO / "templates"))
    env.pop("CALLBOOK_BASE_URL", None)
    env.pop("GITHUB_ACTIONS", None)  # the plain diagnostics, also when the tests run in GitHub Actions
    run = subprocess.run([str(callbook), "build", str(book), "--output", str(tmp_path / "site"), "--today", "2026-01-05"],
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    for name in ["calls.ics", "calls/cafe.ics"]:
        raw = (tmp_path / "site" / name).read_bytes()
        assert b"\r" not in raw.replace(b"\r\n", b""), name
        assert not any(byte < 0x20 and byte not in (0x09, 0x0A, 0x0D) for byte in raw), name
        events = [c for c in parse_feed(raw.decode("utf-8")).walk() if c.name == "VEVENT"]
        assert len(events) == 1, name
        event = events[0]
        assert not [key for key in event.keys() if key.startswith("X-INJ")], name
        assert str(event["SUMMARY"]) == "Cafe\nX-INJ-TITLE:1"
        assert str(event["LOCATION"]) == "x\nX-INJ:1YZ"
        assert str(event["DESCRIPTION"]) == "one\ntwo\nthree"


# --- overrides, calendar properties, JSON-LD and calls.json ----------------------------------


def test_moved_and_changed_sessions_are_overrides(sites):
    """Every change that does not cancel (a move, another host, a note) is a RECURRENCE-ID
    override of its series' event at the planned time; cancellations are EXDATEs only."""
    calls = load_calls()
    site = sites[0]
    horizon = add_months(start_of_day(site.today, calls.get("timezone") or "UTC"), 24)
    for entry in calls["series"]:
        zone = ZoneInfo(entry.get("timezone") or calls.get("timezone") or "UTC")
        feed = parse_feed(site.text(f"calls/{entry['id']}.ics"))
        assert str(feed.get("X-WR-CALNAME")) == entry["title"]
        assert feed.get("REFRESH-INTERVAL").to_ical() == b"PT12H"
        assert str(feed.get("X-PUBLISHED-TTL")) == "PT12H"
        overrides = {}
        for event in feed.walk("VEVENT"):
            if event.get("RECURRENCE-ID") is not None:
                overrides[event.decoded("RECURRENCE-ID").astimezone(zone).date()] = event.decoded("DTSTART")
        planned = {m.date(): m for m in series_starts(entry, zone, horizon)}
        expected = {day: actual_start(entry, planned[day]) for day, change in changes_of(entry).items()
                    if not is_cancelled(change) and day in planned}
        assert overrides == expected, entry["id"]


def json_ld_events(html: str) -> list[dict]:
    import extruct

    events = []
    for item in extruct.extract(html, syntaxes=["json-ld"], uniform=False)["json-ld"]:
        assert item.get("@context") == "https://schema.org"
        events += item.get("@graph") or [item]
    assert all(event.get("@type") == "Event" for event in events)
    return events


def event_session(event: dict) -> Session:
    start = dt.datetime.fromisoformat(event["startDate"])
    assert start.tzinfo is not None, f"startDate without offset: {event['startDate']}"
    assert dt.datetime.fromisoformat(event["endDate"]) > start
    return Session(start.astimezone(UTC), event["name"])


def status(event: dict) -> str:
    return event["eventStatus"].removeprefix("https://schema.org/")


def moved_sessions(calls: dict, until: dt.datetime) -> set[Session]:
    """Sessions that `changes:` move, at their new times."""
    moved = set()
    for entry in calls["series"]:
        zone = ZoneInfo(entry.get("timezone") or calls.get("timezone") or "UTC")
        for planned in series_starts(entry, zone, until):
            change = changes_of(entry).get(planned.date(), {})
            if change.get("to") is not None and not is_cancelled(change):
                moved.add(Session(actual_start(entry, planned).astimezone(UTC), entry["title"]))
    return moved


# The chapter of each series of content/calls.yml, with its {calls} listing.
CHAPTERS = {"collabcafe": "coworking/collabcafe.html", "coworking": "coworking/daily.html"}


def test_json_ld_lists_what_the_feed_has(sites):
    calls = load_calls()
    zone = calls.get("timezone") or "UTC"
    for number, site in enumerate(sites):
        start = start_of_day(site.today, zone)
        # calendar.html: the upcoming list's weeks.
        html = site.text("calendar.html")
        _, heading = listed_sessions(html, ("class", "upcoming"))
        end = start + dt.timedelta(weeks=int(re.search(r"Next (\d+) weeks", heading).group(1)))
        events = json_ld_events(html)
        assert events, "calendar.html has no JSON-LD events"
        for event in events:
            assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
            assert event["location"]["@type"] == "VirtualLocation"
            assert event["organizer"]["name"] == "The callbook contributors"
        running = {event_session(e) for e in events if status(e) != "EventCancelled"}
        feed = expand_feed(site.text("calls.ics"), start, end)
        assert running == feed, f"build {number + 1}:\nmissing from the JSON-LD: {show(feed - running)}\n" \
                                f"missing from the feed: {show(running - feed)}"
        listed, _ = listed_sessions(html, ("class", "upcoming"))
        assert {event_session(e).start for e in events if status(e) == "EventCancelled"} == \
            {s.start for s in listed if s.cancelled}
        assert {event_session(e) for e in events if status(e) == "EventRescheduled"} == \
            within(moved_sessions(calls, end), start, end)
        # Each series' chapter: the events are the sessions its {calls} listing shows.
        for entry in calls["series"]:
            html = site.text(CHAPTERS[entry["id"]])
            listed, _ = listed_sessions(html, ("data-series", entry["id"]), default_title=entry["title"])
            events = json_ld_events(html)
            assert listed and [event_session(e).start for e in events] == [s.start for s in listed], entry["id"]
            assert {e["name"] for e in events} == {entry["title"]}
            assert [status(e) == "EventCancelled" for e in events] == [s.cancelled for s in listed]
            end = listed[-1].start + dt.timedelta(seconds=1)
            running = {event_session(e) for e in events if status(e) != "EventCancelled"}
            assert running == expand_feed(site.text(f"calls/{entry['id']}.ics"), start, end), \
                f"build {number + 1}, {entry['id']}"


def test_calls_json_lists_what_the_feed_has(sites):
    calls = load_calls()
    for number, site in enumerate(sites):
        data = json.loads(site.text("calls.json"))
        assert data["version"] == 1
        start = dt.datetime.fromisoformat(data["from"])
        end = dt.datetime.fromisoformat(data["until"])
        assert start == start_of_day(site.today, calls.get("timezone") or "UTC")
        assert end == add_months(start, 12)
        assert [series["id"] for series in data["series"]] == [entry["id"] for entry in calls["series"]]
        sessions = data["sessions"]
        assert [s["start"] for s in sessions] == sorted(s["start"] for s in sessions)
        for session in sessions:
            moment = dt.datetime.fromisoformat(session["start"])
            local = moment.astimezone(ZoneInfo(session["zone"])).strftime("%Y-%m-%dT%H:%M")
            assert session["localStart"] == local, session
            assert session["status"] in ("scheduled", "moved", "cancelled")
        running = {Session(dt.datetime.fromisoformat(s["start"]), s["title"]) for s in sessions if s["status"] != "cancelled"}
        feed = expand_feed(site.text("calls.ics"), start, end)
        assert running == feed, f"build {number + 1}:\nmissing from calls.json: {show(feed - running)}\n" \
                                f"missing from the feed: {show(running - feed)}"
        moved = {Session(dt.datetime.fromisoformat(s["start"]), s["title"]) for s in sessions if s["status"] == "moved"}
        assert moved == within(moved_sessions(calls, end), start, end)
        for sid in {entry["id"] for entry in calls["series"]}:
            mine = {Session(dt.datetime.fromisoformat(s["start"]), s["title"])
                    for s in sessions if s["series"] == sid and s["status"] != "cancelled"}
            assert mine == expand_feed(site.text(f"calls/{sid}.ics"), start, end), f"build {number + 1}, {sid}"


# --- calls.json keys as the README documents them --------------------------------------------


def documented_keys() -> dict[str, tuple[set[str], set[str]]]:
    """The README's list of calls.json keys: object -> (keys always present, keys present when
    `kind` is `chapter`)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### calls.json", 1)[1].split("\n## ", 1)[0]
    listing = section.split("The keys of each object", 1)[1].split("\n\n", 2)[1]
    keys = {}
    for line in listing.splitlines():
        name, rest = line.removeprefix("- ").split(": ", 1)
        always, _, chapter = rest.partition("; ")
        if chapter:
            assert chapter.endswith(" when `kind` is `chapter`"), line
        keys[name] = (set(re.findall(r"`(\w+)`", always)), set(re.findall(r"`(\w+)`", chapter.split(" when ")[0])))
    return keys


def assert_documented(kind: str, value: dict, keys: dict) -> None:
    always, chapter = keys[kind]
    expected = always | (chapter if value.get("kind") == "chapter" else set())
    assert set(value) == expected, f"{kind}: calls.json has {sorted(value)}, the README documents {sorted(expected)}"


def test_calls_json_has_exactly_the_keys_the_readme_documents(sites, callbook, tmp_path):
    keys = documented_keys()
    assert set(keys) == {"top level", "book", "series", "session", "join", "notes"}
    # content/ has chapter labels for join and notes; a second book has an address, a {date}
    # template and words.
    book = tmp_path / "book"
    book.mkdir()
    (book / "index.md").write_text("# Home\n", encoding="utf-8")
    (book / "calls.yml").write_text(
        "timezone: Europe/London\n"
        "series:\n"
        "  - id: cafe\n"
        "    title: Cafe\n"
        "    start: 2026-01-07 15:00\n"
        "    duration: 1h\n"
        "    repeat: FREQ=WEEKLY;COUNT=2\n"
        "    join: https://meet.example.org/cafe\n"
        "    notes: https://notes.example.org/cafe-{date}\n"
        "  - id: quiet\n"
        "    title: Quiet hour\n"
        "    start: 2026-01-08 10:00\n"
        "    duration: 1h\n"
        "    repeat: FREQ=WEEKLY;COUNT=1\n"
        "    join: the link is sent to the mailing list\n",
        encoding="utf-8",
    )
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(SOURCE_DATE_EPOCH), CALLBOOK_THEME=str(REPO / "templates"))
    env.pop("CALLBOOK_BASE_URL", None)
    run = subprocess.run([str(callbook), "build", str(book), "--output", str(tmp_path / "site"), "--today", "2026-01-05"],
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    other = json.loads((tmp_path / "site" / "calls.json").read_text(encoding="utf-8"))
    documents = [json.loads(site.text("calls.json")) for site in sites] + [other]
    seen = set()
    for data in documents:
        assert_documented("top level", data, keys)
        assert_documented("book", data["book"], keys)
        for item, kind in [(s, "series") for s in data["series"]] + [(s, "session") for s in data["sessions"]]:
            assert_documented(kind, item, keys)
            for link in ("join", "notes"):
                if item[link] is not None:
                    assert_documented(link, item[link], keys)
                    seen.add((link, item[link]["kind"]))
    assert seen == {("join", "chapter"), ("join", "url"), ("join", "text"), ("notes", "chapter"), ("notes", "url")}
    # The second book's values, by hand: the template filled with each session's date.
    cafe = [s for s in other["sessions"] if s["series"] == "cafe"]
    assert [s["notes"] for s in cafe] == [{"kind": "url", "url": "https://notes.example.org/cafe-2026-01-07"},
                                          {"kind": "url", "url": "https://notes.example.org/cafe-2026-01-14"}]
    assert other["series"][0]["notes"] == {"kind": "url", "url": "https://notes.example.org/cafe-{date}"}
    assert other["series"][1]["join"] == {"kind": "text", "url": None, "text": "the link is sent to the mailing list"}
