"""Screenshots of the handbook at desktop and phone widths, light and dark, with layout checks.

The PNGs go to Tests/python/browser/screenshots/ (git-ignored) for people to look at; each one is
also checked for what breaks a layout: the page scrolling sideways, header items overlapping,
images wider than the text, text running off the screen or out of table cells.
"""

import pytest

from browser_support import DESKTOP, PHONE, SCREENSHOTS

PAGES = {
    "home": "index.html",
    "chapter-figure": "coworking/collabcafe.html",
    "chapter-table": "coworking/daily.html",
    "calendar": "calendar.html",
    "search": "search.html?q=Collaboration+Cafe",
}
SIZES = {"desktop": DESKTOP, "phone": PHONE}

LAYOUT_PROBLEMS = """
var problems = [];
var width = arguments[0];  // the emulated screen's width
// On a phone a page wider than the screen is zoomed out: the layout viewport (innerWidth) grows
// to fit it, so innerWidth is compared with the screen's width too.
if (document.documentElement.scrollWidth > window.innerWidth || window.innerWidth > width) {
  problems.push('the page is wider than the screen: scrollWidth ' + document.documentElement.scrollWidth +
                'px, innerWidth ' + window.innerWidth + 'px, screen ' + width + 'px');
}
// Header items must not overlap one another.
var items = Array.from(document.querySelectorAll('.site-header > *')).filter(function (e) {
  var r = e.getBoundingClientRect(); return r.width > 2 && r.height > 2;
});
for (var i = 0; i < items.length; i++) {
  for (var j = i + 1; j < items.length; j++) {
    var a = items[i].getBoundingClientRect(), b = items[j].getBoundingClientRect();
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
      problems.push('header items overlap: ' + items[i].className + ' / ' + items[j].className);
    }
  }
}
// Nothing visible may stick out of the viewport on the right (except inside a scrolling box).
document.querySelectorAll('main *, header *').forEach(function (e) {
  var r = e.getBoundingClientRect();
  if (!r.width || r.right <= width + 1) { return; }
  for (var p = e.parentElement; p; p = p.parentElement) {
    var s = getComputedStyle(p);
    if (/(auto|scroll|hidden)/.test(s.overflowX) && p.getBoundingClientRect().right <= width + 1) { return; }
  }
  problems.push('sticks out on the right: <' + e.tagName.toLowerCase() + ' class="' + e.className + '"> to ' + Math.round(r.right) + 'px');
});
// Text wider than its table cell spills over the neighbouring cells.
document.querySelectorAll('main td, main th').forEach(function (cell) {
  if (cell.getClientRects().length && cell.scrollWidth > cell.clientWidth + 1) {
    problems.push('text spills out of a table cell: "' + cell.textContent.trim().slice(0, 40) + '"');
  }
});
document.querySelectorAll('main img').forEach(function (img) {
  var box = img.closest('figure, p, article') || img.parentElement;
  if (img.getBoundingClientRect().width > box.getBoundingClientRect().width + 1) {
    problems.push('image wider than its box: ' + img.getAttribute('src'));
  }
});
return problems.slice(0, 20);
"""


def prepare(browser, site, page, size, theme):
    width, height = SIZES[size]
    browser.viewport(width, height, mobile=(size == "phone"))
    browser.color_scheme(theme)
    browser.freeze_clock("2026-11-27T12:00:00Z")
    browser.open(site.url("http", page))
    if page.startswith("search.html?"):
        browser.wait_for(lambda: browser.js("return document.querySelectorAll('#search-results li').length"),
                         message="search results")
    # Lazy images below the fold would be blank in a full-page screenshot: load them all.
    browser.js("document.querySelectorAll('img[loading=lazy]').forEach(function (i) { i.loading = 'eager'; })")
    browser.wait_for(lambda: browser.js(
        "return Array.from(document.images).every(function (i) { return i.complete; })"), message="images")


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots_and_layout(browser, content, size, theme):
    problems = []
    for name, page in PAGES.items():
        prepare(browser, content, page, size, theme)
        browser.screenshot(SCREENSHOTS / f"{name}-{size}-{theme}.png")
        problems += [f"{name} ({size}, {theme}): {p}" for p in browser.js(LAYOUT_PROBLEMS, SIZES[size][0])]
        if name == "chapter-figure":
            assert browser.js("var i = document.querySelector('figure img'); return i.naturalWidth > 0"), \
                "the figure did not load"
    assert not problems, "\n".join(problems)


def test_turing_way_layout_at_both_widths(browser, turing):
    """Figures, wide tables and long code lines of 20 real chapters stay inside the screen."""
    problems = []
    for size in SIZES:
        for page in turing.pages():
            if page == "index.html":
                continue  # a redirect
            prepare(browser, turing, page, size, "light")
            problems += [f"{page} ({size}): {p}" for p in browser.js(LAYOUT_PROBLEMS, SIZES[size][0])]
    prepare(browser, turing, "project-design/missing-data/missing-data-visualising-missingness.html", "phone", "dark")
    browser.screenshot(SCREENSHOTS / "turing-way-figures-phone-dark.png")
    prepare(browser, turing, "project-design/project-management-methodologies/overview.html", "desktop", "light")
    browser.screenshot(SCREENSHOTS / "turing-way-tables-desktop-light.png")
    assert not problems, "\n".join(problems)
