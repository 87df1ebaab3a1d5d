"""The reading budget of issue 13, measured in Chromium on the 20 Turing Way chapters: a typical
chapter (the median of the 20) costs at most 8 requests and 60 KB transferred before images.

"Transferred" is what a web server that compresses text would send: each file the page fetched
(the page itself, styles, scripts, fonts; not images or videos) gzipped at level 6, summed. The
test's own server does not compress, so the sizes come from the files, not from the network
panel. The figures are printed (``pytest -s``) for the closing notes. The two pages of the whole
book with maths are measured too: KaTeX comes on top of the budget.
"""

from __future__ import annotations

import gzip
import statistics
from pathlib import Path

import pytest

from browser_support import TURING_CHAPTERS

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".mp4", ".webm", ".ico"}


def fetched(browser, site) -> list[str]:
    """Paths (relative to the site root) of everything but images the open page loaded from the
    site, itself first. (The browser's own look for ``/favicon.ico`` is an image too; a video the
    author embedded from another site, like an image, is the author's, not the theme's.)"""
    browser.wait_for(lambda: browser.js("return document.readyState") == "complete", message="load")
    urls = [browser.js("return location.href")]
    urls += browser.js("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    urls = [url.split("#")[0].split("?")[0] for url in urls]
    return [site.page_of(url) for url in urls
            if url.startswith(site.http_base) and Path(url).suffix.lower() not in IMAGE_SUFFIXES]


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def test_a_typical_chapter_stays_within_the_budget(browser, turing):
    requests, kilobytes = [], []
    for chapter in TURING_CHAPTERS:
        page = chapter[:-3] + ".html"
        browser.open(turing.url("http", page))
        files = fetched(browser, turing)
        assert files[0] == page
        assert all((turing.root / f).is_file() for f in files), files
        requests.append(len(files))
        kilobytes.append(sum(gzipped(turing.root / f) for f in files) / 1024)
        print(f"{page}: {len(files)} requests, {kilobytes[-1]:.1f} KB gzipped before images")
    typical_requests, typical_size = statistics.median(requests), statistics.median(kilobytes)
    print(f"median of {len(requests)} chapters: {typical_requests} requests, {typical_size:.1f} KB;"
          f" largest {max(requests)} requests, {max(kilobytes):.1f} KB")
    assert typical_requests <= 8
    assert typical_size <= 60


# The two pages of The Turing Way with maths (the second has code too).
MATHS_CHAPTERS = ["project-design/risks-of-bias/confounding-variables.html",
                  "reproducible-research/code-documentation/code-documentation-code.html"]


@pytest.mark.parametrize("page", MATHS_CHAPTERS)
def test_a_maths_chapter_costs_the_budget_plus_katex(browser, callbook_bin, turing_corpus, tmp_path_factory, http_root, page):
    """A Turing Way chapter with maths (of the whole book) also fetches KaTeX: its script, style
    sheet and the fonts its formulas use. Without KaTeX's files it stays within the budget (8
    requests, 60 KB); the figures with and without them are printed for the README."""
    from conftest import mount
    from test_browser_reading import full_turing_site

    site = mount(full_turing_site(callbook_bin, turing_corpus, tmp_path_factory), http_root)
    browser.open(site.url("http", page))
    browser.wait_for(lambda: browser.js("return document.querySelectorAll('.katex').length") > 0, message="KaTeX")
    browser.wait_for(lambda: browser.js("return document.fonts.status") == "loaded", message="the fonts")
    files = fetched(browser, site)
    assert files[0] == page
    katex = [f for f in files if f.startswith("_static/katex/")]
    assert {"_static/katex/katex.js", "_static/katex/katex.min.css"} <= set(katex), files
    assert any(f.endswith(".woff2") for f in katex), f"the formulas' fonts: {files}"
    total = sum(gzipped(site.root / f) for f in files) / 1024
    without = sum(gzipped(site.root / f) for f in files if f not in katex) / 1024
    print(f"{page}: {len(files)} requests ({len(katex)} of KaTeX), {total:.1f} KB gzipped before images,"
          f" {without:.1f} KB without KaTeX")
    assert len(files) - len(katex) <= 8
    assert without <= 60
