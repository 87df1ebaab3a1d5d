"""The theme toggle (system → light → dark → system, remembered) and print (always light, no navigation)."""

import pytest
from selenium.webdriver.common.by import By

from browser_support import PHONE

WHITE = "rgb(255, 255, 255)"
DARK_BG = "rgb(21, 24, 28)"  # --bg of the dark theme (#15181c)


def background(browser) -> str:
    return browser.js("return getComputedStyle(document.body).backgroundColor")


VIEWPORTS = {"desktop": (1366, 900), "phone": PHONE}
BACKGROUND = {"light": WHITE, "dark": DARK_BG}


def toggle(browser, viewport="desktop"):
    """The theme toggle the reader sees: in the header, or on a phone in the menu (opened here)."""
    if viewport == "phone":
        if not browser.js("return document.getElementById('nav-toggle').checked"):
            browser.driver.find_element(By.CSS_SELECTOR, "label.nav-toggle-label").click()
        browser.wait_for(lambda: browser.driver.find_element(By.CSS_SELECTOR, "nav.sidebar .theme-toggle").is_displayed(),
                         message="the menu's theme toggle")
        return browser.driver.find_element(By.CSS_SELECTOR, "nav.sidebar .theme-toggle")
    return browser.driver.find_element(By.CSS_SELECTOR, ".site-header .theme-toggle")


@pytest.mark.parametrize("system", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_toggle_cycles_through_three_states_and_names_the_current_one(browser, content, viewport, system):
    width, height = VIEWPORTS[viewport]
    browser.viewport(width, height, mobile=viewport == "phone")
    browser.color_scheme(system)
    browser.open(content.url("http", "index.html"))
    browser.js("localStorage.removeItem('callbook-theme')")
    browser.open(content.url("http", "index.html"))
    button = toggle(browser, viewport)
    assert button.is_displayed()
    # System first: the page follows what the system says.
    assert button.text == "Theme: System"
    assert browser.js("return document.documentElement.getAttribute('data-theme')") is None
    assert background(browser) == BACKGROUND[system]
    button.click()
    assert button.text == "Theme: Light"
    assert background(browser) == WHITE
    assert browser.js("return localStorage.getItem('callbook-theme')") == "light"
    button.click()
    assert button.text == "Theme: Dark"
    assert background(browser) == DARK_BG
    # Remembered on the next page.
    browser.open(content.url("http", "coworking/daily.html"))
    assert toggle(browser, viewport).text == "Theme: Dark"
    assert background(browser) == DARK_BG
    toggle(browser, viewport).click()
    assert toggle(browser, viewport).text == "Theme: System"
    assert browser.js("return localStorage.getItem('callbook-theme')") is None
    assert background(browser) == BACKGROUND[system]
    other = "dark" if system == "light" else "light"
    browser.color_scheme(other)
    assert background(browser) == BACKGROUND[other]


def test_print_is_light_without_navigation_whatever_the_screen_theme(browser, turing):
    # A Turing Way page with an external link in its text.
    for page in turing.pages():
        browser.open(turing.url("http", page))
        if browser.js("return !!document.querySelector('.chapter a[href^=\"http\"]')"):
            break
    else:
        raise AssertionError("no page of the Turing Way sample links to another site")
    browser.set_theme_attribute("dark")
    assert background(browser) == DARK_BG
    browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": "print", "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        assert background(browser) == WHITE
        assert browser.js("return getComputedStyle(document.body).color") == "rgb(31, 35, 40)"
        for selector in (".site-header", "nav.sidebar", ".theme-toggle", ".pager"):
            assert browser.js("var e = document.querySelector(arguments[0]);"
                              " return !e || e.getClientRects().length === 0", selector), selector
        # External links print their address after the text.
        link = browser.js("""
            var a = document.querySelector('.chapter a[href^="http"]');
            return [a.getAttribute('href'), getComputedStyle(a, '::after').content]""")
        assert link[0] in link[1]
    finally:
        browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_on_this_page_marks_the_section_being_read(browser, turing, viewport, scheme):
    """The outline's mark follows the reading, at both sizes and in both themes (on a phone the
    outline is not shown beside the text, but its links still carry the mark)."""
    width, height = VIEWPORTS[viewport]
    browser.viewport(width, height, mobile=viewport == "phone")
    browser.color_scheme(scheme)
    # A Turing Way page whose outline has a section followed by a long one.
    find = """
        var links = Array.from(document.querySelectorAll('.outline a'));
        var tops = links.map(a => document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))))
                        .map(h => h ? h.getBoundingClientRect().top + scrollY : null);
        for (var i = 1; i + 1 < tops.length; i++) {
          if (tops[i] !== null && tops[i + 1] !== null && tops[i + 1] - tops[i] > innerHeight / 3) { return [i, tops[i]]; }
        }
        return null;"""
    for page in turing.pages():
        browser.open(turing.url("http", page))
        found = browser.js(find)
        if found:
            break
    else:
        raise AssertionError("no page of the Turing Way sample has a long second section")
    index, top = found
    browser.js("window.scrollTo(0, arguments[0] - 10)", top)
    expected = browser.js("return document.querySelectorAll('.outline a')[arguments[0]].getAttribute('href')", index)
    browser.wait_for(lambda: browser.js(
        "var a = document.querySelector('.outline a[aria-current=location]'); return a && a.getAttribute('href')") == expected,
        message=f"the outline marks {expected}")
    assert browser.js("return document.querySelectorAll('.outline a[aria-current]').length") == 1
