"""axe-core on every page, light and dark: no violation of impact serious or critical.

axe-selenium-python injects and runs axe-core. The axe-core it bundles is 3.1.1 (2018), whose
label and autocomplete rules flag correct markup (a visually hidden <label>, autocomplete="off"
on a search box) that later versions accept, so the audit uses the axe-core 4.x that the
axe-core-python package ships (no dependencies of its own) when it is installed, else the bundled
one. CALLBOOK_AXE_SCRIPT=path/to/axe.min.js picks another axe-core.
"""

import os
import re
from pathlib import Path

import pytest

BLOCKING = {"serious", "critical"}
# After the first sessions on the calendar have ended, so greyed past sessions are audited too.
LATER = "2026-12-02T18:00:00Z"

# Violations that come from the HTML the Swift source writes, not from the theme: reported to
# the source's maintainers. While they remain, the test is an expected failure naming them; once
# fixed, it passes (or fails on anything new).
# (violation id, page) → why it is known and not yet fixed; empty while there are none.
KNOWN_SOURCE_ISSUES = {}

THEMES = {
    # name: (prefers-color-scheme, data-theme attribute)
    "light": ("light", None),
    "dark": ("dark", None),                 # the system's dark mode
    "dark-toggle": ("light", "dark"),       # the reader chose dark with the toggle
}


def axe():
    try:
        from axe_selenium_python import Axe
    except ImportError:
        pytest.fail("axe-selenium-python is not installed (pip install -r Tests/python/requirements.txt)")
    return Axe


def axe_script() -> str | None:
    explicit = os.environ.get("CALLBOOK_AXE_SCRIPT")
    if explicit:
        return explicit
    try:
        import axe_core_python
    except ImportError:
        return None
    path = Path(axe_core_python.__file__).with_name("axe.min.js")
    return str(path) if path.is_file() else None


def axe_version(script: str | None) -> str:
    if not script:
        return "bundled with axe-selenium-python"
    match = re.search(r"axe v([0-9.]+)", Path(script).read_text(encoding="utf-8")[:300])
    return match.group(1) if match else "unknown"


def is_redirect(site, page):
    return 'http-equiv="refresh"' in (site.root / page.split("?")[0]).read_text(encoding="utf-8")[:2000]


def audit(browser, site, pages, theme):
    Axe = axe()
    scheme, attribute = THEMES[theme]
    browser.color_scheme(scheme)
    browser.freeze_clock(LATER)
    problems, audited = [], 0
    script = axe_script()
    for page in pages:
        if is_redirect(site, page):
            continue  # a meta refresh to the first chapter, which is audited itself
        browser.open(site.url("http", page))
        if page.startswith("search.html?"):
            browser.wait_for(lambda: browser.js("return document.querySelectorAll('#search-results li').length"),
                             message="search results")
        if "calendar" in page:
            browser.wait_for(lambda: browser.js("return document.documentElement.getAttribute('data-calls-zone')"),
                             message="local times")
        browser.set_theme_attribute(attribute)
        background = browser.js("return getComputedStyle(document.body).backgroundColor")
        dark = background in ("rgb(21, 24, 28)",)
        assert dark == (theme != "light"), f"{page}: the {theme} theme did not apply (body {background})"
        checker = Axe(browser.driver, script) if script else Axe(browser.driver)
        checker.inject()
        result = checker.run(options="{resultTypes: ['violations']}")
        audited += 1
        for violation in result["violations"]:
            if violation["impact"] in BLOCKING:
                known = KNOWN_SOURCE_ISSUES.get((violation["id"], page))
                if known:
                    problems.append(("known", f"{page}: {violation['id']}: {known}"))
                    continue
                problems.append(("new", f"--- {page} ({theme}, axe-core {axe_version(script)}) ---\n"
                                 + checker.report([violation]).strip()))
    return audited, problems


def assert_clean(problems):
    new = [text for kind, text in problems if kind == "new"]
    known = sorted({text for kind, text in problems if kind == "known"})
    assert not new, "\n\n".join(new)
    if known:
        pytest.xfail("known source-level issues: " + "; ".join(known))


@pytest.mark.parametrize("theme", list(THEMES))
def test_axe_on_the_handbook(browser, content, theme):
    pages = content.pages() + ["search.html?q=Collaboration+Cafe"]
    assert {"calendar.html", "search.html", "404.html", "coworking/collabcafe.html"} <= set(pages)
    audited, problems = audit(browser, content, pages, theme)
    assert audited == len(pages)
    assert_clean(problems)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_on_the_turing_way(browser, turing, theme):
    from browser_support import TURING_CHAPTERS

    pages = turing.pages() + ["search.html?q=Collaboration+Cafe"]
    audited, problems = audit(browser, turing, pages, theme)
    assert audited >= len(TURING_CHAPTERS) + 3
    assert_clean(problems)
