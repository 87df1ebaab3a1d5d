"""Helpers for the browser tests: where things are, the built sites, the browser with its
emulation switches. The fixtures that use them are in conftest.py."""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

REPO = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE / "screenshots"
TODAY = "2026-11-27"
# What every page's clock says unless a test sets another (`Browser.freeze_clock`): noon of the
# sites' --today, when no call of content/calls.yml is live or within the hour. With the real
# clock, the site-wide call notice appeared above the header while a call was near (Tuesday to
# Thursday from 10:00 UTC, for instance) and took the focus and the clicks some tests expect.
STILL_CLOCK = TODAY + "T12:00:00Z"

DESKTOP = (1280, 900)
PHONE = (390, 844)

# 20 chapters of The Turing Way with at least one figure and one table and no {include}.
# The first 13 have every (or nearly every) figure file in the corpus's figures/ folder; the shared
# corpus holds only part of the project's figures, so the last 7 have figures the build reports as
# missing (image-missing warnings), which the tests take into account.
TURING_CHAPTERS = [
    "collaboration/academic-industry.md",
    "ethical-research/ethics-intro.md",
    "project-design/data-security/sdpm.md",
    "project-design/missing-data/missing-data-visualising-missingness.md",
    "project-design/project-management-methodologies/overview.md",
    "reproducible-research/licensing/licensing-ml.md",
    "reproducible-research/make.md",
    "reproducible-research/open.md",
    "reproducible-research/open/open-hardware.md",
    "reproducible-research/overview/overview-definitions.md",
    "reproducible-research/renv/renv-containers.md",
    "reproducible-research/reviewing.md",
    "reproducible-research/testing.md",
    "community-handbook/community-calls/community-calls-collabcafe.md",
    "community-handbook/community-calls/community-calls-coworking-dropins.md",
    "project-design/missing-data.md",
    "reproducible-research/ci.md",
    "reproducible-research/compendia.md",
    "reproducible-research/rdm.md",
    "reproducible-research/vcs.md",
]

FIGURE_RE = re.compile(r"^\s*(?:```+|:::+)\s*\{figure\}", re.M)
PIPE_TABLE_RE = re.compile(r"^\s*\|.*\|\s*$\n^\s*\|[\s:|-]+\|\s*$", re.M)
MISSING_IMAGE_RE = re.compile(r"image '([^']+)' does not exist")


# --------------------------------------------------------------------------------------------
# Skips and failures


def require_tools() -> bool:
    return os.environ.get("CALLBOOK_REQUIRE_TOOLS") == "1"


def unavailable(message: str):
    """Skips the test, or fails it when CALLBOOK_REQUIRE_TOOLS=1."""
    if require_tools():
        pytest.fail(message + " (CALLBOOK_REQUIRE_TOOLS=1: missing tools or data are failures)")
    pytest.skip(message)


def corpus_root() -> Path:
    shared = os.environ.get("CALLBOOK_SHARED")
    if shared:
        return (REPO / shared).resolve() / "corpus"
    return REPO.parent / "shared" / "corpus"


def find_program(env: str, *names: str) -> str | None:
    explicit = os.environ.get(env)
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


# --------------------------------------------------------------------------------------------
# Building


class Site:
    """A built site: its folder, its pages and what the build said."""

    def __init__(self, name: str, root: Path, stderr: str, base_path: str):
        self.name = name
        self.root = root
        self.stderr = stderr
        self.base_path = base_path  # e.g. "/handbook/" on the HTTP server
        self.http_base: str | None = None

    def pages(self) -> list[str]:
        """Every HTML page, relative to the site root, sorted."""
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def url(self, transport: str, page: str = "index.html") -> str:
        if transport == "file":
            path, question, query = page.partition("?")
            return (self.root / path).as_uri() + question + query
        assert self.http_base, "the HTTP server is not running"
        return self.http_base + page

    def page_of(self, url: str) -> str:
        """The page path (relative to the site root) a browser URL points at."""
        parsed = urlparse(url)
        if parsed.scheme == "file":
            return Path(unquote(parsed.path)).resolve().relative_to(self.root.resolve()).as_posix()
        path = unquote(parsed.path)
        assert path.startswith(self.base_path), f"{url} left the sub-path {self.base_path}"
        return path[len(self.base_path):] or "index.html"

    def missing_images(self) -> set[str]:
        """File names of the images the build reported missing."""
        return {Path(m).name for m in MISSING_IMAGE_RE.findall(self.stderr)}


def build(callbook: Path, book: Path, output: Path, *extra: str) -> subprocess.CompletedProcess:
    # This repository's theme, whichever binary runs (CALLBOOK_THEME=DIR tests another one).
    env = dict(os.environ, CALLBOOK_THEME=os.environ.get("CALLBOOK_THEME") or str(REPO / "templates"))
    env.pop("GITHUB_ACTIONS", None)  # the plain diagnostics, also when the tests run in GitHub Actions
    run = subprocess.run([str(callbook), "build", str(book), "--output", str(output), *extra],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    if run.returncode != 0:
        pytest.fail(f"callbook build {book} exited with {run.returncode}:\n{run.stderr[-6000:]}")
    return run


class Browser:
    """The session's Chrome with helpers; reset to a known state for every test."""

    def __init__(self, driver):
        self.driver = driver
        self.clock_script = None

    # Emulation ------------------------------------------------------------------------------
    def viewport(self, width: int, height: int, mobile: bool | None = None):
        if mobile is None:
            mobile = width < 600
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def color_scheme(self, scheme: str):
        """'light' or 'dark': what prefers-color-scheme reports."""
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})

    def timezone(self, zone: str):
        """An IANA zone, or '' for the machine's own."""
        self.driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": zone})

    def javascript(self, enabled: bool):
        self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not enabled})

    def freeze_clock(self, iso: str | None):
        """Makes Date.now() and new Date() return this instant in the pages opened next (or the
        real time again with None): the sites are built with --today, the browser's clock moves on.
        Every test starts at STILL_CLOCK."""
        if self.clock_script:
            self.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument",
                                        {"identifier": self.clock_script})
            self.clock_script = None
        if iso:
            source = ("(function () { var fixed = Date.parse(%r); var Real = Date;"
                      " class Frozen extends Real { constructor(...a) { if (a.length) { super(...a); }"
                      " else { super(fixed); } } static now() { return fixed; } }"
                      " window.Date = Frozen; })();" % iso)
            self.clock_script = self.driver.execute_cdp_cmd(
                "Page.addScriptToEvaluateOnNewDocument", {"source": source})["identifier"]

    def reset(self):
        self.freeze_clock(STILL_CLOCK)
        self.javascript(True)
        self.viewport(*DESKTOP, mobile=False)
        self.color_scheme("light")
        self.timezone("UTC")
        self.console()  # drain the log

    # Pages ----------------------------------------------------------------------------------
    def open(self, url: str):
        self.driver.get(url)
        self.wait_loaded()

    def wait_loaded(self, timeout: float = 10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.driver.execute_script("return document.readyState") == "complete":
                    return
            except Exception:  # noqa: BLE001 - page in the middle of navigating
                pass
            time.sleep(0.05)
        raise AssertionError(f"{self.driver.current_url} did not finish loading")

    def wait_for(self, condition, timeout: float = 10, message: str = "condition"):
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                last = condition()
                if last:
                    return last
            except Exception as error:  # noqa: BLE001 - retried until the deadline
                last = error
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {message} on {self.driver.current_url} (last: {last!r})")

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def console(self) -> list[dict]:
        return self.driver.get_log("browser")

    def h1(self) -> str:
        return self.js("var h = document.querySelector('main h1'); return h ? h.childNodes[0].textContent.trim() : null")

    def title(self) -> str:
        return self.driver.title

    def set_theme_attribute(self, theme: str | None):
        self.js("if (arguments[0]) document.documentElement.setAttribute('data-theme', arguments[0]);"
                " else document.documentElement.removeAttribute('data-theme');", theme)

    def overflow(self) -> dict:
        return self.js("return {scrollWidth: document.documentElement.scrollWidth,"
                       " innerWidth: window.innerWidth}")

    def screenshot(self, path: Path, full_page: bool = True, max_height: int = 6000):
        """A PNG of the page (the whole page, up to max_height CSS pixels)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        params = {"format": "png", "captureBeyondViewport": full_page}
        if full_page:
            metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            width = self.js("return window.innerWidth")
            params["clip"] = {"x": 0, "y": 0, "width": width,
                              "height": min(size["height"], max_height), "scale": 1}
        data = self.driver.execute_cdp_cmd("Page.captureScreenshot", params)["data"]
        path.write_bytes(base64.b64decode(data))
