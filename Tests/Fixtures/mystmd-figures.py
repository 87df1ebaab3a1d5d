#!/usr/bin/env python3
"""Extracts the figure numbers mystmd gives on every page of a book, for callbook's tests.

Run mystmd 1.11 on the book as described in `mystmd-citations.py`, then:
    python3 Tests/Fixtures/mystmd-figures.py /tmp/tw/website/_build/site/content \\
        > Tests/Fixtures/turing-way-mystmd-figures.json

Output: for each chapter (path relative to the book) with figures, the enumerator of each
figure container in reading order (null for an unnumbered one). Numbers only: no prose.
"""
import json
import sys

from mystmd_json import nodes, pages

result = {}
for location, data in pages(sys.argv[1]):
    numbers = [node.get("enumerator") for node in nodes(data.get("mdast"))
               if node["type"] == "container" and node.get("kind") == "figure"]
    if numbers:
        result[location] = numbers
json.dump({"generator": "mystmd 1.11.0", "pages": result}, sys.stdout, indent=1, sort_keys=True)
print()
