#!/usr/bin/env python3
"""Generate a deterministic `report` project for benchmarking `report check`
against Mozilla's compare-locales.

    python3 benches/check/gen_corpus.py [OUT_DIR] [--seed N]

OUT_DIR defaults to /tmp/report-check-corpus and is replaced if it exists.

Layout written:

    report.toml              source `en`, translation `es`
    l10n.toml                compare-locales project config (same tree)
    data/facts.toml          one message reference
    templates/main.typ       `= x`
    locales/{en,es}/**.ftl   41 files in nested folders
    expected.json            the numbers the corpus was built to have

The source has MESSAGES messages (terms excluded) in MESSAGE_FILES files, plus
one file of TERMS terms. The translation:

* lacks MISSING_FILES whole files (messages only, no terms in them), and
  further single messages so that MISSING messages are missing in all;
* has OBSOLETE messages the source does not have (in existing files);
* lacks one attribute on MISSING_ATTRIBUTES translated messages (an error in
  both tools, but not a missing message in either);
* copies UNCHANGED messages verbatim from the source;
* translates every term (so no term is missing, obsolete or unchanged).

Message ids never contain "key": compare-locales counts such ids under
`keys` instead of `changed`/`unchanged`.
"""

import argparse
import json
import random
import shutil
from pathlib import Path

SEED = 20240415
MESSAGES = 3200
MESSAGE_FILES = 40
TERMS = 40
MISSING = 120
MISSING_FILES = 2
OBSOLETE = 45
MISSING_ATTRIBUTES = 10
UNCHANGED = 30

# Folders (nested) and file stems; 40 message files are drawn from these.
FOLDERS = [
    "",
    "app",
    "app/settings",
    "app/settings/privacy",
    "reports",
    "reports/chapters",
    "reports/chapters/annex",
    "shared",
    "web/pages",
    "web/pages/about",
]
STEMS = [
    "main", "menu", "toolbar", "dialogs", "errors", "status", "account",
    "billing", "export", "import", "search", "filters", "charts", "tables",
    "footnotes", "glossary", "sources", "timeline", "people", "places",
    "sidebar", "help", "onboarding", "notifications", "sharing", "print",
    "history", "editor", "review", "comments", "calendar", "maps", "media",
    "downloads", "uploads", "profile", "security", "accessibility", "legal",
    "experiments",
]

# (English, Spanish) word pairs: messages are built from these, so both
# languages are made together and a translation differs from its source.
WORDS = [
    ("report", "informe"), ("chapter", "capítulo"), ("vote", "voto"),
    ("country", "país"), ("year", "año"), ("source", "fuente"),
    ("table", "tabla"), ("figure", "figura"), ("page", "página"),
    ("note", "nota"), ("file", "archivo"), ("record", "registro"),
    ("open", "abrir"), ("close", "cerrar"), ("save", "guardar"),
    ("delete", "borrar"), ("show", "mostrar"), ("hide", "ocultar"),
    ("print", "imprimir"), ("share", "compartir"), ("search", "buscar"),
    ("the", "el"), ("new", "nuevo"), ("old", "viejo"), ("all", "todos"),
    ("every", "cada"), ("this", "este"), ("that", "ese"), ("with", "con"),
    ("without", "sin"), ("from", "desde"), ("to", "hasta"), ("and", "y"),
    ("or", "o"), ("not", "no"), ("first", "primero"), ("last", "último"),
    ("public", "público"), ("private", "privado"), ("annual", "anual"),
    ("summary", "resumen"), ("detail", "detalle"), ("list", "lista"),
    ("view", "vista"), ("user", "usuario"), ("account", "cuenta"),
    ("error", "error_"), ("warning", "aviso"), ("help", "ayuda"),
    ("settings", "ajustes"), ("language", "idioma"), ("date", "fecha"),
]
VARIABLES = ["count", "name", "date", "total", "country", "year", "user"]
ATTRIBUTES = ["title", "aria-label", "placeholder", "tooltip"]


def sentence(rng, lo=3, hi=9):
    """A pair of matching sentences (en, es)."""
    picked = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    en = " ".join(w[0] for w in picked)
    es = " ".join(w[1] for w in picked)
    return en[0].upper() + en[1:], es[0].upper() + es[1:]


def ftl_block(text):
    """Indent a multi-line pattern for use after `=`."""
    if "\n" not in text:
        return " " + text
    return "\n" + "\n".join("    " + line for line in text.split("\n"))


class Message:
    def __init__(self, ident):
        self.id = ident
        self.comment = None
        self.en = ""
        self.es = ""
        self.attrs = []  # (name, en, es)

    def render(self, lang, drop_attribute=False, verbatim=False):
        value = self.en if (lang == "en" or verbatim) else self.es
        out = []
        if self.comment and lang == "en":
            out.append(f"# {self.comment}")
        out.append(f"{self.id} ={ftl_block(value)}")
        attrs = self.attrs[1:] if drop_attribute else self.attrs
        for name, en, es in attrs:
            text = en if (lang == "en" or verbatim) else es
            out.append(f"    .{name} = {text}")
        return "\n".join(out)


def make_message(rng, ident, terms, anchors):
    m = Message(ident)
    kind = rng.random()
    en, es = sentence(rng)
    if kind < 0.30:
        m.en, m.es = en, es
    elif kind < 0.55:
        var = rng.choice(VARIABLES)
        m.en = f"{en} {{ ${var} }}"
        m.es = f"{es} {{ ${var} }}"
        m.comment = f"Variables: ${var} is filled in by the data"
    elif kind < 0.75:
        one_en, one_es = sentence(rng, 2, 4)
        other_en, other_es = sentence(rng, 2, 4)
        m.en = (
            "{ $count ->\n"
            f"    [one] {one_en} {{ $count }}\n"
            f"   *[other] {other_en} {{ $count }}\n"
            "}"
        )
        m.es = (
            "{ $count ->\n"
            f"    [one] {one_es} {{ $count }}\n"
            f"    [many] {other_es} {{ $count }}\n"
            f"   *[other] {other_es} {{ $count }}\n"
            "}"
        )
        m.comment = "Plural: $count is a whole number"
    elif kind < 0.88:
        term = rng.choice(terms)
        m.en = f"{en} {{ -{term} }}"
        m.es = f"{es} {{ -{term} }}"
    else:
        ref = rng.choice(anchors)
        m.en = f"{en} {{ {ref} }}"
        m.es = f"{es} {{ {ref} }}"
    if rng.random() < 0.25:
        for name in rng.sample(ATTRIBUTES, rng.randint(1, 2)):
            a_en, a_es = sentence(rng, 1, 4)
            m.attrs.append((name, a_en, a_es))
    return m


def file_sizes(rng, small):
    """Messages per file: the files in `small` get fixed small sizes, the
    others share the rest, each 50..110 give or take the remainder."""
    sizes = [0] * MESSAGE_FILES
    for index, size in small.items():
        sizes[index] = size
    others = [i for i in range(MESSAGE_FILES) if i not in small]
    left = MESSAGES - sum(small.values())
    for i in others:
        sizes[i] = rng.randint(50, 110)
    # Scale to hit the total exactly.
    total = sum(sizes[i] for i in others)
    for i in others:
        sizes[i] = max(10, sizes[i] * left // total)
    diff = left - sum(sizes[i] for i in others)
    for step in range(abs(diff)):
        sizes[others[step % len(others)]] += 1 if diff > 0 else -1
    assert sum(sizes) == MESSAGES
    return sizes


def generate(out: Path, seed: int):
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)

    # File paths: 40 distinct (folder, stem) pairs; file 0 is the root main.ftl.
    paths = ["main.ftl"]
    stems = STEMS[:]
    rng.shuffle(stems)
    stems.remove("main")
    for stem in stems[: MESSAGE_FILES - 1]:
        folder = rng.choice(FOLDERS)
        paths.append(f"{folder}/{stem}.ftl" if folder else f"{stem}.ftl")
    assert len(set(paths)) == MESSAGE_FILES

    # Two small files, missing whole in the translation (never file 0).
    missing_files = sorted(rng.sample(range(1, MESSAGE_FILES), MISSING_FILES))
    small = {index: size for index, size in zip(missing_files, (24, 31))}
    sizes = file_sizes(rng, small)

    terms = [f"term-{w[0]}-{i:02d}" for i, w in enumerate(rng.choices(WORDS, k=TERMS))]
    term_values = {t: sentence(rng, 1, 3) for t in terms}

    # Messages other messages reference: the first ones of main.ftl, which
    # are never missing, obsolete or unchanged.
    anchors = [f"anchor-{i:02d}" for i in range(10)]

    files = []  # list of (path, [Message])
    for index, path in enumerate(paths):
        stem = Path(path).stem
        messages = []
        for n in range(sizes[index]):
            if index == 0 and n == 0:
                m = Message("language-name")
                m.en, m.es = "English", "Español"
            elif index == 0 and n <= len(anchors):
                m = Message(anchors[n - 1])
                m.en, m.es = sentence(rng, 1, 3)
            else:
                m = make_message(rng, f"{stem}-{rng.choice(WORDS)[0]}-{index:02d}{n:03d}",
                                 terms, anchors)
            messages.append(m)
        files.append((path, messages))

    protected = {"language-name", *anchors}
    candidates = [
        (fi, mi)
        for fi, (_, msgs) in enumerate(files)
        if fi not in missing_files
        for mi, m in enumerate(msgs)
        if m.id not in protected
    ]
    rng.shuffle(candidates)
    in_missing_files = sum(sizes[i] for i in missing_files)
    single_missing = MISSING - in_missing_files
    assert single_missing > 0
    cut = 0
    missing = set(candidates[cut:cut + single_missing]); cut += single_missing
    with_attrs = [c for c in candidates[cut:] if files[c[0]][1][c[1]].attrs]
    no_attribute = set(with_attrs[:MISSING_ATTRIBUTES])
    rest = [c for c in candidates[cut:] if c not in no_attribute]
    unchanged = set(rest[:UNCHANGED])

    # Obsolete messages: spread over the translation's existing files.
    present = [i for i in range(MESSAGE_FILES) if i not in missing_files]
    obsolete = {}
    for k in range(OBSOLETE):
        fi = rng.choice(present)
        m = Message(f"old-{Path(paths[fi]).stem}-{k:03d}")
        m.en, m.es = sentence(rng)
        position = rng.randint(0, len(files[fi][1]))
        obsolete.setdefault(fi, []).append((position, m))

    for lang in ("en", "es"):
        root = out / "locales" / lang
        # Terms: their own file, never missing.
        text = ["### Terms shared by every file.", ""]
        for t in terms:
            en, es = term_values[t]
            text.append(f"-{t} = {en if lang == 'en' else es}")
        write(root / "shared/terms.ftl", "\n".join(text) + "\n")
        for fi, (path, msgs) in enumerate(files):
            if lang == "es" and fi in missing_files:
                continue
            body = [f"### {Path(path).stem}: generated for the report check benchmark", ""]
            extra = sorted(obsolete.get(fi, []), key=lambda p: p[0]) if lang == "es" else []
            for mi, m in enumerate(msgs):
                if mi % 25 == 0:
                    body.append(f"## Section {mi // 25 + 1}\n")
                while extra and extra[0][0] == mi:
                    body.append(extra.pop(0)[1].render("es") + "\n")
                if lang == "es" and (fi, mi) in missing:
                    continue
                body.append(m.render(
                    lang,
                    drop_attribute=lang == "es" and (fi, mi) in no_attribute,
                    verbatim=lang == "es" and (fi, mi) in unchanged,
                ) + "\n")
            for _, m in extra:
                body.append(m.render("es") + "\n")
            write(root / path, "\n".join(body))

    write(out / "report.toml", """[report]
name = "check-bench"
source-language = "en"
languages = ["en", "es"]
template = "templates/main.typ"
data = ["data/facts.toml"]
typst = "0.15"
date = 2024-04-15
""")
    write(out / "data/facts.toml", 'title = { msg = "anchor-01" }\n')
    write(out / "templates/main.typ", "= x\n")
    write(out / "l10n.toml", """# compare-locales project: the same tree as report.toml.
basepath = "."
locales = ["es"]

[[paths]]
    reference = "locales/en/**"
    l10n = "locales/{locale}/**"
""")
    expected = {
        "seed": seed,
        "messages": MESSAGES,
        "terms": TERMS,
        "files": MESSAGE_FILES + 1,
        "missing": MISSING,
        "missing_files": [paths[i] for i in missing_files],
        "missing_in_missing_files": in_missing_files,
        "obsolete": OBSOLETE,
        "missing_attributes": MISSING_ATTRIBUTES,
        "unchanged": UNCHANGED,
    }
    write(out / "expected.json", json.dumps(expected, indent=1) + "\n")
    return expected


def write(path: Path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", default="/tmp/report-check-corpus")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    expected = generate(Path(args.out), args.seed)
    print(json.dumps(expected))


if __name__ == "__main__":
    main()
