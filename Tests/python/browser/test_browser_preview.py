"""Hover previews of cross-references (issue 13), opened over file://: hovering or focusing a
reference shows its target's heading and first paragraph, figure and caption, definition or TeX
in a popover (role="tooltip", the link's aria-describedby) that the pointer can move into and
Escape closes, placed over the text so that nothing on the page moves; axe finds nothing serious
with it open, in light and dark. Without JavaScript the references are plain links."""

import textwrap
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import Site, build

SCHEMES = ["light", "dark"]

INDEX = textwrap.dedent("""\
    # Previews

    Read {ref}`sec-install` before you start, look at {numref}`fig-map`, ask the {term}`Host`, and
    mind {eq}`eq-sum`. The rest of this paragraph is here so that the references sit inside
    running text, with words before and after them on the same lines and the next.

    ## Afterwards

    A second section, below the references, whose place must not change when a preview opens.
    """)

GUIDE = textwrap.dedent("""\
    # Guide

    (sec-install)=
    ## Installing

    Download the binary and put it on your path.

    :::{figure} map.svg
    :name: fig-map
    :alt: A map of the venue

    The map of the venue.
    :::

    ```{math}
    :label: eq-sum
    a + b = c
    ```

    :::{glossary}
    Host
      The person who opens the call.
    :::
    """)

MAP = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="400" height="200">'
       '<rect width="40" height="20" fill="#2a7"/></svg>\n')


@pytest.fixture(scope="module")
def preview_site(callbook_bin, tmp_path_factory):
    book = tmp_path_factory.mktemp("preview-book")
    (book / "myst.yml").write_text("version: 1\nproject:\n  title: Previews\n  toc:\n    - file: index.md\n"
                                   "    - file: guide.md\n", encoding="utf-8")
    (book / "index.md").write_text(INDEX, encoding="utf-8")
    (book / "guide.md").write_text(GUIDE, encoding="utf-8")
    (book / "map.svg").write_text(MAP, encoding="utf-8")
    out = tmp_path_factory.mktemp("preview-site") / "site"
    run = build(callbook_bin, book, out)
    return Site("preview", out, run.stderr, "/preview/")


def reference(browser, href):
    return browser.driver.find_element(By.CSS_SELECTOR, f'article.chapter a[href="{href}"]')


def popover(browser):
    """The popover's state: shown, its text, its box, and the image it shows, if any."""
    return browser.js("""
        var box = document.getElementById('ref-preview');
        if (!box || box.hidden) { return null; }
        var r = box.getBoundingClientRect(), img = box.querySelector('img');
        return {role: box.getAttribute('role'), text: box.textContent, top: r.top, bottom: r.bottom, left: r.left,
                right: r.right, position: getComputedStyle(box).position, background: getComputedStyle(box).backgroundColor,
                image: img ? img.naturalWidth : null};""")


def layout(browser):
    """Every element's box outside the popover, and the page's size: what a layout shift changes."""
    return browser.js("""
        var boxes = Array.from(document.querySelectorAll('body *')).filter(function (e) { return !e.closest('#ref-preview'); })
          .map(function (e) { var r = e.getBoundingClientRect(); return [e.tagName, r.x, r.y, r.width, r.height]; });
        return {boxes: boxes, width: document.documentElement.scrollWidth, scroll: [scrollX, scrollY]};""")


def hover(browser, element):
    ActionChains(browser.driver).move_to_element(element).perform()


def park(browser):
    """The pointer away from every reference."""
    hover(browser, browser.driver.find_element(By.CSS_SELECTOR, "main h1"))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_hover_and_focus_show_the_target_without_moving_anything(browser, preview_site, scheme):
    browser.color_scheme(scheme)
    browser.open(preview_site.url("file", "index.html"))
    park(browser)
    before = layout(browser)

    # Hover: the section's heading and first paragraph, under the link, over the text.
    section = reference(browser, "guide.html#sec-install")
    hover(browser, section)
    shown = browser.wait_for(lambda: popover(browser), message="the popover on hover")
    assert "Installing" in shown["text"] and "Download the binary and put it on your path." in shown["text"]
    assert shown["role"] == "tooltip" and shown["position"] == "absolute"
    assert section.get_attribute("aria-describedby") == "ref-preview"
    link = section.rect
    assert shown["top"] >= link["y"] + link["height"] - 1 or shown["bottom"] <= link["y"] + 1, "beside the line, not over the link"
    assert shown["left"] >= 0 and shown["right"] <= browser.js("return document.documentElement.clientWidth")
    assert layout(browser) == before, "a preview moved something on the page"
    dark = shown["background"] == "rgb(21, 24, 28)"
    assert dark == (scheme == "dark"), f"the popover follows the {scheme} theme: {shown['background']}"

    # The pointer can move into the popover, and it stays; leaving both closes it.
    hover(browser, browser.driver.find_element(By.ID, "ref-preview"))
    time.sleep(0.6)
    assert popover(browser), "the popover closed when the pointer moved into it"
    park(browser)
    browser.wait_for(lambda: popover(browser) is None, message="the popover to close when the pointer leaves")
    assert section.get_attribute("aria-describedby") is None

    # The figure: its number, caption and image (loaded over file://).
    hover(browser, reference(browser, "guide.html#fig-map"))
    browser.wait_for(lambda: (popover(browser) or {}).get("image"), message="the figure's image")
    figure = popover(browser)
    assert "Figure 1" in figure["text"] and "The map of the venue." in figure["text"]
    assert layout(browser) == before
    park(browser)
    browser.wait_for(lambda: popover(browser) is None, message="the figure's popover to close")

    # Keyboard: focus shows the term's definition at once, Escape hides it and the focus stays.
    term = reference(browser, "guide.html#term-host")
    browser.js("arguments[0].focus()", term)
    shown = browser.wait_for(lambda: popover(browser), message="the popover on focus")
    assert "Host" in shown["text"] and "The person who opens the call." in shown["text"]
    assert term.get_attribute("aria-describedby") == "ref-preview"
    assert layout(browser) == before
    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    browser.wait_for(lambda: popover(browser) is None, message="Escape to close the popover")
    assert browser.js("return document.activeElement") == term
    assert term.get_attribute("aria-describedby") is None

    # Tab to the next reference: the equation's TeX.
    ActionChains(browser.driver).send_keys(Keys.TAB).perform()
    assert browser.js("return document.activeElement.getAttribute('href')") == "guide.html#eq-sum"
    shown = browser.wait_for(lambda: popover(browser), message="the popover after Tab")
    assert "Equation (1)" in shown["text"] and "a + b = c" in shown["text"]
    assert layout(browser) == before
    assert not [entry for entry in browser.console() if entry["level"] == "SEVERE"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_nothing_serious_with_a_preview_open(browser, preview_site, scheme):
    from test_browser_axe import BLOCKING, axe, axe_script

    browser.color_scheme(scheme)
    browser.open(preview_site.url("file", "index.html"))
    browser.js("arguments[0].focus()", reference(browser, "guide.html#fig-map"))
    browser.wait_for(lambda: (popover(browser) or {}).get("image"), message="the figure's popover")
    Axe = axe()
    script = axe_script()
    checker = Axe(browser.driver, script) if script else Axe(browser.driver)
    checker.inject()
    result = checker.run(options="{resultTypes: ['violations']}")
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, checker.report(blocking)
    assert popover(browser), "the popover is still open after the audit"


def test_without_javascript_references_are_plain_links(browser, preview_site):
    browser.javascript(False)
    browser.open(preview_site.url("file", "index.html"))
    section = reference(browser, "guide.html#sec-install")
    hover(browser, section)
    time.sleep(0.5)
    assert not browser.driver.find_elements(By.ID, "ref-preview")
    assert section.get_attribute("aria-describedby") is None
    section.click()
    browser.wait_loaded()
    assert preview_site.page_of(browser.driver.current_url) == "guide.html"
