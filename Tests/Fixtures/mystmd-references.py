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
import json, glob, os, sys

def normalize(label):
    out = " ".join(label.replace("\t", " ").replace("\n", " ").split())
    for quote in "'‘’\"“”":
        out = out.replace(quote, "")
    return out.lower()

content = sys.argv[1]
pages, unresolved = {}, []
for path in sorted(glob.glob(os.path.join(content, "*.json"))):
    data = json.load(open(path))
    location = data["location"].lstrip("/")
    here = location[:-3] + ".html" if location.endswith(".md") else location
    refs = pages.setdefault(location, {})

    def walk(node):
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not isinstance(node, dict):
            return
        kind = node.get("type")
        if kind == "crossReference" or (kind == "link" and node.get("internal")):
            identifier = node.get("identifier")
            if identifier is not None:
                if kind == "crossReference" and not node.get("resolved"):
                    unresolved.append({"page": location, "label": node.get("label")})
                else:
                    url = node.get("url")
                    page = url.lstrip("/") + ".html" if url else here
                    if identifier.startswith("term-"):
                        key = identifier
                    else:
                        key = normalize(node.get("label") or identifier)
                    refs[key] = {"page": page, "id": node.get("html_id")}
        for value in node.values():
            walk(value)

    walk(data.get("mdast"))
    if not refs:
        del pages[location]
json.dump({"generator": "mystmd 1.11.0", "pages": pages, "unresolved": unresolved}, sys.stdout, indent=1, sort_keys=True)
print()
