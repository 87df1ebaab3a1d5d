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
import glob
import json
import os
import sys


def text(node):
    if isinstance(node, list):
        return "".join(text(child) for child in node)
    if not isinstance(node, dict):
        return ""
    if "value" in node and node.get("type") == "text":
        return node["value"]
    return text(node.get("children", []))


content = sys.argv[1]
pages = {}
for path in sorted(glob.glob(os.path.join(content, "*.json"))):
    data = json.load(open(path))
    location = data["location"].lstrip("/")
    cites = []
    groups = [0]

    def walk(node, group):
        if isinstance(node, list):
            for child in node:
                walk(child, group)
            return
        if not isinstance(node, dict):
            return
        kind = node.get("type")
        if kind == "citeGroup":
            groups[0] += 1
            walk(node.get("children", []), groups[0])
            return
        if kind == "cite":
            cites.append({"key": node.get("label"), "kind": node.get("kind"), "text": text(node.get("children", [])),
                          "group": group})
            return
        for value in node.values():
            walk(value, group)

    walk(data.get("mdast"), None)
    references = data.get("references", {}).get("cite", {})
    if cites or references.get("order"):
        pages[location] = {
            "cites": cites,
            "order": references.get("order", []),
            "references": {key: entry.get("html") for key, entry in references.get("data", {}).items()},
        }
json.dump({"generator": "mystmd 1.11.0", "pages": pages}, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
print()
