#!/usr/bin/env python3
"""Extracts how mystmd renders every citation of a book, for callbook's citation tests.

Run mystmd 1.11 (`pip install mystmd`) on a copy of the book with the network cut off:
    cp -r ../shared/corpus/turing-way /tmp/tw && (cd /tmp/tw/website && unshare -n myst build --site)
(the build ends with an error fetching the site theme; the content JSON is written before it),
then:
    python3 Tests/Fixtures/mystmd-citations.py /tmp/tw/website/_build/site/content \
        > Tests/Fixtures/turing-way-mystmd-citations.json

Output: for each chapter (path relative to the book) that cites, its citations in reading order
(key, kind, in-text text, and for parenthetical groups the group's index on the page), and its
reference list as mystmd's HTML for each key.
"""
import json
import sys

from mystmd_json import nodes, pages, text

result = {}
for location, data in pages(sys.argv[1]):
    cites = []
    group_of = {}  # id of a cite node → the number of its parenthetical group on the page
    groups = 0
    for node in nodes(data.get("mdast")):
        if node["type"] == "citeGroup":
            groups += 1
            for child in node.get("children", []):
                group_of[id(child)] = groups
        elif node["type"] == "cite":
            cites.append({"key": node.get("label"), "kind": node.get("kind"), "text": text(node),
                          "group": group_of.get(id(node))})
    references = data.get("references", {}).get("cite", {})
    if cites or references.get("order"):
        result[location] = {
            "cites": cites,
            "order": references.get("order", []),
            "references": {key: entry.get("html") for key, entry in references.get("data", {}).items()},
        }
json.dump({"generator": "mystmd 1.11.0", "pages": result}, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
print()
