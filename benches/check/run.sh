#!/usr/bin/env bash
# Benchmark `report check` against Mozilla's compare-locales on the same
# generated corpus (benches/check/gen_corpus.py), after checking that both
# count the same missing, obsolete and unchanged messages and missing words.
#
#   bash benches/check/run.sh [CORPUS_DIR]
#
# Environment: REPORT_BIN (use this binary, do not build), REPORT_REV (build
# this git revision from a clean `git archive` export instead of the work
# tree, into target/bench-check), VENV (default benches/check/.venv), RESULTS (default
# benches/check/results), RUNS (hyperfine --min-runs, default 20),
# WARMUP (default 3), COMPARE_LOCALES_VERSION (default 9.0.5).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="${1:-/tmp/report-check-corpus}"
venv="${VENV:-$here/.venv}"
results="${RESULTS:-$here/results}"
runs="${RUNS:-20}"
warmup="${WARMUP:-3}"
cl_version="${COMPARE_LOCALES_VERSION:-9.0.5}"

step() { printf '\n== %s\n' "$*"; }

mkdir -p "$results"

step "machine"
echo "nproc: $(nproc)"
echo "cpu:   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"

if [[ -n "${REPORT_BIN:-}" ]]; then
    step "report: using $REPORT_BIN (not built)"
    report="$REPORT_BIN"
elif [[ -n "${REPORT_REV:-}" ]]; then
    # A clean export of one commit, so uncommitted work in the tree (someone
    # else's, half done) neither breaks nor skews the benchmark.
    rev="$(git -C "$repo" rev-parse --short "$REPORT_REV")"
    step "build report $rev (release, clean export)"
    src="${TMPDIR:-/tmp}/report-bench-src-$rev"
    rm -rf "$src" && mkdir -p "$src"
    git -C "$repo" archive "$rev" | tar -x -C "$src"
    (cd "$src" && CARGO_TARGET_DIR="$repo/target/bench-check" cargo build --release --quiet)
    report="$repo/target/bench-check/release/report"
else
    step "build report (release, work tree)"
    (cd "$repo" && cargo build --release --quiet)
    report="$repo/target/release/report"
fi
"$report" --version

step "compare-locales $cl_version in $venv"
if ! "$venv/bin/compare-locales" --version 2>/dev/null | grep -qF "$cl_version"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "compare-locales==$cl_version"
fi
cl="$venv/bin/compare-locales"
"$cl" --version

if ! command -v hyperfine >/dev/null; then
    step "install hyperfine"
    apt-get update -qq && apt-get install -y -qq hyperfine
fi
hyperfine --version

step "generate corpus in $corpus"
python3 "$here/gen_corpus.py" "$corpus"
mkdir -p "$results"

report_cmd=("$report" --project "$corpus" --color never check --format json)
cl_cmd=("$cl" --json - "$corpus/l10n.toml" "$corpus" es)

step "counts"
# Both exit 1 when they find errors; that is expected here.
"${report_cmd[@]}" > "$results/report.json" || echo "report check exited $?"
"${cl_cmd[@]}" > "$results/compare-locales.json" || echo "compare-locales exited $?"
python3 - "$results/report.json" "$results/compare-locales.json" "$corpus/expected.json" <<'PY'
import json, sys
report = next(s for s in json.load(open(sys.argv[1]))["summary"] if s["language"] == "es")
cl = json.load(open(sys.argv[2]))[0]["summary"]["es"]
expected = json.load(open(sys.argv[3]))
rows = [
    # (what, report, compare-locales, expected, must match)
    ("missing messages", report["missing"], cl["missing"], expected["missing"], True),
    ("obsolete messages", report["obsolete"], cl["obsolete"], expected["obsolete"], True),
    ("translated (c-l: changed+unchanged, terms incl.)", report["translated"],
     cl["changed"] + cl["unchanged"], None, False),
    ("unchanged", report["unchanged"], cl["unchanged"], expected["unchanged"], True),
    ("missing words", report["missing_words"], cl["missing_w"], None, True),
    ("errors", report["errors"], cl["errors"], None, False),
]
print(f"{'':50}{'report':>8}{'c-l':>8}{'built':>8}")
failed = []
for what, r, c, e, strict in rows:
    flag = "" if r == c else ("  MISMATCH" if strict else "  (differs, informational)")
    print(f"{what:50}{r:>8}{c:>8}{'' if e is None else e:>8}{flag}")
    if strict and (r != c or (e is not None and r != e)):
        failed.append(what)
if failed:
    sys.exit("counts differ: " + ", ".join(failed))
print("missing, obsolete, unchanged and missing words agree (and equal what the corpus was built with)")
PY

step "timing (hyperfine, warmup $warmup, at least $runs runs)"
printf -v report_str '%q ' "${report_cmd[@]}"
printf -v cl_str '%q ' "${cl_cmd[@]}"
hyperfine -N -i --warmup "$warmup" --min-runs "$runs" \
    --export-markdown "$results/hyperfine.md" \
    --export-json "$results/hyperfine.json" \
    -n "report check" "$report_str" \
    -n "compare-locales" "$cl_str"
cat "$results/hyperfine.md"
python3 - "$results/hyperfine.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
a, b = r["report check"], r["compare-locales"]
print(f"\nreport check:    {a['mean']*1000:8.1f} ms ± {a['stddev']*1000:.1f}")
print(f"compare-locales: {b['mean']*1000:8.1f} ms ± {b['stddev']*1000:.1f}")
print(f"ratio (compare-locales / report check): {b['mean']/a['mean']:.1f}x")
PY
echo "results in $results"
