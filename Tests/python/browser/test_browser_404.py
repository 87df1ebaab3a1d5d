"""The 404 page at any depth, served as GitHub Pages serves it (its content, status 404, for any
missing address): styled, with working links, from a sub-path and with no base URL configured."""

import functools
import http.server
import threading
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By


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
    home.click()
    browser.wait_loaded()
    assert browser.driver.current_url == pages_host + "index.html"
