#!/usr/bin/env python3
"""Writes a report of CHARTS charts of POINTS values each, in Spanish and
English, for benches/charts/run.sh: line charts over dates, stacked bars
(8 series) and ranges (8 series), in turn. With --without-charts the same
report with every chart left out of the template (the baseline: what the
charts cost is the difference).

Usage: gen_charts.py DIR [CHARTS] [POINTS] [--without-charts]
"""

import datetime
import math
import os
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    without = "--without-charts" in sys.argv
    out = args[0]
    charts = int(args[1]) if len(args) > 1 else 20
    points = int(args[2]) if len(args) > 2 else 200
    for sub in ("data", "templates", "locales/es", "locales/en"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    with open(os.path.join(out, "report.toml"), "w") as f:
        f.write(
            '[report]\nname = "charts-bench"\nsource-language = "es"\nlanguages = ["es", "en"]\n'
            'template = "templates/main.typ"\ndata = ["data/charts.toml"]\ntypst = "0.15"\n'
            "date = 2024-01-01\n"
        )
    data, es, en = [], ["title = Gráficos", "series = Serie { $n }"], ["title = Charts", "series = Series { $n }"]
    start = datetime.date(2020, 1, 1)
    for i in range(charts):
        kind = ("line", "bar", "range")[i % 3]
        data.append(f"[c{i}]\nchart = \"{kind}\"\nalt = {{ msg = \"alt-{i}\" }}\ncaption = {{ msg = \"caption-{i}\" }}")
        es += [f"alt-{i} = Gráfico { i } de { points } valores.", f"caption-{i} = Gráfico { i }"]
        en += [f"alt-{i} = Chart { i } of { points } values.", f"caption-{i} = Chart { i }"]
        if kind == "line":
            dates = ", ".join(str(start + datetime.timedelta(days=7 * d)) for d in range(points))
            values = ", ".join(f"{1000 + 500 * math.sin(d / 9) + d * 3.7:.1f}" for d in range(points))
            data.append(f"x = [{dates}]\nseries = [{{ values = [{values}] }}]")
        else:
            per = points // 8
            data.append("categories = [" + ", ".join(f'"{c}"' for c in range(per)) + "]")
            series = []
            for s in range(8):
                name = f'name = {{ msg = "series-{s}" }}'
                if kind == "bar":
                    values = ", ".join(f"{(c * 7 + s * 13) % 50 + 5}" for c in range(per))
                    series.append(f"{{ {name}, values = [{values}] }}")
                else:
                    low = ", ".join(f"{(c * 7 + s * 13) % 50 + 5}" for c in range(per))
                    high = ", ".join(f"{(c * 7 + s * 13) % 50 + 60}" for c in range(per))
                    series.append(f"{{ {name}, low = [{low}], high = [{high}] }}")
            data.append("series = [\n  " + ",\n  ".join(series) + "\n]")
            data.append("stacked = true" if kind == "bar" else "")
        data.append("")
    for s in range(8):
        es.append(f"series-{s} = Serie {s}")
        en.append(f"series-{s} = Series {s}")
    with open(os.path.join(out, "data/charts.toml"), "w") as f:
        f.write("\n".join(data))
    for lang, lines in (("es", es), ("en", en)):
        with open(os.path.join(out, f"locales/{lang}/main.ftl"), "w") as f:
            f.write("\n".join(l for l in lines if not l.startswith("series = ")) + "\n")
    body = "" if without else "\n".join(f"#chart(doc.data.c{i})" for i in range(charts))
    with open(os.path.join(out, "templates/main.typ"), "w") as f:
        f.write(
            '#import "/build/.report/report-0.1.0.typ": chart, doc, msg, msg-text\n'
            '#set document(title: msg-text("title"))\n#set text(lang: doc.lang)\n'
            '= #msg("title")\n' + body + "\n"
        )


if __name__ == "__main__":
    main()
