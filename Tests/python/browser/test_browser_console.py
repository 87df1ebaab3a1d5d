"""No console errors (level SEVERE) on any page, over file:// and HTTP."""

import re
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from browser_support import PHONE

# Nothing of the theme comes from a CDN any more (KaTeX is copied into the site); a book's own
# raw HTML may still name one, and offline (as in CI) loading it fails, which is not the theme's fault.
CDN = re.compile(r"cdn\.jsdelivr\.net|mathjax", re.I)
RESOURCE = re.compile(r"^(\S+) - Failed to load resource")


def severe(browser, site, page, allowed_missing=frozenset()):
    """The SEVERE console entries of a page, without the tolerated ones."""
    time.sleep(0.1)  # let deferred scripts and the search index report
    problems = []
    for entry in browser.console():
        if entry["level"] != "SEVERE":
            continue
        message = entry["message"]
        if CDN.search(message):
            continue
        resource = RESOURCE.match(message)
        if resource:
            url = urlparse(resource.group(1))
            if url.scheme in ("http", "https") and url.hostname != "127.0.0.1":
                continue  # a remote image or frame in a chapter: this machine may be offline
            if url.path == "/favicon.ico":
                continue  # the browser's own guess at the host's root, outside the site
            if Path(unquote(url.path)).name in allowed_missing:
                continue
        problems.append(f"{page}: {message}")
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_no_console_errors_on_the_handbook(browser, content, transport, viewport, scheme):
    """Every page of the handbook, at 1366×900 and 390×844, in light and dark."""
    width, height = (1366, 900) if viewport == "desktop" else PHONE
    browser.viewport(width, height, mobile=viewport == "phone")
    browser.color_scheme(scheme)
    pages = content.pages()
    problems = []
    for page in pages + ["search.html?q=Collaboration+Cafe"]:
        browser.open(content.url(transport, page))
        if page.startswith("search.html?"):
            browser.wait_for(lambda: browser.js("return document.querySelectorAll('#search-results li').length"),
                             message="search results")
        problems += severe(browser, content, page)
    assert not problems, "\n".join(problems)


def test_no_console_errors_on_the_turing_way(browser, turing):
    """The shared corpus holds only some of The Turing Way's figures: images the build reported
    missing (image-missing warnings) may fail to load; nothing else may."""
    missing = turing.missing_images()
    problems = []
    for page in turing.pages():
        browser.open(turing.url("http", page))
        problems += severe(browser, turing, page, missing)
    assert not problems, "\n".join(problems)


def test_a_missing_page_shows_no_script_errors(browser, content):
    """The 404 page works from any depth when a host serves it for unknown addresses: its links
    are relative to the site root, so here it is opened from the root."""
    browser.open(content.url("http", "404.html"))
    assert browser.h1() == "Page not found"
    assert not severe(browser, content, "404.html")
