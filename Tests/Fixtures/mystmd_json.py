"""Reading mystmd's `myst build --site` output (`_build/site/content/*.json`), for the fixture
scripts beside this file."""
import glob
import json
import os


def pages(content):
    """(book-relative chapter path, page JSON) for every page, sorted by file name."""
    for path in sorted(glob.glob(os.path.join(content, "*.json"))):
        data = json.load(open(path))
        yield data["location"].lstrip("/"), data


def nodes(tree):
    """Every node of an mdast tree, in reading order (a node before its children)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if "type" in node:
                yield node
            stack.extend(reversed([value for value in node.values() if isinstance(value, (list, dict))]))


def text(node):
    """The plain text below a node."""
    return "".join(child.get("value", "") for child in nodes(node) if child.get("type") == "text")
