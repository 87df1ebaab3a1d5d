"""Navigation over file:// and over HTTP from a sub-path: sidebar, previous/next, breadcrumbs."""

import time
from selenium.webdriver.common.by import By

BOOK_TITLE = "The Coworking Calls Handbook"

# Reading order of content/myst.yml: (page, title).
CONTENT_ORDER = [
    ("index.html", None),  # the first chapter's own title, read from the page
    ("coworking/coworking.html", "Coworking calls"),
    ("coworking/collabcafe.html", "The Collaboration Cafe"),
    ("coworking/daily.html", "Daily coworking"),
    ("hosting/joining.html", "Getting the link to a call"),
    ("hosting/hosting.html", "Hosting a call"),
    ("hosting/describing-calls.html", "Describing your calls"),
    ("hosting/etiquette.html", "Etiquette and code of conduct"),
    ("hosting/timezones.html", "Joining from any time zone"),
]


def click_when_still(browser, element, timeout: float = 10):
    """Scrolls `element` into view and clicks it once it has stopped moving: images above it
    that load lazily as the page scrolls would otherwise move it between the scroll and the
    click, which then lands on whatever took its place (a figure's link)."""
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    where = "const r = arguments[0].getBoundingClientRect(); return [r.x, r.y, r.width, r.height];"
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        now = browser.driver.execute_script(where, element)
        if now == last:
            break
        last = now
        time.sleep(0.15)
    element.click()


def sidebar_links(browser):
    """The sidebar's links: their text (without the collapsed-branch marker) and href."""
    return browser.js("""
        return Array.from(document.querySelectorAll('nav.sidebar a')).map(function (a) {
          var copy = a.cloneNode(true);
          copy.querySelectorAll('[aria-hidden=true]').forEach(function (e) { e.remove(); });
          return {text: copy.textContent.trim(), href: a.getAttribute('href')};
        });""")


def assert_on(browser, site, page, title):
    browser.wait_for(lambda: site.page_of(browser.driver.current_url) == page, message=f"page {page}")
    browser.wait_loaded()
    if title is None:  # the home page: titled after the book
        assert browser.title() == BOOK_TITLE
    else:
        assert browser.h1() == title
        assert browser.title() == f"{title} · {BOOK_TITLE}"
    current = [link["text"] for link in sidebar_links(browser)
               if link["href"] and browser.js(
                   "return document.querySelector('nav.sidebar a[aria-current=page]')"
                   " && document.querySelector('nav.sidebar a[aria-current=page]').getAttribute('href')") == link["href"]]
    assert current == [title or BOOK_TITLE], "the sidebar marks the wrong page as current"


def test_sidebar_links_lead_to_their_pages(browser, content, transport):
    """From each page, click the sidebar entry of the next chapter (collapsed branches open as
    the reader goes down them), then go home from the last one."""
    browser.open(content.url(transport))
    for page, title in CONTENT_ORDER[1:] + [CONTENT_ORDER[0]]:
        text = title or BOOK_TITLE
        links = sidebar_links(browser)
        index = [link["text"] for link in links].index(text)  # ValueError: not in the sidebar
        browser.driver.find_elements(By.CSS_SELECTOR, "nav.sidebar a")[index].click()
        assert_on(browser, content, page, title)


def test_previous_and_next_walk_the_book_in_order(browser, content, transport):
    browser.open(content.url(transport))
    seen = [content.page_of(browser.driver.current_url)]
    while True:
        nexts = browser.driver.find_elements(By.CSS_SELECTOR, "nav.pager a[rel=next]")
        if not nexts:
            break
        expected = nexts[0].find_element(By.CSS_SELECTOR, ".label").text
        click_when_still(browser, nexts[0])
        browser.wait_for(lambda: browser.title().split(" · ")[0] == expected, message=f"next page '{expected}'")
        seen.append(content.page_of(browser.driver.current_url))
        assert len(seen) <= len(CONTENT_ORDER), f"the next links loop: {seen}"
    # index.html is the first chapter's second address: the pager goes on from there.
    assert seen == ["index.html"] + [page for page, _ in CONTENT_ORDER[1:]]
    back = []
    while True:
        prevs = browser.driver.find_elements(By.CSS_SELECTOR, "nav.pager a[rel=prev]")
        if not prevs:
            break
        expected = prevs[0].find_element(By.CSS_SELECTOR, ".label").text
        click_when_still(browser, prevs[0])
        browser.wait_for(lambda: browser.title().split(" · ")[0] == expected, message=f"previous page '{expected}'")
        back.append(content.page_of(browser.driver.current_url))
        assert len(back) <= len(CONTENT_ORDER), f"the previous links loop: {back}"
    assert back == [page for page, _ in CONTENT_ORDER[:-1]][::-1]


def test_breadcrumbs_lead_up_the_book(browser, content, transport):
    browser.open(content.url(transport, "coworking/collabcafe.html"))
    crumbs = browser.js("return Array.from(document.querySelectorAll('nav.breadcrumbs li'))"
                        ".map(function (li) { return li.textContent.trim(); })")
    assert crumbs == [BOOK_TITLE, "Our calls", "Coworking calls", "The Collaboration Cafe"]
    assert browser.js("return document.querySelector('nav.breadcrumbs [aria-current=page]').textContent") \
        == "The Collaboration Cafe"
    browser.driver.find_element(By.LINK_TEXT, "Coworking calls").click()
    assert_on(browser, content, "coworking/coworking.html", "Coworking calls")
    browser.driver.find_element(By.CSS_SELECTOR, "nav.breadcrumbs a").click()
    assert_on(browser, content, "index.html", None)


def test_header_links(browser, content, transport):
    browser.open(content.url(transport, "hosting/etiquette.html"))
    browser.driver.find_element(By.CSS_SELECTOR, "nav.site-links a").click()
    browser.wait_for(lambda: content.page_of(browser.driver.current_url) == "calendar.html", message="calendar")
    assert browser.h1() == "Calendar"
    assert browser.js("return document.querySelector('nav.site-links a').getAttribute('aria-current')") == "page"
    browser.driver.find_element(By.CSS_SELECTOR, "a.brand").click()
    browser.wait_for(lambda: content.page_of(browser.driver.current_url) == "index.html", message="home page")


def test_every_internal_link_resolves_over_http(browser, content):
    """Every relative link and resource of every page exists under the sub-path."""
    import urllib.error
    import urllib.request
    from urllib.parse import urljoin, urldefrag

    broken = []
    checked = set()
    for page in content.pages():
        browser.open(content.url("http", page))
        urls = browser.js("""
            var out = [];
            document.querySelectorAll('a[href], link[href], script[src], img[src]').forEach(function (e) {
              out.push(e.href || e.src);
            });
            return out;""")
        for url in urls:
            url = urldefrag(urljoin(browser.driver.current_url, url))[0]
            if not url.startswith(content.http_base) or url in checked:
                if url.startswith("http://127.0.0.1") and not url.startswith(content.http_base):
                    broken.append(f"{page}: {url} leaves the sub-path {content.base_path}")
                continue
            checked.add(url)
            try:
                urllib.request.urlopen(url, timeout=5).close()
            except urllib.error.URLError as error:
                broken.append(f"{page}: {url}: {error}")
    assert not broken, "\n".join(broken)
    assert len(checked) > 10


def test_turing_way_pager_and_sidebar(browser, turing):
    """The 20 Turing Way chapters: next links visit every chapter once, in TOC order."""
    from browser_support import TURING_CHAPTERS

    browser.open(turing.url("http"))
    browser.wait_for(lambda: turing.page_of(browser.driver.current_url) != "index.html",
                     message="the redirect from index.html")
    browser.wait_loaded()
    sidebar = [link["href"] for link in sidebar_links(browser)]
    assert len(sidebar) == len(TURING_CHAPTERS)
    seen = [turing.page_of(browser.driver.current_url)]
    for _ in range(len(TURING_CHAPTERS) + 1):
        nexts = browser.driver.find_elements(By.CSS_SELECTOR, "nav.pager a[rel=next]")
        if not nexts:
            break
        before = browser.driver.current_url
        click_when_still(browser, nexts[0])
        browser.wait_for(lambda: browser.driver.current_url != before, message="the next page")
        browser.wait_loaded()
        seen.append(turing.page_of(browser.driver.current_url))
    # index.html redirects to the first chapter (which is not index.md here).
    assert seen == [c[:-3] + ".html" for c in TURING_CHAPTERS]
    # A sidebar link deep in the book, from a page two folders down.
    browser.driver.find_element(By.CSS_SELECTOR, "nav.sidebar a[href$='make.html']").click()
    browser.wait_for(lambda: turing.page_of(browser.driver.current_url) == "reproducible-research/make.html",
                     message="make.html")
