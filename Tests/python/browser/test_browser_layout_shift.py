"""No layout shift (issue 13's budget), measured as the browser measures it: a PerformanceObserver
of type ``layout-shift`` (buffered, so the shifts of loading count) on a deep page of the whole
Turing Way that carries reference previews, in light and dark, at 1366×900 and 390×844, through
loading (the sidebar's tree from ``toc.js``, the current page scrolled into view, highlighting),
opening and closing the phone menu, and hovering a reference until its preview shows.

The sum of every shift's score, including those right after input (which Core Web Vitals leave
out of CLS), must stay below 0.0001, a thousandth of the 0.1 that Web Vitals calls good. A score
is the share of the viewport that moved times the distance over the viewport's larger side: one
sidebar entry of 250×30 px moving down one 20 px line at 1366×900 scores (250×50)/(1366×900) ×
20/1366 ≈ 0.0102 × 0.0146 ≈ 0.00015 (at 390×844, with a 300 px entry, ≈ 0.0011), so even that
fails. Chromium ignores moves under 3 px, so rounding in layout never adds to the sum."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from browser_support import PHONE
from test_browser_reading import full_turing_site

WIDE = (1366, 900)
VIEWPORTS = {"desktop": WIDE, "phone": PHONE}
SCHEMES = ["light", "dark"]
DEEP_WITH_PREVIEWS = "reproducible-research/vcs/vcs-git-compare.html"
THRESHOLD = 0.0001

SHIFTS = """
    return new Promise(function (resolve) {
      var entries = [];
      new PerformanceObserver(function (list) { entries = entries.concat(list.getEntries()); })
        .observe({type: 'layout-shift', buffered: true});
      setTimeout(function () {
        resolve(entries.map(function (e) {
          return {value: e.value, recentInput: e.hadRecentInput, sources: (e.sources || []).map(function (s) {
            var n = s.node; return n ? n.nodeName + (n.className ? '.' + n.className : '') + (n.id ? '#' + n.id : '') : '?'; })};
        }));
      }, 400);
    });"""


def shifts(browser):
    return browser.js(SHIFTS)


def total(entries):
    return sum(entry["value"] for entry in entries)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_loading_the_menu_and_a_preview_shift_nothing(browser, callbook_bin, turing_corpus, tmp_path_factory,
                                                     viewport, scheme):
    site = full_turing_site(callbook_bin, turing_corpus, tmp_path_factory)
    width, height = VIEWPORTS[viewport]
    browser.viewport(width, height, mobile=viewport == "phone")
    browser.color_scheme(scheme)
    browser.open(site.url("file", DEEP_WITH_PREVIEWS))
    # The tree came from toc.js and the sidebar scrolled: what the load measures did happen.
    browser.wait_for(lambda: browser.js("return document.querySelectorAll('nav.sidebar details:not([open])').length") > 0,
                     message="the sidebar's tree from toc.js")
    loading = shifts(browser)
    assert total(loading) < THRESHOLD, f"loading shifted the page: {loading}"

    if viewport == "phone":
        browser.driver.find_element(By.CSS_SELECTOR, "label.nav-toggle-label").click()
        browser.wait_for(lambda: browser.js("return document.getElementById('sidebar').getBoundingClientRect().left") >= -1,
                         message="the menu to slide in")
        browser.driver.find_element(By.CSS_SELECTOR, "label.nav-toggle-label").click()
        browser.wait_for(lambda: browser.js("return getComputedStyle(document.getElementById('sidebar')).visibility") == "hidden",
                         message="the menu to close")

    reference = browser.js("""
        var keys = Object.keys(JSON.parse(document.getElementById('ref-previews').textContent));
        return Array.from(document.querySelectorAll('article.chapter a')).filter(function (a) {
          return keys.indexOf(a.getAttribute('href')) >= 0; })[0];""")
    assert reference is not None, "the page has a reference with a preview"
    browser.js("arguments[0].scrollIntoView({block: 'center'})", reference)
    ActionChains(browser.driver).move_to_element(reference).perform()
    browser.wait_for(lambda: browser.js("var b = document.getElementById('ref-preview'); return b && !b.hidden"),
                     message="the preview on hover")
    everything = shifts(browser)
    print(f"{viewport} {scheme}: {len(everything)} shifts, total {total(everything):.5f}")
    assert total(everything) < THRESHOLD, f"the menu or the preview shifted the page: {everything}"
