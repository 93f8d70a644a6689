#!/usr/bin/env python3
"""Generate a large report project for `report`'s scale benchmark.

usage: gen_scale.py OUT_DIR MESSAGES_PER_LANGUAGE

Spanish (source) and English, MESSAGES_PER_LANGUAGE messages each, spread
over files of 100 messages; one heading per 10 paragraphs; every tenth
paragraph takes a number and a date from the data. About 17 paragraphs fill
an A4 page, so 5,000 messages make roughly 300 pages. Deterministic.
"""
import os
import random
import sys

WORDS_ES = "el la de que y en un una los las con por para como pero más informe datos votos país año gobierno apoyo petróleo".split()
WORDS_EN = "the of and to in a is that for on with as by report data votes country year government support oil".split()


def sentence(rng, words, n):
    text = " ".join(rng.choice(words) for _ in range(n))
    return text[0].upper() + text[1:] + "."


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(42)
    for lang, words in (("es", WORDS_ES), ("en", WORDS_EN)):
        os.makedirs(f"{out}/locales/{lang}", exist_ok=True)
        for start in range(0, count, 100):
            lines = [f"# Part {start // 100}\n"]
            for i in range(start, min(start + 100, count)):
                body = " ".join(sentence(rng, words, rng.randint(8, 16)) for _ in range(3))
                if i % 10 == 0:
                    lines.append(f"heading-{i} = {sentence(rng, words, 4)[:-1]}\n")
                if i % 10 == 5:
                    lines.append(f"para-{i} = {body} {{ NUMBER($n, maximumFractionDigits: 1) }} {{ DATETIME($d, dateStyle: \"long\") }}\n")
                else:
                    lines.append(f"para-{i} =\n    {body}\n")
            with open(f"{out}/locales/{lang}/part-{start // 100:03}.ftl", "w") as f:
                f.writelines(lines)
        with open(f"{out}/locales/{lang}/meta.ftl", "w") as f:
            f.write(f"title = Scale {count}\n")
    os.makedirs(f"{out}/data", exist_ok=True)
    with open(f"{out}/data/report.toml", "w") as f:
        for i in range(5, count, 10):
            f.write(f"para-{i} = {{ msg = \"para-{i}\", args = {{ n = {i * 1234.567:.3f}, d = 2022-{1 + i % 12:02}-{1 + i % 28:02} }} }}\n")
    os.makedirs(f"{out}/templates", exist_ok=True)
    with open(f"{out}/templates/report.typ", "w") as f:
        f.write(f"""#let doc = json(sys.inputs.at("report-data"))
#let spans(list) = for s in list {{
  if s.type == "text" {{ s.text }} else if s.type == "parbreak" {{ parbreak() }}
}}
#set document(title: doc.messages.at("title").plain)
#set text(lang: doc.lang)
#set par(justify: true)
#for i in range({count}) {{
  if calc.rem(i, 10) == 0 {{ heading(spans(doc.messages.at("heading-" + str(i)).rich)) }}
  let key = "para-" + str(i)
  let text = if calc.rem(i, 10) == 5 {{ doc.data.at(key) }} else {{ doc.messages.at(key) }}
  par(spans(text.rich))
}}
""")
    with open(f"{out}/report.toml", "w") as f:
        f.write(f"""[report]
name = "scale"
source-language = "es"
languages = ["es", "en"]
template = "templates/report.typ"
data = ["data/report.toml"]
typst = "0.15"
date = 2024-01-01
formats = ["pdf"]

[pdf]
standards = []
""")


if __name__ == "__main__":
    main()
