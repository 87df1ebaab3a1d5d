"""Phone widths: the sidebar hides behind an accessible "Menu" toggle that works without
JavaScript, and wide tables scroll inside their box instead of widening the page."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import DESKTOP, PHONE


def sidebar_shown(browser):
    return browser.driver.find_element(By.CSS_SELECTOR, "nav.sidebar").is_displayed()


def sidebar_settled(browser):
    """Shown and done sliding in: its links are where a reader's finger lands (while the slide
    runs, a link may still be off the screen and a click on it is refused)."""
    return sidebar_shown(browser) and browser.js(
        "return getComputedStyle(document.querySelector('nav.sidebar')).transform") == "none"


def ax_node(browser, element_id):
    """The accessibility tree's view of an element (what a screen reader announces)."""
    browser.driver.execute_cdp_cmd("Accessibility.enable", {})
    try:
        document = browser.driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})
        node = browser.driver.execute_cdp_cmd("DOM.querySelector", {
            "nodeId": document["root"]["nodeId"], "selector": f"#{element_id}"})
        tree = browser.driver.execute_cdp_cmd("Accessibility.getPartialAXTree", {
            "nodeId": node["nodeId"], "fetchRelatives": False})
    finally:
        browser.driver.execute_cdp_cmd("Accessibility.disable", {})
    info = next(n for n in tree["nodes"] if not n.get("ignored"))
    properties = {p["name"]: p["value"].get("value") for p in info.get("properties", [])}
    return {"role": info["role"]["value"], "name": info.get("name", {}).get("value"), **properties}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_menu_toggle_at_phone_width(browser, content, transport, javascript):
    browser.viewport(*PHONE, mobile=True)
    browser.javascript(javascript)
    browser.open(content.url(transport, "coworking/daily.html"))
    label = browser.driver.find_element(By.CSS_SELECTOR, "label.nav-toggle-label")
    assert label.is_displayed() and "Menu" in label.text
    assert not sidebar_shown(browser), "the sidebar is hidden until the menu is opened"
    label.click()
    browser.wait_for(lambda: sidebar_settled(browser), message="the sidebar to open")
    # The open sidebar's links work.
    browser.driver.find_element(By.CSS_SELECTOR, "nav.sidebar a[href$='timezones.html']").click()
    browser.wait_for(lambda: content.page_of(browser.driver.current_url) == "hosting/timezones.html",
                     message="the sidebar link")
    assert not sidebar_shown(browser), "a new page starts with the menu closed"


def test_menu_toggle_with_the_keyboard(browser, content):
    browser.viewport(*PHONE, mobile=True)
    browser.open(content.url("http", "coworking/daily.html"))
    keys = ActionChains(browser.driver)
    keys.send_keys(Keys.TAB).perform()   # the skip link
    keys.send_keys(Keys.TAB).perform()   # the menu toggle
    assert browser.js("return document.activeElement.id") == "nav-toggle"
    # Its focus is visible: the label draws the focus ring.
    outline = browser.js("var l = document.querySelector('.nav-toggle-label'), s = getComputedStyle(l);"
                         " return [s.outlineStyle, s.outlineWidth]")
    assert outline[0] != "none" and outline[1] != "0px", outline
    ActionChains(browser.driver).send_keys(Keys.SPACE).perform()
    browser.wait_for(lambda: sidebar_shown(browser), message="Space to open the menu")
    ActionChains(browser.driver).send_keys(Keys.SPACE).perform()
    browser.wait_for(lambda: not sidebar_shown(browser), message="Space to close the menu")


def test_menu_toggle_is_announced(browser, content):
    """A screen reader hears a named, stateful control: "Menu, checkbox, not checked"; the name
    includes the visible text (WCAG 2.5.3), and it says which element it controls."""
    browser.viewport(*PHONE, mobile=True)
    browser.open(content.url("http", "coworking/daily.html"))
    node = ax_node(browser, "nav-toggle")
    assert node["role"] == "checkbox"
    assert node["name"].strip() == "Menu", node
    assert node.get("checked") == "false", node
    assert not node.get("hidden"), node
    assert browser.js("return document.getElementById('nav-toggle').getAttribute('aria-controls')") == "sidebar"
    assert browser.js("return !!document.getElementById('sidebar')")
    browser.driver.find_element(By.CSS_SELECTOR, "label.nav-toggle-label").click()
    assert ax_node(browser, "nav-toggle").get("checked") == "true"


def test_menu_toggle_is_out_of_the_way_on_desktop(browser, content):
    """With the sidebar always shown, the toggle is neither visible nor reachable by Tab."""
    browser.viewport(*DESKTOP, mobile=False)
    browser.open(content.url("http", "coworking/daily.html"))
    assert sidebar_shown(browser)
    assert not browser.driver.find_element(By.CSS_SELECTOR, "label.nav-toggle-label").is_displayed()
    ActionChains(browser.driver).send_keys(Keys.TAB).send_keys(Keys.TAB).perform()
    assert browser.js("return document.activeElement.id") != "nav-toggle"


@pytest.mark.parametrize("page", ["coworking/daily.html", "hosting/timezones.html", "calendar.html"])
def test_tables_scroll_inside_their_box_on_phones(browser, content, page):
    browser.viewport(*PHONE, mobile=True)
    browser.open(content.url("http", page))
    sizes = browser.overflow()
    assert sizes["scrollWidth"] <= sizes["innerWidth"], f"the page scrolls sideways: {sizes}"
    # A phone zooms out of a page wider than its screen, which widens innerWidth to match.
    assert sizes["innerWidth"] == PHONE[0], f"the page was zoomed out to fit: {sizes}"
    boxes = browser.js("""
        return Array.from(document.querySelectorAll('main table')).map(function (t) {
          var box = t.closest('.month-grid') || t;
          var r = box.getBoundingClientRect();
          return {right: r.right, scrollWidth: box.scrollWidth, clientWidth: box.clientWidth,
                  overflowX: getComputedStyle(box).overflowX, tabindex: box.getAttribute('tabindex')};
        });""")
    assert boxes, "the page should have a table"
    for box in boxes:
        assert box["right"] <= sizes["innerWidth"] + 1, box
        if box["scrollWidth"] > box["clientWidth"]:
            assert box["overflowX"] in ("auto", "scroll"), box
            assert box["tabindex"] == "0", f"a scrolling table should be reachable by keyboard: {box}"
    if page == "coworking/daily.html":
        # The schedule is wider than a phone: it really does scroll, and scrolling works.
        assert any(b["scrollWidth"] > b["clientWidth"] for b in boxes)
        scrolled = browser.js("var t = document.querySelector('main table'); t.scrollLeft = 200;"
                              " return t.scrollLeft")
        assert scrolled > 0


def test_turing_way_pages_fit_a_phone(browser, turing):
    browser.viewport(*PHONE, mobile=True)
    wide = []
    for page in turing.pages():
        browser.open(turing.url("http", page))
        sizes = browser.overflow()
        if sizes["scrollWidth"] > sizes["innerWidth"] or sizes["innerWidth"] != PHONE[0]:
            wide.append(f"{page}: {sizes}")
    assert not wide, "pages wider than a phone:\n" + "\n".join(wide)
