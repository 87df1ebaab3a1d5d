#!/usr/bin/env python3
"""Extracts the figure numbers mystmd gives on every page of a book, for callbook's tests.

Run mystmd 1.11 on the book as described in `mystmd-citations.py`, then:
    python3 Tests/Fixtures/mystmd-figures.py /tmp/tw/website/_build/site/content \
        > Tests/Fixtures/turing-way-mystmd-figures.json

Output: for each chapter (path relative to the book) with figures, the enumerator of each
figure container in reading order (null for an unnumbered one). Numbers only: no prose.
"""
import glob
import json
import os
import sys

content = sys.argv[1]
pages = {}
for path in sorted(glob.glob(os.path.join(content, "*.json"))):
    data = json.load(open(path))
    numbers = []

    def walk(node):
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not isinstance(node, dict):
            return
        if node.get("type") == "container" and node.get("kind") == "figure":
            numbers.append(node.get("enumerator"))
        for value in node.values():
            walk(value)

    walk(data.get("mdast"))
    if numbers:
        pages[data["location"].lstrip("/")] = numbers
json.dump({"generator": "mystmd 1.11.0", "pages": pages}, sys.stdout, indent=1, sort_keys=True)
print()
