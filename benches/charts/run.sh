#!/usr/bin/env bash
# What charts cost (see BENCHMARKS.md, "Charts"): a report of 20 charts of
# 200 values each (gen_charts.py: lines over dates, stacked bars, ranges),
# in Spanish and English, PDF and HTML, beside the same report with the
# charts left out of its template; and `report resolve` (report's own part:
# ticks, geometry, every label written per language) on both.
#
#   bash benches/charts/run.sh [OUT_DIR] [CHARTS] [POINTS]
#
# Needs hyperfine (Debian: apt-get install hyperfine); installs it when run
# as root. Builds report in release mode; uses the Typst that report finds.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
out=${1:-/tmp/report-bench-charts}
charts=${2:-20}
points=${3:-200}
mkdir -p "$out"

if ! command -v hyperfine >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null
  else
    echo "install hyperfine first (apt-get install hyperfine)" >&2
    exit 1
  fi
fi

cargo build --release --quiet
report="$repo/target/release/report"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; report $("$report" --version | cut -d' ' -f2)"

with="$out/with" without="$out/without"
rm -rf "$with" "$without"
python3 benches/charts/gen_charts.py "$with" "$charts" "$points"
python3 benches/charts/gen_charts.py "$without" "$charts" "$points" --without-charts
# A first render installs Typst if needed and writes the fonts.
"$report" --project "$with" render --format pdf,html --quiet
"$report" --project "$without" render --format pdf,html --quiet

hyperfine --warmup 2 --runs 10 -N \
  --export-markdown "$out/render.md" --export-json "$out/render.json" \
  -n "without charts: render --force, es+en, pdf+html" "$report --project $without render --format pdf,html --force --quiet" \
  -n "$charts charts of $points values: render --force, es+en, pdf+html" "$report --project $with render --format pdf,html --force --quiet"

for format in pdf html; do
  hyperfine --warmup 2 --runs 10 -N \
    --export-markdown "$out/$format.md" --export-json "$out/$format.json" \
    -n "without charts: one $format edition" "$report --project $without render --lang en --format $format --force --quiet" \
    -n "$charts charts: one $format edition" "$report --project $with render --lang en --format $format --force --quiet"
done

hyperfine --warmup 3 --runs 20 -N \
  --export-markdown "$out/resolve.md" --export-json "$out/resolve.json" \
  -n "without charts: report resolve (es+en)" "$report --project $without resolve --quiet" \
  -n "$charts charts: report resolve (es+en)" "$report --project $with resolve --quiet"

python3 - "$out" "$charts" <<'PY'
import json, sys
out, charts = sys.argv[1], int(sys.argv[2])
for name in ("render", "pdf", "html", "resolve"):
    runs = json.load(open(f"{out}/{name}.json"))["results"]
    base, full = runs[0]["mean"], runs[1]["mean"]
    print(f"{name:8} without {base*1000:8.1f} ms  with {full*1000:8.1f} ms  "
          f"ratio {full/base:6.2f}  per chart {(full-base)/charts*1000:6.2f} ms")
PY
