"""Shared fixtures for the browser tests.

Builds two sites once per session, each into its own temporary folder:

* ``content_site``: the default book ``content/``, built with ``--today 2026-11-27``;
* ``turing_site``: "20 chapters' worth of The Turing Way": a temporary book whose ``myst.yml``
  lists the 20 chapters of ``TURING_CHAPTERS`` (each has a figure and a table and no
  ``{include}``), copied with their relative paths, with the corpus's ``figures/`` copied as
  ``../figures`` beside the book so that ``../../figures/x.png`` resolves as it does in the corpus.

Both sites are served by one ``http.server`` on 127.0.0.1 under sub-paths (``/handbook/`` and
``/turing-way/``) to prove that sub-path hosting works, and are also opened over ``file://``.

Missing tools (Chromium, chromedriver, Java for the Nu checker, Swift) or a missing corpus skip
the tests that need them, unless ``CALLBOOK_REQUIRE_TOOLS=1`` is set (CI sets it): then they fail.
A missing corpus also fails when ``CALLBOOK_SHARED`` is set.

Environment:

* ``CALLBOOK_SHARED``: the shared folder, relative to the repository (the corpus is in its
  ``corpus/``); default ``../shared`` beside the repository.
* ``CALLBOOK_BIN``: the callbook binary to test; default: ``swift build --product callbook``
  (incremental) and the debug binary it makes.
* ``CALLBOOK_THEME``: the theme to test; default this repository's ``templates/``.
* ``CALLBOOK_CHROMIUM`` / ``CALLBOOK_CHROMEDRIVER``: the browser and its driver; default from PATH.
* ``CALLBOOK_AXE_SCRIPT``: an ``axe.min.js`` to audit with (see test_browser_axe.py).

Screenshots are written to ``Tests/python/browser/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import (  # noqa: E402 - after the path is set
    DESKTOP, FIGURE_RE, PIPE_TABLE_RE, REPO, TODAY, TURING_CHAPTERS, Browser, Site, build,
    corpus_root, find_program, unavailable,
)


# --------------------------------------------------------------------------------------------
# Building


@pytest.fixture(scope="session")
def callbook_bin() -> Path:
    explicit = os.environ.get("CALLBOOK_BIN")
    if explicit:
        path = Path(explicit)
        if not path.exists():
            pytest.fail(f"CALLBOOK_BIN={explicit} does not exist")
        return path
    swift = shutil.which("swift")
    if not swift:
        unavailable("swift is not installed: cannot build callbook")
    # Quick when the debug build is up to date (scripts/test runs `swift test` first).
    run = subprocess.run([swift, "build", "--product", "callbook"], cwd=REPO,
                         capture_output=True, text=True, timeout=900)
    if run.returncode != 0:
        pytest.fail("swift build --product callbook failed:\n" + run.stdout[-4000:] + run.stderr[-4000:])
    bin_dir = subprocess.run([swift, "build", "--show-bin-path"], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout.strip()
    return Path(bin_dir) / "callbook"


@pytest.fixture(scope="session")
def content_site(callbook_bin, tmp_path_factory) -> Site:
    out = tmp_path_factory.mktemp("content") / "site"
    run = build(callbook_bin, REPO / "content", out, "--today", TODAY)
    return Site("content", out, run.stderr, "/handbook/")


@pytest.fixture(scope="session")
def content_site_with_base_url(callbook_bin, tmp_path_factory) -> Site:
    out = tmp_path_factory.mktemp("content-base-url") / "site"
    run = build(callbook_bin, REPO / "content", out, "--today", TODAY,
                "--base-url", "https://example.org/handbook/")
    return Site("content-base-url", out, run.stderr, "/handbook/")


@pytest.fixture(scope="session")
def turing_corpus() -> Path:
    website = corpus_root() / "turing-way" / "website"
    if not (website / "myst.yml").is_file() or not (website.parent / "figures").is_dir():
        message = f"The Turing Way corpus is missing at {website}"
        if os.environ.get("CALLBOOK_SHARED"):
            pytest.fail(message + " (CALLBOOK_SHARED is set: the shared data is required)")
        unavailable(message + " (set CALLBOOK_SHARED)")
    return website


@pytest.fixture(scope="session")
def turing_site(callbook_bin, turing_corpus, tmp_path_factory) -> Site:
    work = tmp_path_factory.mktemp("turing-way")
    book = work / "book"
    book.mkdir()
    # ../figures beside the book, as in the corpus (chapters use ../../figures/x.png): a copy, as a
    # link out of the temporary folder would lead outside the book's project root.
    shutil.copytree(turing_corpus.parent / "figures", work / "figures")
    problems = []
    for chapter in TURING_CHAPTERS:
        source = turing_corpus / chapter
        if not source.is_file():
            problems.append(f"{chapter}: not in the corpus")
            continue
        text = source.read_text(encoding="utf-8")
        if "{include}" in text:
            problems.append(f"{chapter}: uses {{include}}")
        if not FIGURE_RE.search(text):
            problems.append(f"{chapter}: has no figure")
        if not (PIPE_TABLE_RE.search(text) or "{list-table}" in text or "{table}" in text):
            problems.append(f"{chapter}: has no table")
        target = book / chapter
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    if problems:
        pytest.fail("The Turing Way corpus changed; pick other chapters:\n" + "\n".join(problems))
    toc = "\n".join(f"    - file: {chapter}" for chapter in TURING_CHAPTERS)
    (book / "myst.yml").write_text(
        "version: 1\nproject:\n  title: The Turing Way (20 chapters)\n"
        "  authors:\n    - name: The Turing Way Community\n"
        f"  toc:\n{toc}\n", encoding="utf-8")
    # The site goes in a folder of its own, away from ../figures, so that only images the build
    # copied into the site can load.
    out = tmp_path_factory.mktemp("turing-way-site") / "site"
    run = build(callbook_bin, book, out)
    return Site("turing-way", out, run.stderr, "/turing-way/")


# --------------------------------------------------------------------------------------------
# HTTP server on 127.0.0.1, serving each site from a sub-path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def http_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("http-root")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def mount(site: Site, http_root) -> Site:
    root, origin = http_root
    link = root / site.base_path.strip("/")
    if not link.exists():
        link.symlink_to(site.root, target_is_directory=True)
    site.http_base = origin + site.base_path
    return site


@pytest.fixture(scope="session")
def content(content_site, http_root) -> Site:
    return mount(content_site, http_root)


@pytest.fixture(scope="session")
def turing(turing_site, http_root) -> Site:
    return mount(turing_site, http_root)


# --------------------------------------------------------------------------------------------
# The browser


@pytest.fixture(scope="session")
def chrome():
    chromium = find_program("CALLBOOK_CHROMIUM", "chromium", "chromium-browser", "google-chrome")
    driver_path = find_program("CALLBOOK_CHROMEDRIVER", "chromedriver")
    if not chromium or not driver_path:
        unavailable("Chromium and chromedriver are needed for the browser tests "
                    f"(found chromium={chromium}, chromedriver={driver_path})")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        unavailable("selenium is not installed (pip install -r Tests/python/requirements.txt)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--lang=en-GB", "--hide-scrollbars", "--force-color-profile=srgb",
                     "--no-first-run", "--disable-extensions", "--disable-background-networking",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "en-GB,en"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def browser_session(chrome) -> Browser:
    return Browser(chrome)


@pytest.fixture
def browser(browser_session) -> Browser:
    b = browser_session
    b.reset()
    yield b
    b.reset()


@pytest.fixture(params=["file", "http"])
def transport(request) -> str:
    return request.param
