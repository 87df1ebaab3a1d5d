#!/usr/bin/env python3
"""The search index of The Turing Way: its sizes, and how quickly a reader gets results.

Builds the book (release binary) into a temporary folder, then, in headless Chromium over
file:// (best and median of 5 runs):

* the first download (`_static/search-index.js`, fetched when a reader first searches) and the
  lazily loaded section text (`_static/search/text-N.js`, fetched for the results shown);
* search.html?q=QUERY: from navigation to the results listed, and from the index having loaded
  to the first results (the performance marks `callbook-index-loaded` and `callbook-results`);
* typing QUERY in the header's box of a chapter once the index is loaded: time to the list.

Usage: bench/search-first-query.py [BOOK_DIR] [QUERY]
"""
import glob, gzip, os, shutil, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
book = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "corpus", "turing-way", "website")
query = sys.argv[2] if len(sys.argv) > 2 else "research software"
subprocess.run(["swift", "build", "-c", "release", "--product", "callbook", "--static-swift-stdlib"], cwd=root, check=True, stdout=subprocess.DEVNULL)
site = os.path.join(tempfile.mkdtemp(prefix="callbook-search-"), "site")
subprocess.run([os.path.join(root, ".build", "release", "callbook"), "build", book, "--output", site, "--no-cache"],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
               env=dict(os.environ, CALLBOOK_THEME=os.path.join(root, "templates")))


def size(path):
    data = open(path, "rb").read()
    return len(data), len(gzip.compress(data, 6))


raw, packed = size(os.path.join(site, "_static", "search-index.js"))
print("first download, _static/search-index.js: %.2f MB (%d bytes; %d KB gzipped)" % (raw / 1e6, raw, packed // 1000))
chunks = [size(p) for p in glob.glob(os.path.join(site, "_static", "search", "text-*.js"))]
print("section text, loaded for the results shown: %d chunks, %.2f MB in all, %d KB each at most (%d KB gzipped)"
      % (len(chunks), sum(c[0] for c in chunks) / 1e6, max(c[0] for c in chunks) // 1000, max(c[1] for c in chunks) // 1000))

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

options = webdriver.ChromeOptions()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"]:
    options.add_argument(argument)
# The chromedriver on PATH (Debian's chromium-driver): no download, no network.
driver = webdriver.Chrome(options=options, service=Service(executable_path=shutil.which("chromedriver")))


def summary(values):
    return "median %.0f ms, best %.0f ms" % (statistics.median(values), min(values))


try:
    opened, after_index, typed = [], [], []
    for run in range(5):
        driver.get("about:blank")
        start = time.perf_counter()
        driver.get("file://%s/search.html?q=%s" % (site, query.replace(" ", "+")))
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
        opened.append((time.perf_counter() - start) * 1000)
        after_index.append(driver.execute_script(
            "return performance.getEntriesByName('callbook-results')[0].startTime"
            " - performance.getEntriesByName('callbook-index-loaded')[0].startTime"))
        count = driver.execute_script("return document.getElementById('search-status').textContent")
        # The header's box on a chapter: focus loads the index; then the query is typed.
        driver.get("file://%s/reproducible-research/vcs.html" % site)
        driver.find_element(By.ID, "search-input").click()
        WebDriverWait(driver, 30).until(lambda d: d.execute_script(
            "return performance.getEntriesByName('callbook-index-loaded').length"))
        time.sleep(0.3)
        typed.append(driver.execute_script("""
            var box = document.getElementById('search-input'), t = performance.now();
            box.value = arguments[0]; box.dispatchEvent(new Event('input'));
            var marks = performance.getEntriesByName('callbook-results');
            return marks.length ? marks[marks.length - 1].startTime - t : null;""", query))
    print("search.html?q=%s: %s" % (query.replace(" ", "+"), count))
    print("  page opened to results listed: %s" % summary(opened))
    print("  index loaded to first results: %s" % summary(after_index))
    print("typing %r in the header once the index is loaded, to the list: %s" % (query, summary(typed)))
finally:
    driver.quit()
    shutil.rmtree(os.path.dirname(site), ignore_errors=True)
