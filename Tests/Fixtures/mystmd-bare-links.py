#!/usr/bin/env python3
"""Counts, per page, the links mystmd makes that show their own address (bare and angle-bracket
web and e-mail addresses, linkified), for callbook's linkify test.

Run mystmd 1.11 on the book as described in `mystmd-citations.py`, then:
    python3 Tests/Fixtures/mystmd-bare-links.py /tmp/tw/website/_build/site/content \\
        > Tests/Fixtures/turing-way-mystmd-bare-links.json

Output: page → [address, shown text] of those links, in reading order. Addresses only: no prose.
"""
import json
import sys

from mystmd_json import nodes, pages, text

result = {}
for location, data in pages(sys.argv[1]):
    found = []
    for node in nodes(data.get("mdast")):
        if node["type"] != "link":
            continue
        # mystmd breaks shown addresses with zero-width spaces; they are not part of them.
        shown = text(node).replace("\u200b", "")
        url = node.get("url", "")
        if shown and url in (shown, "http://" + shown, "mailto:" + shown):
            found.append([url, shown])
    if found:
        result[location] = found
json.dump({"generator": "mystmd 1.11.0", "pages": result}, sys.stdout, indent=1, sort_keys=True)
print()
