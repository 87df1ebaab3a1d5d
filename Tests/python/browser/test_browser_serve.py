"""`callbook serve` in a real browser: the live-reload socket connects from the served page (its
`Origin` passes the server's check), a save reloads the page, and the error overlay says which
site is shown, which is the site the page shows (issue 10).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

import pytest

from browser_support import TODAY

BOOK = {
    "myst.yml": "version: 1\nproject:\n  title: Serve Test\n  toc:\n    - file: index.md\n    - file: chapter.md\n",
    "index.md": "# Home\n\nWelcome.\n",
    "chapter.md": "# Chapter\n\nVersion one.\n",
}

# Records the page's WebSockets, to wait until live reload is connected.
SOCKET_SPY = """
(function () {
  var Real = window.WebSocket;
  window.__sockets = [];
  window.WebSocket = function (url, protocols) {
    var socket = protocols ? new Real(url, protocols) : new Real(url);
    window.__sockets.push(socket);
    return socket;
  };
  window.WebSocket.prototype = Real.prototype;
})();
"""


@pytest.fixture
def served(callbook_bin, tmp_path):
    book = tmp_path / "book"
    for name, text in BOOK.items():
        (book / name).parent.mkdir(parents=True, exist_ok=True)
        (book / name).write_text(text, encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path = tmp_path / "serve.log"
    log = open(log_path, "w+", encoding="utf-8")
    environment = dict(os.environ, TMPDIR=str(tmp_path))
    environment.pop("GITHUB_ACTIONS", None)  # the plain diagnostics, also when the tests run in GitHub Actions
    server = subprocess.Popen([str(callbook_bin), "serve", str(book), "--port", str(port), "--today", TODAY],
                              stdout=log, stderr=subprocess.STDOUT, env=environment)
    deadline = time.monotonic() + 30
    while "Serving " not in log_path.read_text(encoding="utf-8"):
        if server.poll() is not None or time.monotonic() > deadline:
            pytest.fail("callbook serve did not start:\n" + log_path.read_text(encoding="utf-8"))
        time.sleep(0.05)
    yield book, port
    server.send_signal(signal.SIGINT)
    server.wait(timeout=10)
    log.close()


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_overlay_says_which_site_is_shown(browser, served):
    book, port = served
    spy = browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SOCKET_SPY})["identifier"]
    try:
        browser.open(f"http://127.0.0.1:{port}/chapter.html")
        browser.wait_for(lambda: browser.js("return window.__sockets.some(function (s) { return s.readyState === 1; })"),
                         message="the live-reload socket to open")
        time.sleep(0.3)  # its first message, the build the page shows
        overlay = "var box = document.getElementById('callbook-overlay'); return box ? box.textContent : null;"

        # An error in the chapter: that build is written and shown, and the overlay says so.
        browser.js("window.__before = true;")
        edit(book / "chapter.md", "Version one.", "Version broken.\n\n```{include} missing.md\n```")
        browser.wait_for(lambda: "Version broken." in browser.js("return document.body.textContent")
                         and browser.js(overlay), timeout=60, message="the page to reload with its overlay")
        text = browser.js(overlay)
        assert text.startswith("callbook: the last build has errors (below). The site shown is that build"), text
        assert "missing.md" in text

        # A broken configuration: nothing written, the page stays, the overlay says so.
        browser.js("window.__before = true;")
        edit(book / "myst.yml", "toc:", "toc: [\n")
        browser.wait_for(lambda: "wrote nothing" in (browser.js(overlay) or ""), timeout=60,
                         message="the overlay for a failed build")
        text = browser.js(overlay)
        assert text.startswith("callbook: the last build failed (below) and wrote nothing. "
                               "The site shown is the one built before it"), text
        assert browser.js("return window.__before === true"), "the page reloaded though nothing was written"
        assert "Version broken." in browser.js("return document.body.textContent")

        # Both fixed: reloaded, no overlay.
        edit(book / "myst.yml", "toc: [\n", "toc:")
        edit(book / "chapter.md", "Version broken.\n\n```{include} missing.md\n```", "Version two.")
        browser.wait_for(lambda: "Version two." in browser.js("return document.body.textContent")
                         and browser.js(overlay) is None, timeout=60, message="the fixed page without overlay")
    finally:
        browser.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": spy})
