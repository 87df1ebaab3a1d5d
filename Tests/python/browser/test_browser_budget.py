"""The reading budget of issue 13, measured in Chromium on the 20 Turing Way chapters: a typical
chapter (the median of the 20) costs at most 8 requests and 60 KB transferred before images.

"Transferred" is what a web server that compresses text would send: each file the page fetched
(the page itself, styles, scripts, fonts; not images or videos) gzipped at level 6, summed. The
test's own server does not compress, so the sizes come from the files, not from the network
panel. The figures are printed (``pytest -s``) for the closing notes.
"""

from __future__ import annotations

import gzip
import statistics
from pathlib import Path

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
