"""The 404 page at any depth, served as GitHub Pages serves it (its content, status 404, for any
missing address): styled, with working links, a logo and a favicon that load, from a sub-path,
with no base URL configured (a script finds the root) and with one (every link absolute)."""

import functools
import http.server
import threading
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from browser_support import REPO, TODAY, build


class NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /handbook/; a missing file gets /handbook/404.html with status 404."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "handbook" / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_host(content_site, tmp_path_factory):
    root = tmp_path_factory.mktemp("pages-host")
    (root / "handbook").symlink_to(content_site.root, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(NotFoundHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/handbook/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def pages_host_with_base_url(callbook_bin, tmp_path_factory):
    """The same host, serving content/ built with the host's own address as its base URL (the
    server is bound first, so the address is known before the build)."""
    root = tmp_path_factory.mktemp("pages-host-base")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(NotFoundHandler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}/handbook/"
    build(callbook_bin, REPO / "content", root / "handbook", "--today", TODAY, "--base-url", base)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()
    server.server_close()


def assert_images_and_links_load(browser, host):
    """The logo is drawn, the favicon and every sidebar link lead to files of the site."""
    browser.wait_for(lambda: browser.js("var i = document.querySelector('.brand img.logo');"
                                        " return i && i.complete && i.naturalWidth > 0"), message="the logo to load")
    favicon = browser.js("return document.querySelector('link[rel=icon]').href")
    assert favicon.startswith(host), favicon
    assert browser.js("return fetch(arguments[0]).then(function (r) { return r.status; })", favicon) == 200
    links = browser.js("return Array.from(document.querySelectorAll('nav.sidebar a')).map(function (a) { return a.href; })")
    # content/'s table of contents: the home page, 3 chapters on calls, 5 on running them.
    assert len(links) >= 8, links
    for link in links:
        assert link.startswith(host), link
        assert browser.js("return fetch(arguments[0]).then(function (r) { return r.status; })", link) == 200, link


@pytest.mark.parametrize("missing", [
    "gone.html",                       # at the top
    "coworking/gone.html",             # below a folder the site has
    "old/deep/path/gone.html",         # below folders it does not have
])
def test_not_found_page_is_styled_and_its_links_work(browser, pages_host, missing):
    browser.open(pages_host + missing)
    browser.wait_for(lambda: browser.js(
        "return getComputedStyle(document.querySelector('.site-header')).display === 'flex'"),
        message="the theme's style sheet applied")
    assert browser.h1() == "Page not found"
    home = browser.driver.find_element(By.PARTIAL_LINK_TEXT, "Go to the start")
    assert home.get_attribute("href") == pages_host + "index.html"
    search = browser.js("return document.querySelector('form.search-form').action")
    assert search == pages_host + "search.html"
    assert_images_and_links_load(browser, pages_host)
    home.click()
    browser.wait_loaded()
    assert browser.driver.current_url == pages_host + "index.html"


@pytest.mark.parametrize("missing", [
    "gone.html",
    "coworking/gone.html",
    "old/deep/path/gone.html",
])
def test_not_found_page_with_a_base_url_uses_absolute_links(browser, pages_host_with_base_url, missing):
    host = pages_host_with_base_url
    browser.open(host + missing)
    assert browser.h1() == "Page not found"
    assert browser.js("return getComputedStyle(document.querySelector('.site-header')).display") == "flex"
    # No script finds the root here: the base URL is written into the page.
    assert browser.js("return document.querySelector('base')") is None
    assert browser.js("return document.querySelector('.brand img.logo').getAttribute('src')") == host + "figures/logo.svg"
    assert browser.js("return document.querySelector('link[rel=icon]').getAttribute('href')") == host + "figures/logo.svg"
    assert_images_and_links_load(browser, host)
    home = browser.driver.find_element(By.PARTIAL_LINK_TEXT, "Go to the start")
    assert home.get_attribute("href") == host + "index.html"
    home.click()
    browser.wait_loaded()
    assert browser.driver.current_url == host + "index.html"
