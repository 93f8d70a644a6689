#!/usr/bin/env bash
# What a print edition costs beside the screen PDF of the same language:
# `report render --force` of the sample's Spanish `pdf` edition and of its
# `print` edition (Typst, then PDF/X-4 and preflight), `report preflight`
# alone on the print edition, and the whole sample with and without its
# three print editions.
# Figures go to BENCHMARKS.md as ratios.
#
#   bash benches/print/run.sh [OUT_DIR]
#
# REPORT_BIN (environment): the binary [default: built here, release].
# RUNS (default 15). Needs hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
out=${1:-/tmp/report-print-bench}
runs=${RUNS:-15}
command -v hyperfine >/dev/null || { echo "install hyperfine first" >&2; exit 1; }
if [[ -z "${REPORT_BIN:-}" ]]; then
  cargo build --release --quiet
  REPORT_BIN="$repo/target/release/report"
fi
rm -rf "$out" && mkdir -p "$out"
# The sample, without build/ or target/.
tar -C "$repo" -cf - report.toml locales data templates | tar -C "$out" -xf -
report="$REPORT_BIN --project $out/sample-copy"
mv "$out/report.toml" "$out/r.toml"; mkdir -p "$out/sample-copy"
mv "$out/r.toml" "$out/sample-copy/report.toml"; mv "$out/locales" "$out/data" "$out/templates" "$out/sample-copy/"
$report render --quiet >/dev/null
hyperfine --runs "$runs" --warmup 2 --export-markdown "$out/print.md" --export-json "$out/print.json" \
  -n "pdf es (screen)" "$report render --quiet --force --lang es --format pdf" \
  -n "print es" "$report render --quiet --force --lang es --format print" \
  -n "preflight es" "$report preflight --quiet $out/sample-copy/build/print/cuba-putin-ally.es.pdf" \
  -n "sample, 6 editions" "$report render --quiet --force --format pdf,html,parallel" \
  -n "sample, 9 editions" "$report render --quiet --force"
cat "$out/print.md"
