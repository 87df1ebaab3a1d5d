#!/usr/bin/env python3
"""Counts, per page, the links mystmd makes that show their own address (bare and angle-bracket
web and e-mail addresses, linkified), for callbook's linkify test.

Run mystmd 1.11 on the book as described in `mystmd-citations.py`, then:
    python3 Tests/Fixtures/mystmd-bare-links.py /tmp/tw/website/_build/site/content \
        > Tests/Fixtures/turing-way-mystmd-bare-links.json

Output: page → [address, shown text] of those links, in reading order. Addresses only: no prose.
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
    if node.get("type") == "text":
        return node.get("value", "")
    return text(node.get("children", []))


content = sys.argv[1]
pages = {}
for path in sorted(glob.glob(os.path.join(content, "*.json"))):
    data = json.load(open(path))
    found = []

    def walk(node):
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not isinstance(node, dict):
            return
        if node.get("type") == "link":
            # mystmd breaks shown addresses with zero-width spaces; they are not part of them.
            shown = text(node.get("children", [])).replace("\u200b", "")
            url = node.get("url", "")
            if shown and url in (shown, "http://" + shown, "mailto:" + shown):
                found.append([url, shown])
        for value in node.values():
            walk(value)

    walk(data.get("mdast"))
    if found:
        pages[data["location"].lstrip("/")] = found
json.dump({"generator": "mystmd 1.11.0", "pages": pages}, sys.stdout, indent=1, sort_keys=True)
print()
