#!/usr/bin/env bash
# Translator exchange throughput: `report l10n export` and `import` on a
# project of 3,000 messages (en source, es translation: plain text,
# placeables, markup, attributes, plural selects), with translate-toolkit's
# own Fluent converter (`fluent2po`; it has no way back) on the same files
# side by side. Figures go to BENCHMARKS.md as ratios.
#
#   bash benches/exchange/run.sh [OUT_DIR]
#
# REPORT_BIN (environment): the binary [default: built here, release].
# TOOLKIT (environment): a directory with translate-toolkit's scripts
# [default: the tests' virtual environment under target/tmp; run
# `cargo test exchange` once to install it]. RUNS (default 20). Needs
# hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
out=${1:-/tmp/report-exchange-bench}
runs=${RUNS:-20}
toolkit=${TOOLKIT:-$repo/target/tmp/translate-toolkit/venv/bin}
command -v hyperfine >/dev/null || { echo "install hyperfine first" >&2; exit 1; }
[[ -x "$toolkit/fluent2po" ]] || { echo "no translate-toolkit in $toolkit (run: cargo test exchange)" >&2; exit 1; }
if [[ -z "${REPORT_BIN:-}" ]]; then
  cargo build --release --quiet
  REPORT_BIN="$repo/target/release/report"
fi
report="$REPORT_BIN --project $out"

rm -rf "$out" && mkdir -p "$out/templates" "$out/locales/en" "$out/locales/es"
cat > "$out/report.toml" <<TOML
[report]
name = "exchange-bench"
source-language = "en"
languages = ["en", "es"]
template = "templates/main.typ"
typst = "0.15"
TOML
echo '#let unused = none' > "$out/templates/main.typ"
python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
en, es = [], []
for i in range(3000):
    kind = i % 5
    if kind == 0:
        en.append(f"m{i} = The committee met { i } times in the capital.")
        es.append(f"m{i} = El comité se reunió { i } veces en la capital.")
    elif kind == 1:
        en.append(f"m{i} = **{{ $name }}** voted on [the resolution](https://un.org/r/{i}) with *{{ $count }}* others.")
        es.append(f"m{i} = **{{ $name }}** votó la [resolución](https://un.org/r/{i}) con *{{ $count }}* más.")
    elif kind == 2:
        en.append(f"m{i} = {{ $n ->\n    [one] One country voted\n   *[other] {{ $n }} countries voted\n}}")
        es.append(f"m{i} = {{ $n ->\n    [one] Un país votó\n    [many] {{ $n }} de países votaron\n   *[other] {{ $n }} países votaron\n}}")
    elif kind == 3:
        en.append(f"m{i} = Oil worth {{ NUMBER($usd, style: \"currency\", currency: \"USD\") }} arrived.\n    .title = Shipment {i}")
        es.append(f"m{i} = Llegó petróleo por {{ NUMBER($usd, style: \"currency\", currency: \"USD\") }}.\n    .title = Envío {i}")
    else:
        en.append(f"# A note for translators on message {i}.\nm{i} = A longer paragraph about the alliance, with several clauses, that a translator reads in full before writing anything.")
        es.append(f"m{i} = Un párrafo más largo sobre la alianza, con varias oraciones, que quien traduce lee entero antes de escribir nada.")
open(f"{out}/locales/en/main.ftl", "w").write("\n\n".join(en) + "\n")
open(f"{out}/locales/es/main.ftl", "w").write("\n\n".join(es) + "\n")
PY
$report l10n update --lang es >/dev/null
$report l10n export --lang es -o "$out/es.xlf" >/dev/null
$report l10n export --lang es -o "$out/es.po" >/dev/null
# Every target changed: the import rewrites every message.
sed 's|</target>| (revisado)</target>|' "$out/es.xlf" > "$out/changed.xlf"
cp "$out/locales/es/main.ftl" "$out/main.ftl.orig"
cp "$out/locales/es.lock" "$out/es.lock.orig"
restore="cp $out/main.ftl.orig $out/locales/es/main.ftl; cp $out/es.lock.orig $out/locales/es.lock"
hyperfine --warmup 3 --runs "$runs" -N --export-markdown "$out/export.md" \
  -n "report l10n export (XLIFF 2.1)" "$report l10n export --lang es -q -o $out/bench.xlf" \
  -n "report l10n export (PO)" "$report l10n export --lang es -q -o $out/bench.po" \
  -n "translate-toolkit fluent2po" "$toolkit/fluent2po -t $out/locales/en/main.ftl $out/locales/es/main.ftl $out/tt.po"
hyperfine --warmup 3 --runs "$runs" --export-markdown "$out/import.md" --prepare "$restore" \
  -n "report l10n import (XLIFF, no change)" "$report l10n import -q $out/es.xlf" \
  -n "report l10n import (XLIFF, 3,000 changed)" "$report l10n import -q $out/changed.xlf" \
  -n "report l10n import (PO, no change)" "$report l10n import -q $out/es.po"
