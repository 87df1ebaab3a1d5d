"""Reading the handbook (issue 13): search while typing, the sidebar that keeps its place, the
phone header, code blocks (highlighting, copy buttons, emphasised and numbered lines). Each is
checked in light and dark, at 1366×900 and 390×844."""

import json
import re
import textwrap

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import PHONE, build

WIDE = (1366, 900)
VIEWPORTS = {"desktop": WIDE, "phone": PHONE}
SCHEMES = ["light", "dark"]


def setup(browser, viewport, scheme):
    width, height = VIEWPORTS[viewport]
    browser.viewport(width, height, mobile=viewport == "phone")
    browser.color_scheme(scheme)


def keys(browser, *sequence):
    ActionChains(browser.driver).send_keys(*sequence).perform()


def active(browser):
    return browser.js("var e = document.activeElement; return e.id || e.className || e.tagName")


def contrast(browser, selector):
    """The contrast ratio of the first element matching selector against its own background."""
    return browser.js("""
        function rgb(text) { return text.match(/[\\d.]+/g).slice(0, 3).map(Number); }
        function lum(c) { return c.map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                                 .reduce(function (s, v, i) { return s + v * [0.2126, 0.7152, 0.0722][i]; }, 0); }
        var e = document.querySelector(arguments[0]); if (!e) { return null; }
        var s = getComputedStyle(e), a = lum(rgb(s.color)), b = lum(rgb(s.backgroundColor));
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);""", selector)


# --------------------------------------------------------------------------------------------
# Search


def menu_results(browser):
    return browser.js("""return Array.from(document.querySelectorAll('#search-menu .search-menu-results a'))
        .filter(function (a) { return a.getClientRects().length; })
        .map(function (a) { return {title: (a.querySelector('.search-result-title') || a).textContent, href: a.href}; });""")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_header_search_lists_results_while_typing(browser, content, viewport, scheme):
    setup(browser, viewport, scheme)
    browser.open(content.url("http", "hosting/etiquette.html"))
    # "/" goes to the box (on a phone, the icon opens into a box across the header).
    keys(browser, "/")
    assert active(browser) == "search-input"
    box = browser.driver.find_element(By.ID, "search-input")
    assert box.size["width"] > 150, "the box opens wide enough to type in"
    keys(browser, "c")
    browser.wait_for(lambda: menu_results(browser), message="results after the first keystroke")
    keys(browser, "afe")
    browser.wait_for(lambda: menu_results(browser) and "Collaboration Cafe" in menu_results(browser)[0]["title"],
                     message="the Cafe first")
    panel = browser.js("var r = document.getElementById('search-menu').getBoundingClientRect(),"
                       " b = document.getElementById('search-input').getBoundingClientRect();"
                       " return {top: r.top, bottom: b.bottom, left: r.left, right: r.right, width: innerWidth}")
    assert panel["top"] >= panel["bottom"] - 1, f"the list sits under the box: {panel}"
    assert panel["left"] >= 0 and panel["right"] <= panel["width"] + 1, panel
    # Arrow keys move through the results, Escape goes back to the box and closes the list.
    keys(browser, Keys.ARROW_DOWN)
    first = browser.js("return document.activeElement.href")
    assert first == menu_results(browser)[0]["href"]
    keys(browser, Keys.ARROW_DOWN)
    assert browser.js("return document.activeElement.href") == menu_results(browser)[1]["href"]
    keys(browser, Keys.ARROW_UP)
    assert browser.js("return document.activeElement.href") == first
    keys(browser, Keys.ESCAPE)
    assert active(browser) == "search-input"
    assert browser.js("return document.getElementById('search-menu').hidden")
    # Enter opens the chosen result.
    keys(browser, "s")
    browser.wait_for(lambda: menu_results(browser), message="results again")
    keys(browser, Keys.ARROW_DOWN)
    target = browser.js("return document.activeElement.href")
    keys(browser, Keys.ENTER)
    browser.wait_for(lambda: browser.driver.current_url == target, message="Enter to open the result")
    # Highlights are readable in both themes.
    browser.open(content.url("http", "search.html?q=cafe"))
    browser.wait_for(lambda: browser.js("return document.querySelectorAll('#search-results mark').length"),
                     message="marked words")
    assert contrast(browser, "#search-results mark") >= 4.5


def test_ctrl_k_focuses_the_search_box(browser, content):
    browser.open(content.url("file", "coworking/daily.html"))
    ActionChains(browser.driver).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
    assert active(browser) == "search-input"
    # Over file:// too, the index and the list come as soon as the reader types.
    keys(browser, "c")
    browser.wait_for(lambda: menu_results(browser), message="results over file://")
    browser.open(content.url("file", "search.html"))
    browser.driver.find_element(By.CSS_SELECTOR, "main h1").click()
    keys(browser, "/")
    assert active(browser) == "search-page-input", "on search.html the shortcuts go to the page's box"


def test_search_page_updates_while_typing_and_every_result_is_reachable(browser, turing):
    browser.open(turing.url("http", "search.html"))
    box = browser.driver.find_element(By.ID, "search-page-input")
    box.send_keys("research")
    status = "return document.getElementById('search-status').textContent"
    browser.wait_for(lambda: re.match(r"\d+ results for “research”", browser.js(status)), message="results while typing")
    total = int(browser.js(status).split()[0])
    assert total > 20, "the sample has more results than one page shows"
    assert "q=research" in browser.driver.current_url, "the address follows the query"
    shown = lambda: browser.js("return document.querySelectorAll('#search-results > li').length")  # noqa: E731
    assert shown() == 20
    while browser.js("var b = document.querySelector('.search-more'); return b && !b.hidden"):
        before = shown()
        browser.driver.find_element(By.CSS_SELECTOR, ".search-more").click()
        browser.wait_for(lambda: shown() > before, message="more results")
        assert browser.js("return document.activeElement.closest('#search-results > li') !== null"), \
            "the first new result has the focus"
    assert shown() == total
    # Snippets are cut around the words found: every snippet that has the word marks it.
    browser.wait_for(lambda: browser.js("return document.querySelectorAll('#search-results .search-snippet').length") > total * 0.8,
                     message="snippets")
    unmarked = browser.js("""return Array.from(document.querySelectorAll('#search-results .search-snippet'))
        .filter(function (p) { return /\\bresearch\\b/i.test(p.textContent) && !p.querySelector('mark'); })
        .map(function (p) { return p.textContent; });""")
    assert not unmarked, unmarked[:5]
    marked = browser.js("return Array.from(document.querySelectorAll('#search-results .search-snippet'))"
                        ".filter(function (p) { return p.querySelector('mark'); }).length")
    assert marked >= total * 0.8, f"{marked} of {total} snippets show the word"


def test_search_ranks_titles_first_and_finds_other_forms(browser, content):
    browser.open(content.url("http", "search.html"))
    engine = "return window.callbookSearchEngine"
    browser.wait_for(lambda: browser.js(engine), message="the search script")
    stems = browser.js("var s = window.callbookSearchEngine.stem;"
                       " return ['running', 'run', 'hosted', 'hosting', 'communities', 'community'].map(s)")
    assert stems == ["run", "run", "host", "host", "commun", "commun"]
    box = browser.driver.find_element(By.ID, "search-page-input")
    box.send_keys("hosted")
    browser.wait_for(lambda: browser.js("return document.querySelectorAll('#search-results a').length"),
                     message="results for hosted")
    first = browser.js("return document.querySelector('#search-results a').textContent")
    assert first == "Hosting a call", "a heading with the word (in another form) comes first"
    browser.wait_for(lambda: browser.js("return document.querySelectorAll('#search-results mark').length"),
                     message="marks")
    marks = set(browser.js("return Array.from(document.querySelectorAll('#search-results mark'))"
                           ".map(function (m) { return m.textContent.toLowerCase(); })"))
    assert marks and all(m.startswith("host") for m in marks), marks


def test_search_index_is_split_and_quick(browser, turing):
    index = turing.root / "_static" / "search-index.js"
    text = index.read_text(encoding="utf-8")
    data = json.loads(text[text.index("=") + 1:text.rindex(";")])
    assert set(data) == {"pages", "sections", "chunks", "words"}
    chunks = sorted((turing.root / "_static" / "search").glob("text-*.js"))
    assert len(chunks) == len(data["chunks"]) > 1
    browser.open(turing.url("http", "search.html?q=version+control"))
    browser.wait_for(lambda: browser.js("return performance.getEntriesByName('callbook-results').length"),
                     message="results")
    loaded, shown = browser.js("return [performance.getEntriesByName('callbook-index-loaded')[0].startTime,"
                               " performance.getEntriesByName('callbook-results')[0].startTime]")
    assert shown - loaded <= 150, f"first results {shown - loaded:.0f} ms after the index loaded"
    # Only the text chunks of the results shown are fetched.
    browser.wait_for(lambda: browser.js("return document.querySelectorAll('.search-snippet').length"), message="snippets")
    fetched = browser.js("return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
                         ".filter(function (n) { return n.indexOf('/search/text-') >= 0; }).length")
    assert 1 <= fetched < len(chunks)


# --------------------------------------------------------------------------------------------
# Sidebar and page navigation


DEEP = "reproducible-research/renv/renv-containers.html"


def open_menu(browser):
    """On a phone, slide the menu in (the sidebar is off screen until then)."""
    browser.driver.find_element(By.CSS_SELECTOR, "label.nav-toggle-label").click()
    browser.wait_for(lambda: browser.js("return getComputedStyle(document.getElementById('sidebar')).visibility") == "visible"
                     and browser.js("return document.getElementById('sidebar').getBoundingClientRect().left") >= -1,
                     message="the menu to slide in")


def toggle(browser, summary, entry, shown_after):
    """Click a branch's chevron; the entry below it must become shown (or hidden), with the
    <details> open (or closed)."""
    summary.click()
    browser.wait_for(lambda: entry.is_displayed() == shown_after, message=f"the branch to {'open' if shown_after else 'close'}")
    assert browser.js("return arguments[0].parentNode.open", summary) == shown_after


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_sidebar_branches_open_and_close(browser, callbook_bin, turing_corpus, tmp_path_factory, javascript, viewport, scheme):
    """On a deep page of the whole Turing Way, the branch of the current page is open and every
    other entry with children is a closed branch (its children from toc.js) that opens and closes;
    every chapter is in the sidebar. Without JavaScript the current branch closes and opens, and
    the page of a closed entry lists its children."""
    site = full_turing_site(callbook_bin, turing_corpus, tmp_path_factory)
    browser.javascript(javascript)
    setup(browser, viewport, scheme)
    browser.open(site.url("file", DEEP))
    if viewport == "phone":
        open_menu(browser)
    info = browser.js("""
        var current = document.querySelector('nav.sidebar a[aria-current=page]');
        var chain = [], node = current.closest('details');
        while (node) { chain.push(node.open); node = node.parentNode.closest('details'); }
        return {current: current.textContent, chain: chain,
                ancestors: Array.from(document.querySelectorAll('nav.sidebar li.on-path > a')).map(function (a) { return a.textContent; }),
                closed: document.querySelectorAll('nav.sidebar details:not([open])').length,
                branches: document.querySelectorAll('nav.sidebar li.branch').length,
                hrefs: Array.from(document.querySelectorAll('nav.sidebar ul.toc a')).map(function (a) { return a.href; })};""")
    # reproducible-research/renv/renv-containers.md sits under renv.md under reproducible-research.md.
    assert len(info["chain"]) == 2 and all(info["chain"]), f"the branch of the current page is open: {info['chain']}"
    assert len(info["ancestors"]) == 2 and info["ancestors"][-1] == "Reproducible Environments", info["ancestors"]
    assert info["branches"] > 10, "entries off the way with children are marked as branches"
    chapters = {p for p in site.pages() if p not in ("search.html", "404.html") and not p.startswith(("_assets/", "_static/"))}
    if javascript:
        # Every chapter of the book is in the sidebar (from toc.js), each once.
        pages = [site.page_of(href) for href in info["hrefs"]]
        assert sorted(pages) == sorted(chapters), set(pages) ^ chapters
        assert info["closed"] == info["branches"], info
        # A closed branch at the top: its children are hidden; its chevron opens and closes it.
        summary = browser.driver.find_element(By.CSS_SELECTOR, "nav.sidebar ul.toc li.branch > details:not([open]) > summary")
        entry = summary.find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, "ul a")
        browser.js("arguments[0].scrollIntoView({block: 'center'})", summary)
        assert not entry.is_displayed()
        toggle(browser, summary, entry, True)
        toggle(browser, summary, entry, False)
    else:
        assert info["closed"] == 0 and len(info["hrefs"]) < len(chapters) / 4, "only the current branch is in the page"
        # The branch holding the current page closes and opens.
        current = browser.driver.find_element(By.CSS_SELECTOR, "nav.sidebar a[aria-current=page]")
        summary = browser.js("return arguments[0].closest('details').querySelector(':scope > summary')", current)
        toggle(browser, summary, current, False)
        toggle(browser, summary, current, True)
        # A closed entry's own page lists its children: follow the first top-level branch.
        branch = browser.driver.find_element(By.CSS_SELECTOR, "nav.sidebar ul.toc li.branch > a")
        browser.js("arguments[0].scrollIntoView({block: 'center'})", branch)
        target = branch.get_attribute("href")
        branch.click()
        browser.wait_for(lambda: browser.driver.current_url == target, message="the branch's page")
        browser.wait_loaded()
        children = browser.js("return Array.from(document.querySelectorAll('nav.sidebar li.current > details[open] > ul > li > a')).length")
        assert children > 0, "the page of a section lists its children"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_current_page_is_in_view_and_ancestors_are_marked(browser, callbook_bin, turing_corpus, tmp_path_factory,
                                                         viewport, scheme):
    site = full_turing_site(callbook_bin, turing_corpus, tmp_path_factory)
    setup(browser, viewport, scheme)
    browser.open(site.url("file", "reproducible-research/vcs/vcs-git-compare.html"))
    if viewport == "phone":
        browser.driver.find_element(By.CSS_SELECTOR, "label.nav-toggle-label").click()
        browser.wait_for(lambda: browser.js("return getComputedStyle(document.getElementById('sidebar')).visibility") == "visible"
                         and browser.js("return document.getElementById('sidebar').getBoundingClientRect().left") >= -1,
                         message="the menu to slide in")
    place = browser.js("""var a = document.querySelector('nav.sidebar a[aria-current=page]').getBoundingClientRect();
        var s = document.getElementById('sidebar').getBoundingClientRect();
        return {top: a.top, bottom: a.bottom, height: innerHeight, sidebarTop: s.top};""")
    assert place["top"] >= place["sidebarTop"] - 1 and place["bottom"] <= place["height"], \
        f"the current page is in view on load: {place}"
    ancestors = browser.js("return Array.from(document.querySelectorAll('nav.sidebar li.on-path > a'))"
                           ".map(function (a) { return [a.textContent, getComputedStyle(a).fontWeight]; })")
    assert len(ancestors) >= 2, ancestors
    assert all(int(weight) >= 600 for _, weight in ancestors), ancestors
    # Long titles wrap under their own first letter, not under the chevron or the branch line.
    lefts = browser.js("""return Array.from(document.querySelectorAll('nav.sidebar a')).filter(function (a) {
          return a.getClientRects().length && a.getBoundingClientRect().height > 40; }).slice(0, 5).map(function (a) {
          var range = document.createRange(); range.selectNodeContents(a);
          var rects = Array.from(range.getClientRects()); return rects.map(function (r) { return Math.round(r.left); });
        });""")
    for rects in lefts:
        assert len(set(rects)) == 1, f"the lines of a long title start at the same place: {rects}"


_FULL = {}


def full_turing_site(callbook_bin, turing_corpus, tmp_path_factory):
    """The whole of The Turing Way (478 chapters), built once. The corpus has a few errors of its
    own (missing includes), so the build's exit status 1 is expected; the pages are written."""
    import os
    import subprocess

    from browser_support import REPO, Site

    if "site" not in _FULL:
        out = tmp_path_factory.mktemp("turing-full") / "site"
        env = dict(os.environ, CALLBOOK_THEME=os.environ.get("CALLBOOK_THEME") or str(REPO / "templates"))
        env.pop("GITHUB_ACTIONS", None)  # the plain diagnostics, also when the tests run in GitHub Actions
        run = subprocess.run([str(callbook_bin), "build", str(turing_corpus), "--output", str(out), "--no-cache"],
                             cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
        assert run.returncode in (0, 1) and (out / "index.html").is_file(), run.stderr[-3000:]
        _FULL["site"] = Site("turing-full", out, run.stderr, "/turing-full/")
    return _FULL["site"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_phone_header_is_one_row_and_the_menu_slides_over_the_page(browser, content, scheme):
    setup(browser, "phone", scheme)
    browser.open(content.url("http", "coworking/daily.html"))
    rows = browser.js("""
        var header = document.querySelector('.site-header').getBoundingClientRect();
        function box(selector) { var r = document.querySelector(selector).getBoundingClientRect();
          return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, mid: (r.top + r.bottom) / 2}; }
        return {header: {height: header.height}, menu: box('.nav-toggle-label'), title: box('.brand'),
                search: box('#search-input'), width: innerWidth};""")
    assert rows["header"]["height"] <= 60, rows
    mids = [rows[name]["mid"] for name in ("menu", "title", "search")]
    assert max(mids) - min(mids) < 6, f"menu, title and search share one row: {rows}"
    assert rows["menu"]["right"] <= rows["title"]["left"] and rows["title"]["right"] <= rows["search"]["left"] + 1, rows
    assert rows["search"]["right"] <= rows["width"], rows
    main_top = browser.js("return document.querySelector('main h1').getBoundingClientRect().top")
    browser.driver.find_element(By.CSS_SELECTOR, "label.nav-toggle-label").click()
    browser.wait_for(lambda: browser.js("return document.getElementById('sidebar').getBoundingClientRect().left") >= -1,
                     message="the menu to slide in")
    sidebar = browser.js("var r = document.getElementById('sidebar').getBoundingClientRect();"
                         " return {left: r.left, width: r.width, position: getComputedStyle(document.getElementById('sidebar')).position}")
    assert sidebar["position"] == "fixed" and sidebar["width"] < PHONE[0], sidebar
    assert browser.js("return document.querySelector('main h1').getBoundingClientRect().top") == main_top, \
        "the menu covers the page instead of pushing it down"
    # The calendar link and the theme toggle are in the menu.
    links = browser.js("return Array.from(document.querySelectorAll('nav.sidebar .sidebar-site-links a, nav.sidebar .theme-toggle'))"
                       ".filter(function (e) { return e.getClientRects().length; }).map(function (e) { return e.textContent; })")
    assert "Calendar" in links and any(text.startswith("Theme:") for text in links), links


# --------------------------------------------------------------------------------------------
# Code


CODE_CHAPTER = textwrap.dedent('''\
    # Code

    ```python
    def greet(name):
        """Say hello."""
        return f"Hello, {name}!"  # a comment
    ```

    ```r
    x <- c(1, 2, 3)
    mean(x)
    ```

    ```console
    $ git status
    On branch main
    $ git add notes.md
    ```

    ```{code-block} python
    :emphasize-lines: 2
    :linenos:

    >>> import math
    >>> math.sqrt(16)
    4.0
    ```

    ```yaml
    title: Book  # comment
    toc: [a, b]
    ```

    ```json
    {"key": [1, true, null]}
    ```

    ```markdown
    # Heading with *emphasis*
    ```

    ```julia
    function f(x::Int)
        return x^2
    end
    ```

    ```sql
    SELECT name FROM calls WHERE id = 1;
    ```

    ```swift
    let answer: Int = 42
    ```

    ```bash
    echo "$HOME"
    ```

    ```
    plain text, no language
    ```
    ''')


MATHS_CHAPTER = textwrap.dedent(r'''
    # Maths

    Euler's identity $e^{i\pi} + 1 = 0$ and a role {math}`\sqrt{2}`.

    $$
    \int_0^1 x^2 \, dx = \frac{1}{3}
    $$ (eq-integral)

    ```{math}
    :label: eq-sum
    \sum_{k=1}^{n} k = \frac{n(n+1)}{2}
    ```

    See {eq}`eq-integral`.
    ''')


@pytest.fixture(scope="module")
def code_site(callbook_bin, tmp_path_factory, http_root):
    from browser_support import Site

    book = tmp_path_factory.mktemp("code-book")
    (book / "myst.yml").write_text("version: 1\nproject:\n  title: Code\n  toc:\n    - file: index.md\n    - file: maths.md\n",
                                   encoding="utf-8")
    (book / "index.md").write_text(CODE_CHAPTER, encoding="utf-8")
    (book / "maths.md").write_text(MATHS_CHAPTER, encoding="utf-8")
    out = tmp_path_factory.mktemp("code-site") / "site"
    run = build(callbook_bin, book, out)
    site = Site("code", out, run.stderr, "/code/")
    root, origin = http_root
    link = root / "code"
    if not link.exists():
        link.symlink_to(out, target_is_directory=True)
    site.http_base = origin + "/code/"
    return site


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_code_is_highlighted_and_readable(browser, code_site, viewport, scheme):
    setup(browser, viewport, scheme)
    browser.open(code_site.url("http"))
    browser.wait_for(lambda: browser.js("return document.querySelectorAll('code.hljs').length") >= 11,
                     message="highlighted blocks")
    languages = browser.js("""return Array.from(document.querySelectorAll('pre > code')).map(function (c) {
        return [c.className, c.querySelectorAll('[class^=hljs-]').length]; });""")
    for name in ("python", "r", "console", "yaml", "json", "markdown", "julia", "sql", "swift", "bash"):
        tokens = [count for classes, count in languages if f"language-{name}" in classes.split()]
        assert tokens and tokens[0] > 0, f"{name} is highlighted: {languages}"
    # Every token is readable on the code background (and on an emphasised line).
    low = browser.js("""
        function rgb(t) { return t.match(/[\\d.]+/g).slice(0, 3).map(Number); }
        function lum(c) { return c.map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                                 .reduce(function (s, v, i) { return s + v * [0.2126, 0.7152, 0.0722][i]; }, 0); }
        function bg(e) { while (e) { var b = getComputedStyle(e).backgroundColor; if (b !== 'rgba(0, 0, 0, 0)') { return b; } e = e.parentElement; } return 'rgb(255,255,255)'; }
        return Array.from(document.querySelectorAll('pre [class^=hljs-]')).map(function (e) {
          var a = lum(rgb(getComputedStyle(e).color)), b = lum(rgb(bg(e)));
          return [e.className, e.textContent, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
        }).filter(function (x) { return x[2] < 4.5; });""")
    assert not low, f"tokens under 4.5:1: {low[:5]}"
    # Emphasised and numbered lines survive highlighting.
    numbered = browser.js("""var c = document.querySelector('code.numbered');
        return {lines: c.querySelectorAll(':scope > .line').length, emphasized: c.querySelectorAll('.line.emphasized').length,
                second: c.querySelector('.line.emphasized').textContent, number: getComputedStyle(c.querySelector('.line'), '::before').content,
                tokens: c.querySelectorAll('.line [class^=hljs-]').length,
                gap: c.querySelectorAll('.line')[1].getBoundingClientRect().top - c.querySelectorAll('.line')[0].getBoundingClientRect().top,
                lineHeight: parseFloat(getComputedStyle(c).lineHeight)};""")
    assert numbered["lines"] == 3 and numbered["emphasized"] == 1, numbered
    assert numbered["second"] == ">>> math.sqrt(16)", numbered
    assert numbered["number"] not in ("none", "normal", ""), numbered
    assert numbered["tokens"] > 0, numbered
    assert numbered["gap"] <= numbered["lineHeight"] * 1.2, f"numbered lines are single-spaced: {numbered}"
    assert browser.overflow()["scrollWidth"] <= browser.overflow()["innerWidth"]


def test_copy_buttons_copy_the_code_without_prompts(browser, code_site, transport):
    browser.open(code_site.url(transport))
    blocks = browser.js("return document.querySelectorAll('.chapter pre').length")
    buttons = browser.driver.find_elements(By.CSS_SELECTOR, ".code-block > button.copy-code")
    assert len(buttons) == blocks == 12
    browser.js("window.__copied = []; var fake = {writeText: function (t) { window.__copied.push(t); return Promise.resolve(); }};"
               " try { Object.defineProperty(navigator, 'clipboard', {value: fake, configurable: true}); } catch (e) {}"
               " document.execCommand = function () { window.__copied.push(document.activeElement.value); return true; };")
    for index in (0, 2, 3, 11):
        buttons[index].click()
    browser.wait_for(lambda: len(browser.js("return window.__copied")) == 4, message="four copies")
    copied = browser.js("return window.__copied")
    assert copied[0].startswith("def greet(name):\n") and copied[0].endswith('# a comment')
    assert copied[1] == "git status\ngit add notes.md", "prompts and output are left out"
    assert copied[2] == "import math\nmath.sqrt(16)"
    assert copied[3] == "plain text, no language"
    browser.wait_for(lambda: buttons[0].text == "Copied", message="the button says so")
    # Keyboard: the button is reachable and shows its focus.
    buttons[1].send_keys("")
    assert browser.js("return document.activeElement.className") == "copy-code"


def test_code_without_javascript_is_plain_and_complete(browser, code_site):
    browser.javascript(False)
    browser.open(code_site.url("http"))
    assert not browser.driver.find_elements(By.CSS_SELECTOR, "button.copy-code")
    text = browser.driver.find_element(By.CSS_SELECTOR, "code.language-python").text
    assert "def greet(name):" in text


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_maths_render_with_the_network_blocked(browser, code_site, viewport, scheme):
    setup(browser, viewport, scheme)
    html = (code_site.root / "maths.html").read_text(encoding="utf-8")
    assert "http" not in "".join(re.findall(r'<(?:script|link)[^>]*>', html)), "nothing is loaded from elsewhere"
    assert "_static/katex/katex.js" in html
    assert "katex" not in (code_site.root / "index.html").read_text(encoding="utf-8"), \
        "pages without maths do not load KaTeX"
    browser.driver.execute_cdp_cmd("Network.enable", {})
    browser.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    try:
        browser.open(code_site.url("file", "maths.html"))
        browser.wait_for(lambda: browser.js("return document.querySelectorAll('.katex').length") == 4,
                         message="four rendered expressions")
        shown = browser.driver.find_element(By.CSS_SELECTOR, "main").text
        assert "\\frac" not in shown and "\\(" not in shown and "\\[" not in shown, shown
        assert browser.js("return document.querySelectorAll('.math-display .katex-display').length") == 2
        assert browser.js("return document.querySelectorAll('.equation-number').length") == 2
        # The fonts came from the site.
        browser.wait_for(lambda: browser.js("return document.fonts.check('16px KaTeX_Main')"), message="KaTeX fonts")
        assert browser.overflow()["scrollWidth"] <= browser.overflow()["innerWidth"]
    finally:
        browser.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_on_reading_features(browser, content, code_site, scheme):
    """axe on the open header list, the search page with marks, and highlighted code."""
    from test_browser_axe import axe, axe_script

    Axe = axe()
    setup(browser, "desktop", scheme)
    problems = []

    def run(where):
        script = axe_script()
        checker = Axe(browser.driver, script) if script else Axe(browser.driver)
        checker.inject()
        result = checker.run(options="{resultTypes: ['violations']}")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append(f"{where}: " + checker.report([violation]))

    browser.open(content.url("http", "hosting/etiquette.html"))
    keys(browser, "/", "call")
    browser.wait_for(lambda: browser.js("return document.querySelectorAll('#search-menu mark').length"), message="marks")
    run("header list")
    browser.open(content.url("http", "search.html?q=call"))
    browser.wait_for(lambda: browser.js("return document.querySelectorAll('#search-results mark').length"), message="marks")
    run("search page")
    browser.open(code_site.url("http"))
    browser.wait_for(lambda: browser.js("return document.querySelectorAll('code.hljs').length"), message="highlighting")
    run("code")
    browser.open(code_site.url("http", "maths.html"))
    browser.wait_for(lambda: browser.js("return document.querySelectorAll('.katex').length"), message="maths")
    run("maths")
    setup(browser, "phone", scheme)
    browser.open(content.url("http", "coworking/daily.html"))
    browser.driver.find_element(By.CSS_SELECTOR, "label.nav-toggle-label").click()
    run("phone menu")
    assert not problems, "\n\n".join(problems)
