#!/usr/bin/env python3
"""Extracts how mystmd resolves every internal reference of a book, for callbook's tests.

Run mystmd 1.11 (`pip install mystmd`) on a copy of the book with the network cut off:
    cp -r ../shared/corpus/turing-way /tmp/tw && (cd /tmp/tw/website && myst build --site)
(the build ends with an error fetching the site theme; the content JSON is written before it),
then:
    python3 Tests/Fixtures/mystmd-references.py /tmp/tw/website/_build/site/content \
        > Tests/Fixtures/turing-way-mystmd-references.json

Output: for each chapter (path relative to the book), each reference's normalised label →
the page it lands on (book-relative .html path) and the anchor (html_id, or null for a whole
page); plus the labels mystmd could not resolve. Only labels, paths and ids: no prose.
"""
import json
import sys

from mystmd_json import nodes, pages


def normalize(label):
    out = " ".join(label.replace("\t", " ").replace("\n", " ").split())
    for quote in "'‘’\"“”":
        out = out.replace(quote, "")
    return out.lower()


result, unresolved = {}, []
for location, data in pages(sys.argv[1]):
    here = location[:-3] + ".html" if location.endswith(".md") else location
    refs = {}
    for node in nodes(data.get("mdast")):
        kind = node["type"]
        if not (kind == "crossReference" or (kind == "link" and node.get("internal"))):
            continue
        identifier = node.get("identifier")
        if identifier is None:
            continue
        if kind == "crossReference" and not node.get("resolved"):
            unresolved.append({"page": location, "label": node.get("label")})
            continue
        url = node.get("url")
        page = url.lstrip("/") + ".html" if url else here
        key = identifier if identifier.startswith("term-") else normalize(node.get("label") or identifier)
        refs[key] = {"page": page, "id": node.get("html_id")}
    if refs:
        result[location] = refs
json.dump({"generator": "mystmd 1.11.0", "pages": result, "unresolved": unresolved}, sys.stdout, indent=1, sort_keys=True)
print()
