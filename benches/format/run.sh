#!/usr/bin/env bash
# Formatting throughput: `report resolve` on a project whose messages are
# all NUMBER() and DATETIME() calls (3,000 per language, en and es, with the
# option sets of the conformance suite), against an earlier build of
# `report` (before/after a change). Figures go to BENCHMARKS.md as ratios.
#
#   bash benches/format/run.sh [BEFORE_BIN] [OUT_DIR]
#
# BEFORE_BIN: an earlier `report` binary (optional); options it refuses are
# left out of the project for both, so both format the same messages.
# AFTER_BIN (environment): this tree's binary [default: built here, release].
# RUNS (default 20). Needs hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
before=${1:-}
out=${2:-/tmp/report-format-bench}
runs=${RUNS:-20}
command -v hyperfine >/dev/null || { echo "install hyperfine first" >&2; exit 1; }
if [[ -z "${AFTER_BIN:-}" ]]; then
  cargo build --release --quiet
  AFTER_BIN="$repo/target/release/report"
fi
after=$AFTER_BIN

rm -rf "$out" && mkdir -p "$out/data" "$out/templates" "$out/locales/en" "$out/locales/es"
cat > "$out/report.toml" <<TOML
[report]
name = "format-bench"
source-language = "es"
languages = ["es", "en"]
template = "templates/main.typ"
data = ["data/values.toml"]
typst = "0.15"
TOML
echo '#let unused = none' > "$out/templates/main.typ"
python3 - "$out" <<'PY'
import sys, itertools
out = sys.argv[1]
numbers = [
    '', 'maximumFractionDigits: 1', 'minimumFractionDigits: 2', 'style: "percent"',
    'style: "currency", currency: "USD"', 'style: "currency", currency: "EUR", currencyDisplay: "code"',
    'notation: "compact"', 'notation: "compact", compactDisplay: "short"',
    'style: "currency", currency: "USD", notation: "compact"', 'useGrouping: "false"',
]
dates = ['dateStyle: "long"', 'dateStyle: "short"', 'month: "long", year: "numeric"', 'dateStyle: "full"']
values = [0.25, 1234.5678, 322000000.0, -42.5, 7.0, 1e-3]
ftl, data = [], []
for i in range(3000):
    if i % 4 == 3:
        options = dates[i % len(dates)]
        ftl.append(f'm{i} = On {{ DATETIME($v, {options}) }}')
        data.append(f'm{i} = {{ msg = "m{i}", args = {{ v = 2022-02-{1 + i % 28:02d} }} }}')
    else:
        options = numbers[i % len(numbers)]
        call = f'NUMBER($v, {options})' if options else 'NUMBER($v)'
        ftl.append(f'm{i} = Value {{ {call} }}')
        data.append(f'm{i} = {{ msg = "m{i}", args = {{ v = {values[i % len(values)]!r} }} }}')
for lang in ("en", "es"):
    open(f"{out}/locales/{lang}/values.ftl", "w").write("\n".join(ftl) + "\n")
open(f"{out}/data/values.toml", "w").write("\n".join(data) + "\n")
PY
for bin in "$after" ${before:+"$before"}; do
  "$bin" --project "$out" resolve --quiet || { echo "$bin cannot resolve the project" >&2; exit 1; }
done
cmds=(-n "report resolve (after)" "$after --project $out resolve --quiet")
[[ -n "$before" ]] && cmds+=(-n "report resolve (before)" "$before --project $out resolve --quiet")
hyperfine --warmup 3 --runs "$runs" -N --export-markdown "$out/resolve.md" "${cmds[@]}"
