#!/usr/bin/env python3
"""The search index of The Turing Way: its size, and how long a reader's first query takes.

Builds the book (release binary) into a temporary folder, then opens search.html?q=… over
file:// in headless Chromium and measures the time from navigation to the results being listed
(this includes loading and parsing the index, which happens only when the reader searches).

Usage: bench/search-first-query.py [BOOK_DIR] [QUERY]
"""
import os, shutil, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
book = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "corpus", "turing-way", "website")
query = sys.argv[2] if len(sys.argv) > 2 else "research software"
subprocess.run(["swift", "build", "-c", "release", "--product", "callbook"], cwd=root, check=True, stdout=subprocess.DEVNULL)
site = os.path.join(tempfile.mkdtemp(prefix="callbook-search-"), "site")
subprocess.run([os.path.join(root, ".build", "release", "callbook"), "build", book, "--output", site, "--no-cache"],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
index = os.path.join(site, "_static", "search-index.js")
print("search index: %.2f MB (%d bytes)" % (os.path.getsize(index) / 1e6, os.path.getsize(index)))

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

options = webdriver.ChromeOptions()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"]:
    options.add_argument(argument)
from selenium.webdriver.chrome.service import Service
# The chromedriver on PATH (Debian's chromium-driver): no download, no network.
driver = webdriver.Chrome(options=options, service=Service(executable_path=shutil.which("chromedriver")))
try:
    times = []
    for run in range(5):
        driver.get("about:blank")
        start = time.perf_counter()
        driver.get("file://%s/search.html?q=%s" % (site, query.replace(" ", "+")))
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
        times.append((time.perf_counter() - start) * 1000)
    count = len(driver.find_elements(By.CSS_SELECTOR, "#search-results li"))
    times.sort()
    print("first query %r: %d results; page opened to results listed: median %.0f ms, best %.0f ms (5 runs)"
          % (query, count, times[2], times[0]))
finally:
    driver.quit()
    shutil.rmtree(os.path.dirname(site), ignore_errors=True)
