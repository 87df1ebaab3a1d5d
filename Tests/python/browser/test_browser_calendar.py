"""The calendar, reader first: the "Next call" card, every list and month grid laid out in the
reader's zone (the browser's, the picker's or ?tz=), the call's own time second; without
JavaScript, the call's own zone with its UTC offset.

The site is built with --today 2026-11-27 (a Friday); the clock is frozen in the page with
Browser.freeze_clock (a Date replaced before the page's scripts run). Expected times are worked
out by hand from content/calls.yml: the Coworking call runs Tuesdays to Thursdays 11:00-12:00
London, except on Collaboration Cafe days; the Cafe runs on the first and third Wednesday,
15:00-17:00 London, and 16 December 2026 is cancelled (the Coworking call runs that day); the
Cafe of 6 January 2027 moves to 7 January at 15:00 (so the Coworking call runs on the 6th, not
on the 7th); the Coworking call of 24 December is cancelled ("Christmas Eve"). In November to
January London is on GMT (UTC+0):

    Tue 1 Dec   Coworking call        11:00Z      Wed 2 Dec   Collaboration Cafe   15:00Z
    Thu 3 Dec   Coworking call        11:00Z
"""

from datetime import date, datetime, timedelta, timezone

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_support import PHONE, REPO, SCREENSHOTS

BEFORE = "2026-11-27T12:00:00Z"   # the build's day: the next call is Tuesday's Coworking call
DURING = "2026-12-02T15:30:00Z"   # half an hour into the Cafe
AFTER = "2026-12-02T17:30:00Z"    # the Cafe has ended: next is Thursday's Coworking call
CAFE = "2026-12-02T15:00:00+00:00"

ZONES = ["Europe/London", "America/Los_Angeles", "Asia/Tokyo", "America/St_Johns", "Pacific/Kiritimati"]

# (clock, zone) -> (title, local day, local times) of the card, by hand: LA is UTC-8, Tokyo
# UTC+9, St John's UTC-3:30, Kiritimati UTC+14 in December.
CARD = {
    (BEFORE, "Europe/London"): ("Coworking call", "Tuesday 1 December 2026", "11:00–12:00"),
    (BEFORE, "America/Los_Angeles"): ("Coworking call", "Tuesday 1 December 2026", "03:00–04:00"),
    (BEFORE, "Asia/Tokyo"): ("Coworking call", "Tuesday 1 December 2026", "20:00–21:00"),
    (BEFORE, "America/St_Johns"): ("Coworking call", "Tuesday 1 December 2026", "07:30–08:30"),
    (BEFORE, "Pacific/Kiritimati"): ("Coworking call", "Wednesday 2 December 2026", "01:00–02:00"),
    (DURING, "Europe/London"): ("Collaboration Cafe", "Wednesday 2 December 2026", "15:00–17:00"),
    (DURING, "America/Los_Angeles"): ("Collaboration Cafe", "Wednesday 2 December 2026", "07:00–09:00"),
    (DURING, "Asia/Tokyo"): ("Collaboration Cafe", "Thursday 3 December 2026", "00:00–02:00"),
    (DURING, "America/St_Johns"): ("Collaboration Cafe", "Wednesday 2 December 2026", "11:30–13:30"),
    (DURING, "Pacific/Kiritimati"): ("Collaboration Cafe", "Thursday 3 December 2026", "05:00–07:00"),
    (AFTER, "Europe/London"): ("Coworking call", "Thursday 3 December 2026", "11:00–12:00"),
    (AFTER, "America/Los_Angeles"): ("Coworking call", "Thursday 3 December 2026", "03:00–04:00"),
    (AFTER, "Asia/Tokyo"): ("Coworking call", "Thursday 3 December 2026", "20:00–21:00"),
    (AFTER, "America/St_Johns"): ("Coworking call", "Thursday 3 December 2026", "07:30–08:30"),
    (AFTER, "Pacific/Kiritimati"): ("Coworking call", "Friday 4 December 2026", "01:00–02:00"),
}
STATUS = {BEFORE: "Starts in 4 days", DURING: "Live now — join", AFTER: "Starts in 17 h 30 min"}


def upcoming_by_hand(first: date, last: date):
    """Session starts (UTC, all GMT in this span) from `first` to `last` (exclusive), from the rules."""
    starts = []
    day = first
    while day < last:
        cafe_day = day.weekday() == 2 and (day.day <= 7 or 15 <= day.day <= 21)
        if day in (date(2027, 1, 6), date(2027, 1, 7)):   # the New Year Cafe moved by a day
            cafe_day = day == date(2027, 1, 7)
        cancelled = day == date(2026, 12, 16)
        if cafe_day:
            starts.append(datetime(day.year, day.month, day.day, 15, tzinfo=timezone.utc))
        if day.weekday() in (1, 2, 3) and (not cafe_day or cancelled):
            starts.append(datetime(day.year, day.month, day.day, 11, tzinfo=timezone.utc))
        day += timedelta(days=1)
    return sorted(s.strftime("%Y-%m-%dT%H:%M:%S+00:00") for s in starts)


def open_page(browser, site, page, transport="http"):
    browser.open(site.url(transport, page))
    return browser.wait_for(lambda: browser.js("return document.documentElement.getAttribute('data-calls-zone')"),
                            message="the calendar script")


def card(browser, scope="main"):
    return browser.js("""
        var card = document.querySelector(arguments[0] + ' .next-call');
        var own = card.querySelector('.next-call-own');
        return {title: card.querySelector('.next-call-title').textContent,
                when: card.querySelector('.next-call-when time').textContent,
                start: card.querySelector('.next-call-when time').getAttribute('datetime'),
                zone: card.querySelector('.next-call-zone') ? card.querySelector('.next-call-zone').textContent : null,
                own: own.hidden ? null : own.textContent,
                status: card.querySelector('.next-call-status').textContent,
                join: card.querySelector('.next-call-status a') ? card.querySelector('.next-call-status a').getAttribute('href') : null,
                ics: card.querySelector('.next-call-ics').getAttribute('href'),
                details: card.querySelector('.next-call-details').textContent,
                links: Array.from(card.querySelectorAll('.next-call-links a')).map(function (a) {
                  return [a.textContent, a.getAttribute('href')]; }),
                top: card.getBoundingClientRect().top, bottom: card.getBoundingClientRect().bottom};""", scope)


def grid_cell(browser, month_label, day):
    """The text of a month grid's cell for `day` in the table captioned `month_label`, and its column."""
    return browser.js("""
        var label = arguments[0], day = String(arguments[1]);
        var table = Array.from(document.querySelectorAll('.months table')).filter(function (t) {
          return t.caption.textContent.indexOf(label) === 0; })[0];
        if (!table) { return null; }
        for (var r = 0; r < table.tBodies[0].rows.length; r++) {
          var cells = table.tBodies[0].rows[r].cells;
          for (var c = 0; c < cells.length; c++) {
            var n = cells[c].querySelector('.day-number');
            if (n && n.textContent === day) {
              return {text: cells[c].textContent, column: c, today: cells[c].getAttribute('aria-current'),
                      items: Array.from(cells[c].querySelectorAll('li')).map(function (li) {
                        return {text: li.textContent, cls: li.className}; })};
            }
          }
        }
        return null;""", month_label, day)


@pytest.mark.parametrize("clock", [BEFORE, DURING, AFTER], ids=["before", "during", "after"])
@pytest.mark.parametrize("zone", ZONES)
def test_the_card_names_the_next_call_in_the_readers_zone(browser, content, zone, clock):
    browser.freeze_clock(clock)
    browser.timezone(zone)
    assert open_page(browser, content, "calendar.html") == zone
    found = card(browser)
    title, day, times = CARD[(clock, zone)]
    assert found["title"] == title, found
    assert found["when"].startswith(f"{day}, {times} "), found
    assert found["zone"] == zone
    assert found["status"] == STATUS[clock], found
    if zone == "Europe/London":
        assert found["own"] is None, "a reader in the call's own zone sees one time"
    else:
        assert found["own"].startswith("Call's time: ") and found["own"].endswith("GMT (Europe/London)"), found
    if clock == DURING:
        assert found["join"] == "hosting/joining.html"   # join: ch-joining, the chapter on getting the link
    assert found["ics"] == ("calls/collabcafe.ics" if title == "Collaboration Cafe" else "calls/coworking.ics")
    # From calls.yml: the host in turn, the room, and the links to join and to the notes.
    assert found["details"].startswith(("2 hours · Host: " if title == "Collaboration Cafe" else "1 hour · Host: "))
    assert found["details"].endswith(" · Online video room"), found
    assert found["links"] == [["Join the call", "hosting/joining.html"],
                              ["Session notes", "coworking/collabcafe.html#collabcafe-notes"],
                              ["Add to calendar (.ics)", found["ics"]]]


def test_the_card_in_a_chapter(browser, content):
    browser.freeze_clock(BEFORE)
    browser.timezone("Asia/Tokyo")
    open_page(browser, content, "coworking/collabcafe.html", "file")
    found = card(browser, ".calls-listing")
    assert found["title"] == "Collaboration Cafe"
    assert found["when"].startswith("Thursday 3 December 2026, 00:00–02:00 "), found
    assert found["own"] == "Call's time: Wednesday 2 December 2026, 15:00–17:00 GMT (Europe/London)"
    assert found["ics"] == "../calls/collabcafe.ics"
    # The listing's own items are in the reader's zone too, the call's time beside them.
    items = browser.js("return Array.from(document.querySelectorAll('.calls-listing li.session')).map("
                       "function (li) { return li.textContent; })")
    assert items[0].startswith("Thursday 3 December 2026, 00:00–02:00 "), items
    assert "Call's time: Wednesday 2 December 2026, 15:00–17:00 GMT" in items[0]
    # The 16 December Cafe is cancelled: Thursday 17 December 00:00 in Tokyo, marked.
    assert items[1].startswith("Thursday 17 December 2026, 00:00–02:00 ") and "Cancelled" in items[1], items


def test_the_card_is_visible_without_scrolling_on_a_phone(browser, content):
    browser.viewport(*PHONE, mobile=True)
    browser.freeze_clock(DURING)
    browser.timezone("Asia/Tokyo")
    open_page(browser, content, "calendar.html")
    found = card(browser)
    assert 0 <= found["top"] and found["bottom"] <= PHONE[1], found
    browser.screenshot(SCREENSHOTS / "calendar-card-phone-tokyo.png", full_page=False)


@pytest.mark.parametrize("zone, day, column, clock", [
    ("Asia/Tokyo", 3, 3, "00:00"),            # Thursday
    ("Pacific/Kiritimati", 3, 3, "05:00"),    # Thursday
    ("America/Los_Angeles", 2, 2, "07:00"),   # Wednesday
    ("America/St_Johns", 2, 2, "11:30"),      # Wednesday
    ("Europe/London", 2, 2, "15:00"),         # Wednesday
])
def test_grids_put_sessions_on_the_readers_day(browser, content, zone, day, column, clock):
    browser.freeze_clock(BEFORE)
    browser.timezone(zone)
    open_page(browser, content, "calendar.html")
    cell = grid_cell(browser, "December 2026", day)
    assert cell["column"] == column
    cafe = [i for i in cell["items"] if "Collaboration Cafe" in i["text"]]
    assert [i["text"] for i in cafe] == [f"{clock} Collaboration Cafe"], cell
    if zone in ("Asia/Tokyo", "Pacific/Kiritimati"):
        wednesday = grid_cell(browser, "December 2026", 2)
        assert "Collaboration Cafe" not in wednesday["text"]
    # Today (27 November in every zone at noon UTC, 28th at Kiritimati) is marked.
    today = 28 if zone == "Pacific/Kiritimati" else 27
    assert grid_cell(browser, "November 2026", today)["today"] == "date"
    # The cancelled Cafe of 16 December (17 December in Tokyo and Kiritimati) is struck.
    cancelled_day = 17 if zone in ("Asia/Tokyo", "Pacific/Kiritimati") else 16
    items = grid_cell(browser, "December 2026", cancelled_day)["items"]
    assert any("cancelled" in i["cls"] and "(cancelled)" in i["text"] for i in items), items
    # The week lists follow the reader's weeks too.
    heading = browser.js("""var li = document.querySelector('.upcoming li.session time[datetime="%s"]').closest('li');
        var h = li.parentNode.previousElementSibling; return [h.textContent, li.querySelector('time').textContent];""" % CAFE)
    assert heading[0] == "Week of Monday 30 November 2026"
    expected_day = "Thursday 3 December 2026" if column == 3 else "Wednesday 2 December 2026"
    assert heading[1].startswith(f"{expected_day}, {clock}–"), heading


# From content/calls.yml: the Coworking call of Tuesday 22 December 2026 (11:00 GMT) has a note;
# the Cafe of Wednesday 6 January 2027, 15:00 GMT, moves to Thursday 7 January 15:00 GMT, with a
# note. In Tokyo (UTC+9) that is 20:00 on 22 December, and Friday 8 January 00:00, moved from
# Thursday 7 January 00:00: another day there too, so the moved line names the day.
NOTED_CALL = "2026-12-22T11:00:00+00:00"
MOVED_CAFE = "2027-01-07T15:00:00+00:00"
TOKYO_MOVE = "Moved from Thursday 7 January 2027, 00:00 GMT+9"


def annotated(browser, scope, start):
    """The time, moved line and note of the list item in `scope` whose <time> starts at `start`."""
    return browser.js("""
        var li = document.querySelector(arguments[0] + ' li time[datetime="' + arguments[1] + '"]').closest('li');
        function text(selector) { var n = li.querySelector(selector); return n ? n.textContent : null; }
        return [text('time'), text('.session-moved'), text('.session-note')];""", scope, start)


def test_notes_and_moves_in_lists_and_grids_in_the_readers_zone(browser, content):
    browser.freeze_clock(BEFORE)
    browser.timezone("Asia/Tokyo")
    open_page(browser, content, "calendar.html")
    assert annotated(browser, ".upcoming", MOVED_CAFE) == [
        "Friday 8 January 2027, 00:00–02:00 GMT+9", TOKYO_MOVE, "New Year edition"]
    assert annotated(browser, ".upcoming", NOTED_CALL) == [
        "Tuesday 22 December 2026, 20:00–21:00 GMT+9", None, "Last call of the year"]
    cafe = [i["text"] for i in grid_cell(browser, "January 2027", 8)["items"] if "Collaboration Cafe" in i["text"]]
    assert cafe == [f"00:00 Collaboration Cafe {TOKYO_MOVE} New Year edition"]
    assert "Collaboration Cafe" not in grid_cell(browser, "January 2027", 7)["text"]
    assert [i["text"] for i in grid_cell(browser, "December 2026", 22)["items"]] == [
        "20:00 Coworking call Last call of the year"]
    # The chapter's listing, drawn at build time, is written again in the reader's zone.
    open_page(browser, content, "coworking/collabcafe.html", "file")
    assert annotated(browser, ".calls-listing", MOVED_CAFE) == [
        "Friday 8 January 2027, 00:00–02:00 GMT+9", TOKYO_MOVE, "New Year edition"]


def test_notes_and_moves_without_javascript(browser, content):
    browser.javascript(False)
    browser.timezone("Asia/Tokyo")
    for page, scope in (("coworking/collabcafe.html", ".calls-listing"), ("calendar.html", ".upcoming")):
        browser.open(content.url("http", page))
        item = browser.driver.find_element(By.CSS_SELECTOR, f'{scope} time[datetime="{MOVED_CAFE}"]') \
            .find_element(By.XPATH, "./ancestor::li[1]")
        # The call's own zone: 15:00 GMT on Thursday 7 January, planned on Wednesday 6 January.
        assert [item.find_element(By.CSS_SELECTOR, c).text for c in ("time", ".session-moved", ".session-note")] == [
            "Thursday 7 January 2027, 15:00–17:00 GMT", "Moved from Wednesday 6 January 2027, 15:00 GMT",
            "New Year edition"], page


def test_past_sessions_are_muted(browser, content):
    browser.freeze_clock(AFTER)
    browser.timezone("Europe/London")
    open_page(browser, content, "calendar.html")
    past = browser.js("return Array.from(document.querySelectorAll('.upcoming li.session.past time')).map("
                      "function (t) { return t.getAttribute('datetime'); })")
    # The weeks start on the reader's today: the Cafe ended earlier today, Tuesday's call is gone.
    assert past == [CAFE]
    assert browser.js("return document.querySelectorAll('.upcoming li.session').length") > 10
    for day in (1, 2):
        items = grid_cell(browser, "December 2026", day)["items"]
        assert items and all("past" in i["cls"] for i in items), (day, items)
    assert not any("past" in i["cls"] for i in grid_cell(browser, "December 2026", 3)["items"])
    # Each series' sessions of the last three months, latest first.
    cafe_past = browser.js("return Array.from(document.querySelectorAll('#past-collabcafe + ul time')).map("
                           "function (t) { return t.getAttribute('datetime'); })")
    assert cafe_past == ["2026-11-18T15:00:00+00:00", "2026-11-04T15:00:00+00:00", "2026-10-21T15:00:00+01:00",
                         "2026-10-07T15:00:00+01:00", "2026-09-16T15:00:00+01:00", "2026-09-02T15:00:00+01:00"]


def test_the_zone_picker_and_tz_lay_out_the_whole_page(browser, content):
    browser.freeze_clock(BEFORE)
    browser.timezone("Europe/London")
    try:
        assert open_page(browser, content, "calendar.html?tz=Asia/Tokyo") == "Asia/Tokyo"
        assert grid_cell(browser, "December 2026", 3)["items"][0]["text"] == "00:00 Collaboration Cafe"
        assert card(browser)["when"].startswith("Tuesday 1 December 2026, 20:00–21:00 ")
        # ?tz= is for this page; the picker's choice is remembered and put in the address.
        assert browser.js("return localStorage.getItem('callbook-tz')") is None
        open_page(browser, content, "calendar.html")
        Select(browser.driver.find_element(By.ID, "zone-choice")).select_by_value("America/St_Johns")
        browser.wait_for(lambda: browser.js("return document.documentElement.getAttribute('data-calls-zone')")
                         == "America/St_Johns", message="the picked zone")
        assert "tz=America%2FSt_Johns" in browser.driver.current_url
        assert card(browser)["when"].startswith("Tuesday 1 December 2026, 07:30–08:30 ")
        assert grid_cell(browser, "December 2026", 2)["items"][0]["text"] == "11:30 Collaboration Cafe"
        open_page(browser, content, "coworking/collabcafe.html")
        assert card(browser, ".calls-listing")["when"].startswith("Wednesday 2 December 2026, 11:30–13:30 ")
        open_page(browser, content, "calendar.html")
        assert browser.js("return document.getElementById('zone-choice').value") == "America/St_Johns"
        # Back to the browser's zone: one time again.
        Select(browser.driver.find_element(By.ID, "zone-choice")).select_by_value("")
        browser.wait_for(lambda: browser.js("return document.documentElement.getAttribute('data-calls-zone')")
                         == "Europe/London", message="the browser's zone")
        assert card(browser)["own"] is None
        assert "tz=" not in browser.driver.current_url
    finally:
        browser.js("localStorage.removeItem('callbook-tz')")


def test_without_javascript_every_session_is_listed_with_its_offset(browser, content):
    browser.javascript(False)
    browser.timezone("Asia/Tokyo")
    browser.open(content.url("http", "calendar.html"))
    listed = [(li.find_element(By.TAG_NAME, "time").get_attribute("datetime"), li.find_element(By.TAG_NAME, "time").text,
               li.find_element(By.CLASS_NAME, "utc-offset").text)
              for li in browser.driver.find_elements(By.CSS_SELECTOR, ".upcoming li.session")]
    # Eight weeks from the start of Friday 27 November 2026 (London): up to Thursday 21 January.
    assert [s[0] for s in listed] == upcoming_by_hand(date(2026, 11, 27), date(2027, 1, 22))
    assert all(offset == "(UTC+00:00)" for _, _, offset in listed)
    assert ["Wednesday 2 December 2026, 15:00–17:00 GMT"] == [t for s, t, _ in listed if s == CAFE]
    found = browser.driver.find_element(By.CSS_SELECTOR, ".next-call")
    assert [found.find_element(By.CSS_SELECTOR, p).text for p in ("time", ".utc-offset", ".next-call-status")] \
        == ["Tuesday 1 December 2026, 11:00–12:00 GMT", "(UTC+00:00)", "As of Friday 27 November 2026"]
    assert not browser.driver.find_element(By.CSS_SELECTOR, ".zone-picker").is_displayed()


def test_subscribe_links(browser, content):
    browser.open(content.url("http", "calendar.html"))
    webcal = browser.wait_for(lambda: browser.js(
        "return Array.from(document.querySelectorAll('.webcal-link a')).map(function (a) { return a.href; })"),
        message="webcal links")
    origin = content.http_base.split("://", 1)[1]
    assert webcal[0] == f"webcal://{origin}calls.ics"
    assert all(link.startswith(f"webcal://{origin}calls") for link in webcal)
    browser.open(content.url("file", "calendar.html"))
    assert browser.js("return document.querySelectorAll('.webcal-link a').length") == 0


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/St_Johns"])
def test_calendar_screenshots(browser, content, size, zone):
    from browser_support import DESKTOP
    browser.viewport(*(PHONE if size == "phone" else DESKTOP), mobile=size == "phone")
    browser.freeze_clock(DURING)
    browser.timezone(zone)
    open_page(browser, content, "calendar.html")
    browser.screenshot(SCREENSHOTS / f"calendar-{zone.replace('/', '-')}-{size}.png")
    assert browser.overflow()["scrollWidth"] <= browser.overflow()["innerWidth"]
    # Keyboard: every session in the grids is a link; a grid that scrolls sideways takes focus.
    grids = browser.js("return Array.from(document.querySelectorAll('.month-grid')).map(function (g) {"
                       " return [g.scrollWidth > g.clientWidth + 1, g.getAttribute('tabindex'),"
                       " g.querySelectorAll('li').length, g.querySelectorAll('li a[href]').length]; })")
    assert len(grids) == 3
    for scrolls, tabindex, items, links in grids:
        assert items == links and items > 0
        assert tabindex == ("0" if scrolls else None)
    assert any(scrolls for scrolls, *_ in grids) == (size == "phone")


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("zone", ZONES)
def test_axe_on_the_calendar_in_every_zone(browser, content, zone, theme):
    from test_browser_axe import assert_clean, audit
    browser.timezone(zone)
    audited, problems = audit(browser, content, ["calendar.html", "coworking/collabcafe.html"], theme)
    assert audited == 2
    assert_clean(problems)


@pytest.fixture(scope="module")
def notice_site(content):
    """content/: its calls.yml sets `notice: true`."""
    assert "\nnotice: true\n" in (REPO / "content" / "calls.yml").read_text(encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def quiet_site(callbook_bin, tmp_path_factory, http_root):
    """content/ with the `notice: true` line taken out of its calls.yml, built with --today 2026-11-27."""
    import shutil

    from browser_support import TODAY, Site, build
    from conftest import mount

    book = tmp_path_factory.mktemp("quiet") / "book"
    shutil.copytree(REPO / "content", book)
    calls = book / "calls.yml"
    calls.write_text(calls.read_text(encoding="utf-8").replace("\nnotice: true\n", "\n"), encoding="utf-8")
    out = book.parent / "site"
    run = build(callbook_bin, book, out, "--today", TODAY)
    return mount(Site("quiet", out, run.stderr, "/quiet/"), http_root)


def notice(browser):
    return browser.js("var n = document.querySelector('.call-notice'); return n ? [n.textContent,"
                      " n.querySelector('a') ? n.querySelector('a').href : null] : null")


@pytest.mark.parametrize("page", ["index.html", "coworking/daily.html", "calendar.html"])
def test_the_site_wide_notice(browser, notice_site, transport, page):
    chapter = notice_site.url(transport, "hosting/joining.html")   # join: ch-joining
    browser.timezone("Asia/Tokyo")
    browser.freeze_clock(BEFORE)
    browser.open(notice_site.url(transport, page))
    assert notice(browser) is None
    browser.freeze_clock("2026-12-02T14:30:00Z")   # half an hour before the Cafe
    browser.open(notice_site.url(transport, page))
    assert notice(browser) == ["Starting at 00:00 GMT+9: Collaboration Cafe — join", chapter]
    browser.freeze_clock(DURING)
    browser.open(notice_site.url(transport, page))
    assert notice(browser) == ["Live now: Collaboration Cafe — join", chapter]
    browser.freeze_clock(AFTER)
    browser.open(notice_site.url(transport, page))
    assert notice(browser) is None


def test_the_notice_is_off_by_default(browser, quiet_site):
    browser.freeze_clock(DURING)
    browser.open(quiet_site.url("http", "index.html"))
    assert notice(browser) is None
    assert not (quiet_site.root / "_static" / "calls-next.js").exists()


@pytest.fixture(scope="module")
def finite_site(callbook_bin, tmp_path_factory, http_root):
    """A small book with one finite series (two sessions: Tuesdays 1 and 8 December 2026,
    10:00-11:00 London, GMT) listed in its chapter, built with --today 2026-11-27."""
    from browser_support import TODAY, Site, build
    from conftest import mount

    book = tmp_path_factory.mktemp("finite") / "book"
    book.mkdir()
    (book / "myst.yml").write_text("version: 1\nproject:\n  title: Finite Calls\n  toc:\n"
                                   "    - file: index.md\n    - file: sprint.md\n", encoding="utf-8")
    (book / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (book / "sprint.md").write_text("(ch-sprint)=\n# Sprint\n\n```{calls} sprint\n:count: 2\n```\n", encoding="utf-8")
    (book / "calls.yml").write_text(
        "timezone: Europe/London\nseries:\n  - id: sprint\n    title: Documentation sprint\n    page: ch-sprint\n"
        "    start: 2026-12-01 10:00\n    duration: 1h\n    repeat: FREQ=WEEKLY;COUNT=2\n", encoding="utf-8")
    out = book.parent / "site"
    run = build(callbook_bin, book, out, "--today", TODAY)
    return mount(Site("finite", out, run.stderr, "/finite/"), http_root)


@pytest.mark.parametrize("page, scope", [("sprint.html", ".calls-listing"), ("calendar.html", "main")])
def test_the_card_says_ended_after_the_last_session(browser, finite_site, page, scope):
    browser.timezone("Europe/London")
    # During the last session, then half an hour after it: the card stays on it and says so.
    browser.freeze_clock("2026-12-08T10:30:00Z")
    open_page(browser, finite_site, page)
    assert card(browser, scope)["status"] == "Live now — join"
    browser.freeze_clock("2026-12-08T11:30:00Z")
    open_page(browser, finite_site, page)
    found = card(browser, scope)
    assert found["when"].startswith("Tuesday 8 December 2026, 10:00–11:00 "), found
    assert found["status"] == "Ended", found
