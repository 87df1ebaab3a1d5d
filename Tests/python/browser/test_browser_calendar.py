"""The calendar: every session gets the reader's local time, in whatever zone the browser is in."""

import pytest
from selenium.webdriver.common.by import By

# The Collaboration Cafe of Wednesday 2 December 2026, 15:00-17:00 London (GMT).
CAFE = "2026-12-02T15:00:00+00:00"
# Before any listed session starts: the site is built with --today 2026-11-27.
NOW = "2026-11-27T12:00:00Z"


def sessions(browser):
    """Each upcoming session: its start, whether its local time shows, the local time, the offset."""
    return browser.js("""
        return Array.from(document.querySelectorAll('li.session')).map(function (li) {
          var local = li.querySelector('.local-time'), offset = li.querySelector('.utc-offset');
          return {start: li.querySelector('time').getAttribute('datetime'),
                  localShown: !!local && !local.hidden && local.getClientRects().length > 0,
                  local: local ? local.textContent : null,
                  offsetShown: !!offset && !offset.hidden && offset.getClientRects().length > 0,
                  past: li.classList.contains('past')};
        });""")


def open_calendar(browser, site, transport, page="calendar.html"):
    browser.open(site.url(transport, page))
    browser.wait_for(lambda: all(s["localShown"] for s in sessions(browser)), message="local times")
    return sessions(browser)


def test_local_times_show_on_the_calendar(browser, content, transport):
    browser.freeze_clock(NOW)
    found = open_calendar(browser, content, transport)
    assert len(found) >= 8, "eight weeks of calls should list several sessions"
    for session in found:
        assert session["local"].startswith(" — your time: "), session
        assert session["local"].endswith("(UTC)"), session
        assert not session["offsetShown"], "the UTC offset gives way to the local time"
        assert not session["past"]
    cafe = next(s for s in found if s["start"] == CAFE)
    assert "15:00–17:00" in cafe["local"]


@pytest.mark.parametrize("zone, times, day", [
    ("America/New_York", "10:00–12:00", "2"),   # EST, UTC-5
    ("Australia/Adelaide", "01:30–03:30", "3"), # ACDT, UTC+10:30
    ("Pacific/Auckland", "04:00–06:00", "3"),   # NZDT, UTC+13: the next day
], ids=["new-york", "adelaide", "auckland"])
def test_local_times_follow_the_browser_time_zone(browser, content, zone, times, day):
    browser.freeze_clock(NOW)
    browser.timezone(zone)
    found = open_calendar(browser, content, "http")
    assert browser.js("return Intl.DateTimeFormat().resolvedOptions().timeZone") == zone
    cafe = next(s for s in found if s["start"] == CAFE)
    assert times in cafe["local"], cafe
    assert f"({zone})" in cafe["local"], cafe
    assert f" {day} " in cafe["local"] or f" {day}," in cafe["local"], cafe
    # The call's own time stays as published.
    text = browser.driver.find_element(By.CSS_SELECTOR, f"li.session time[datetime='{CAFE}']").text
    assert "15:00–17:00 GMT" in text


def test_chapter_listing_shows_local_times(browser, content, transport):
    browser.freeze_clock(NOW)
    browser.timezone("America/New_York")
    found = open_calendar(browser, content, transport, "coworking/collabcafe.html")
    assert [s["start"] for s in found][:1] == [CAFE]
    assert "10:00–12:00" in found[0]["local"]


def test_past_sessions_are_greyed(browser, content):
    browser.freeze_clock("2026-12-02T18:00:00Z")
    found = open_calendar(browser, content, "http")
    past = [s["start"] for s in found if s["past"]]
    assert past == ["2026-12-01T11:00:00+00:00", CAFE]


def test_without_javascript_the_utc_offset_shows(browser, content):
    browser.javascript(False)
    browser.open(content.url("http", "calendar.html"))
    html = browser.driver.page_source
    assert 'class="local-time" hidden' in html
    offsets = browser.driver.find_elements(By.CSS_SELECTOR, "li.session .utc-offset")
    assert offsets and all(o.is_displayed() and o.text == "(UTC+00:00)" for o in offsets)
    locals_ = browser.driver.find_elements(By.CSS_SELECTOR, "li.session .local-time")
    assert locals_ and not any(l.is_displayed() for l in locals_)


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
