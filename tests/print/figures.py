"""Lists the Figure elements of a tagged PDF's structure tree as JSON: each
one's alternate text (/Alt) and the text of the marked content beneath it is
not needed — the tests ask whether every figure has its alternative, in the
edition's language.

Usage: figures.py FILE.pdf
"""

import json
import sys

import pikepdf


def walk(element, found, depth=0):
    if depth > 200 or not isinstance(element, pikepdf.Dictionary):
        return
    if element.get("/S") == "/Figure":
        alt = element.get("/Alt")
        found.append({"alt": str(alt) if alt is not None else None})
    kids = element.get("/K")
    if kids is None:
        return
    if isinstance(kids, pikepdf.Array):
        for kid in kids:
            walk(kid, found, depth + 1)
    else:
        walk(kids, found, depth + 1)


def main():
    with pikepdf.open(sys.argv[1]) as pdf:
        found = []
        root = pdf.Root.get("/StructTreeRoot")
        if root is not None:
            walk(root, found)
        json.dump(found, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
