"""Search: the header box, the results page, keyboard only, over file:// and HTTP."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

QUERY = "Collaboration Cafe"


def results(browser):
    return browser.js("""
        return Array.from(document.querySelectorAll('#search-results a')).map(function (a) {
          return {text: a.textContent, href: a.href};
        });""")


def wait_for_results(browser, site):
    browser.wait_for(lambda: site.page_of(browser.driver.current_url) == "search.html", message="search.html")
    browser.wait_loaded()
    read = "return document.getElementById('search-status').textContent.trim()"
    browser.wait_for(lambda: browser.js(read).endswith("”."), message="search results")
    return browser.js(read), results(browser)


def test_header_search_finds_the_collaboration_cafe(browser, content, transport):
    browser.open(content.url(transport, "hosting/etiquette.html"))
    box = browser.driver.find_element(By.ID, "search-input")
    box.send_keys(QUERY)
    box.submit()
    status, found = wait_for_results(browser, content)
    assert "result" in status and not status.startswith("Nothing"), status
    assert browser.driver.find_element(By.ID, "search-page-input").get_attribute("value") == QUERY
    pages = [content.page_of(r["href"].split("#")[0]) for r in found]
    assert "coworking/collabcafe.html" in pages, found
    assert pages[0] == "coworking/collabcafe.html", "the Collaboration Cafe chapter should rank first"
    assert found[0]["text"] == "The Collaboration Cafe"
    # The terms are highlighted in the snippets.
    assert browser.js("return document.querySelectorAll('#search-results mark').length") > 0
    browser.driver.find_element(By.CSS_SELECTOR, "#search-results a").click()
    browser.wait_for(lambda: content.page_of(browser.driver.current_url) == "coworking/collabcafe.html",
                     message="the chapter")
    assert browser.h1() == "The Collaboration Cafe"


def test_search_with_the_keyboard_only(browser, content, transport):
    browser.open(content.url(transport))
    keys = ActionChains(browser.driver)
    focused = []

    def tab_until(condition, limit):
        for _ in range(limit):
            ActionChains(browser.driver).send_keys(Keys.TAB).perform()
            info = browser.js("""var e = document.activeElement;
                return {id: e.id, tag: e.tagName, text: (e.textContent || '').trim().slice(0, 40),
                        inResults: !!e.closest('#search-results'),
                        visible: shown(e) || (e.labels && Array.from(e.labels).some(shown))};
                function shown(n) {
                  var r = n.getBoundingClientRect(), s = getComputedStyle(n);
                  return r.width > 2 && r.height > 2 && s.visibility !== 'hidden' && s.opacity !== '0';
                }""")
            focused.append(info)
            if condition(info):
                return info
        raise AssertionError(f"not reached within {limit} tabs; focus went through {focused}")

    first = tab_until(lambda info: True, 1)
    assert first["text"] == "Skip to content", "the skip link comes first"
    tab_until(lambda info: info["id"] == "search-input", 10)
    keys.send_keys(QUERY).send_keys(Keys.ENTER).perform()
    wait_for_results(browser, content)
    focused.clear()
    target = tab_until(lambda info: info["inResults"], 60)
    assert target["text"] == "The Collaboration Cafe"
    invisible = [info for info in focused if not info["visible"]]
    assert not invisible, f"keyboard focus landed on invisible elements: {invisible}"
    ActionChains(browser.driver).send_keys(Keys.ENTER).perform()
    browser.wait_for(lambda: content.page_of(browser.driver.current_url) == "coworking/collabcafe.html",
                     message="Enter on the first result")


def test_search_page_form_and_no_results(browser, content):
    browser.open(content.url("http", "search.html?q=zzzqqqxx"))
    status, found = wait_for_results(browser, content)
    assert status.startswith("Nothing found"), status
    assert found == []
    box = browser.driver.find_element(By.ID, "search-page-input")
    box.clear()
    box.send_keys("time zone")
    box.send_keys(Keys.ENTER)
    browser.wait_for(lambda: "q=time+zone" in browser.driver.current_url, message="the new query")
    status, found = wait_for_results(browser, content)
    assert status.endswith("for “time zone”."), status
    assert any(content.page_of(r["href"].split("#")[0]) == "hosting/timezones.html" for r in found), found


def test_turing_way_search(browser, turing):
    browser.open(turing.url("http", "search.html?q=" + QUERY.replace(" ", "+")))
    status, found = wait_for_results(browser, turing)
    pages = [turing.page_of(r["href"].split("#")[0]) for r in found]
    assert "community-handbook/community-calls/community-calls-collabcafe.html" in pages, found



def test_plural_query_finds_the_singular(browser, content):
    # The book says "etiquette" and "breakout" only; a reader who types plurals still finds them.
    browser.open(content.url("http", "search.html?q=etiquettes"))
    status, found = wait_for_results(browser, content)
    assert not status.startswith("Nothing"), status
    assert ("Everyday etiquette", "hosting/etiquette.html") in [
        (r["text"], content.page_of(r["href"].split("#")[0])) for r in found], found
    browser.open(content.url("http", "search.html?q=breakouts"))
    status, found = wait_for_results(browser, content)
    assert any(content.page_of(r["href"].split("#")[0]) == "coworking/collabcafe.html" for r in found), found
    marks = browser.js("return Array.from(document.querySelectorAll('#search-results mark'))"
                       ".map(function (m) { return m.textContent.toLowerCase(); })")
    assert marks and all(m == "breakout" for m in marks), marks
