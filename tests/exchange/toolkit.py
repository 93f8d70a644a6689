"""translate-toolkit as a real client of `report l10n export`/`import`.

Driven by tests/testsuite/exchange.rs:

    toolkit.py units FILE                 the units as translate-toolkit reads them (JSON)
    toolkit.py words FILE                 pocount's source word count
    toolkit.py set FILE OUT ID TEXT       set a plain unit's target, save with translate-toolkit
    toolkit.py retext FILE OUT ID OLD NEW replace text in a target (its codes kept), save
    toolkit.py rules FILE                 XLIFF 2.1 core rules the file breaks (JSON list)
    toolkit.py fill FILE OUT PREFIX       translate every unit: its source (codes kept) after PREFIX
"""

import json
import sys

from lxml import etree
from translate.storage import pypo, xliff, xliff2
from translate.tools import pocount

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF1 = "urn:oasis:names:tc:xliff:document:1.2"


def store(path):
    data = open(path, "rb").read()
    if XLIFF2.encode() in data[:4096]:
        return xliff2.Xliff2File.parsestring(data)
    if XLIFF1.encode() in data[:4096]:
        return xliff.xlifffile.parsestring(data)
    return pypo.pofile.parsestring(data)


def unit_id(unit):
    if isinstance(unit, pypo.pounit):
        return unit.getcontext()
    # xliff 1.2 ids come back as "file\x04id"
    return unit.getid().split("\x04")[-1]


def find(units, wanted):
    for unit in units:
        if unit_id(unit) == wanted:
            return unit
    sys.exit(f"no unit {wanted}")


def units(path):
    out = []
    for unit in store(path).units:
        if unit.isheader():
            continue
        out.append(
            {
                "id": unit_id(unit),
                "source": str(unit.source),
                "target": str(unit.target or ""),
                "translated": bool(unit.istranslated()),
                "fuzzy": bool(unit.isfuzzy()),
            }
        )
    print(json.dumps(out, ensure_ascii=False))


def words(path):
    if XLIFF2.encode() in open(path, "rb").read()[:4096]:
        # pocount's command line has no XLIFF 2 reader; count its units
        # with pocount's own function.
        total = sum(pocount.wordsinunit(u)[0] for u in store(path).units if u.source)
    else:
        total = pocount.calcstats(path)["totalsourcewords"]
    print(total)


def save(st, out):
    with open(out, "wb") as handle:
        handle.write(bytes(st))


def set_target(path, out, wanted, text):
    st = store(path)
    find(st.units, wanted).target = text
    save(st, out)


def retext(path, out, wanted, old, new):
    st = store(path)
    unit = find(st.units, wanted)
    if isinstance(unit, pypo.pounit):
        unit.target = str(unit.target).replace(old, new)
    else:
        target = unit.xmlelement.find(".//{*}target")
        if target is None:
            sys.exit(f"unit {wanted} has no target")
        replaced = False
        for node in target.iter():
            if node.text and old in node.text:
                node.text = node.text.replace(old, new)
                replaced = True
            if node is not target and node.tail and old in node.tail:
                node.tail = node.tail.replace(old, new)
                replaced = True
        if not replaced:
            sys.exit(f"{old!r} is not in the target of {wanted}")
    save(st, out)


def fill(path, out, prefix):
    """Every unit's target is its source, codes and all, after `prefix`:
    what a translator working through the whole file hands back."""
    import copy

    st = store(path)
    for unit in st.units:
        if unit.isheader():
            continue
        if isinstance(unit, pypo.pounit):
            unit.target = prefix + str(unit.source)
            continue
        source = unit.xmlelement.find(".//{*}source")
        target = unit.xmlelement.find(".//{*}target")
        if target is None:
            target = etree.Element(source.tag.replace("source", "target"))
            source.addnext(target)
        target.clear()
        target.text = prefix + (source.text or "")
        for child in source:
            target.append(copy.deepcopy(child))
    save(st, out)


def rules(path):
    """The XLIFF 2.1 core constraints the tests rely on."""
    broken = []
    root = etree.parse(path).getroot()
    q = lambda name: f"{{{XLIFF2}}}{name}"
    if root.tag != q("xliff"):
        broken.append(f"root is {root.tag}")
    if root.get("version") != "2.1":
        broken.append("version is not 2.1")
    for attr in ("srcLang", "trgLang"):
        if not root.get(attr):
            broken.append(f"no {attr}")
    file_ids = set()
    for file in root.iter(q("file")):
        fid = file.get("id")
        if not fid or fid in file_ids:
            broken.append(f"file id {fid!r} missing or repeated")
        file_ids.add(fid)
        ids = set()
        for node in file.iter(q("group"), q("unit")):
            nid = node.get("id")
            if not nid or nid in ids:
                broken.append(f"id {nid!r} missing or repeated in file {fid}")
            ids.add(nid)
        for unit in file.iter(q("unit")):
            children = [c.tag for c in unit if isinstance(c.tag, str)]
            if q("notes") in children and children.index(q("notes")) > 0 and q("segment") in children[: children.index(q("notes"))]:
                broken.append(f"unit {unit.get('id')}: notes after a segment")
            for segment in unit.iter(q("segment")):
                state = segment.get("state")
                if state not in (None, "initial", "translated", "reviewed", "final"):
                    broken.append(f"unit {unit.get('id')}: state {state}")
                if segment.get("subState") and not state:
                    broken.append(f"unit {unit.get('id')}: subState without state")
                if segment.get("subState") and ":" not in segment.get("subState"):
                    broken.append(f"unit {unit.get('id')}: subState without a prefix")
                source = segment.find(q("source"))
                target = segment.find(q("target"))
                codes = {}
                for code in source.iter(q("ph"), q("pc")):
                    if code.get("id") in codes:
                        broken.append(f"unit {unit.get('id')}: code id {code.get('id')} repeated")
                    codes[code.get("id")] = code.tag
                if target is not None:
                    seen = set()
                    for code in target.iter(q("ph"), q("pc")):
                        # A code with a source code's id must be that code;
                        # others are codes added in the target (a
                        # translation's own placeable), with ids of their own.
                        kind = codes.get(code.get("id"))
                        if kind is not None and kind != code.tag:
                            broken.append(f"unit {unit.get('id')}: target code {code.get('id')} is not the source's")
                        if code.get("id") in seen:
                            broken.append(f"unit {unit.get('id')}: target code {code.get('id')} repeated")
                        seen.add(code.get("id"))
    print(json.dumps(broken))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {
        "units": units,
        "words": words,
        "set": set_target,
        "retext": retext,
        "rules": rules,
        "fill": fill,
    }[command](*args)
