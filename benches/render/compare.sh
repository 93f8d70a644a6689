#!/usr/bin/env bash
# Side-by-side benchmarks: `report` against Typst run directly, and against
# an earlier build of `report` (before/after a change), on the sample and at
# scale. Figures go to BENCHMARKS.md as ratios.
#
#   bash benches/render/compare.sh [BEFORE_BIN] [OUT_DIR]
#
# BEFORE_BIN: an earlier `report` binary to compare with (optional).
# AFTER_BIN (environment): this tree's binary [default: built here, release].
# RUNS (default 30). Needs hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
before=${1:-}
out=${2:-/tmp/report-compare}
runs=${RUNS:-30}
mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "install hyperfine first" >&2; exit 1; }

if [[ -z "${AFTER_BIN:-}" ]]; then
  cargo build --release --quiet
  AFTER_BIN="$repo/target/release/report"
fi
after=$AFTER_BIN
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "after:  $after ($("$after" --version))"
[[ -n "$before" ]] && echo "before: $before ($("$before" --version))"

# --- The sample, every edition (2 PDFs, 2 pages, parallel PDF and page) ------
sample="$out/sample"
rm -rf "$sample" && mkdir -p "$sample"
cp -r report.toml locales data templates "$sample/"
"$after" --project "$sample" render --quiet
# The exact Typst commands report runs, replayed two at a time in the same
# order, each writing where report's temporary file was.
"$after" --project "$sample" -vv render --force --jobs 1 2>"$out/trace.txt" >/dev/null
grep '^running: ' "$out/trace.txt" \
  | sed -E 's/^running: \(cd [^ ]+ && (.*)\)$/\1/' \
  | awk -v out="$out" '{
      for (i = 1; i <= NF; i++) {
        if ($i == "--deps") { $(i+1) = out "/deps-" NR ".json" }
        if ($i ~ /\.tmp$/) { n = split($i, parts, "."); $i = out "/direct-" NR "." parts[n-1] }
      }
      print
    }' > "$out/typst-commands.txt"
echo "editions replayed: $(wc -l < "$out/typst-commands.txt")"
cat > "$out/typst-direct.sh" <<SH
#!/usr/bin/env bash
cd "$sample"
tr '\n' '\0' < "$out/typst-commands.txt" | xargs -0 -P 2 -I{} sh -c '{}'
SH
chmod +x "$out/typst-direct.sh"
"$out/typst-direct.sh"

cmds=(-n "typst directly (same commands, 2 at a time)" "$out/typst-direct.sh"
      -n "report render --force (after)" "$after --project $sample render --force --quiet")
[[ -n "$before" ]] && cmds+=(-n "report render --force (before)" "$before --project $sample render --force --quiet")
hyperfine --warmup 5 --runs "$runs" -N --export-json "$out/sample-force.json" \
  --export-markdown "$out/sample-force.md" "${cmds[@]}"

cmds=(-n "report render, nothing changed (after)" "$after --project $sample render --quiet")
[[ -n "$before" ]] && cmds+=(-n "report render, nothing changed (before)" "$before --project $sample render --quiet")
hyperfine --warmup 3 --runs "$runs" -N --export-markdown "$out/sample-noop.md" "${cmds[@]}"

cmds=(-n "report check (after)" "$after --project $sample check")
[[ -n "$before" ]] && cmds+=(-n "report check (before)" "$before --project $sample check")
hyperfine --warmup 3 --runs "$runs" -N -i --export-markdown "$out/sample-check.md" "${cmds[@]}"

# --- Scale: 5,000 messages per language ------------------------------------
scale="$out/scale-5000"
rm -rf "$scale" && python3 benches/render/gen_scale.py "$scale" 5000
"$after" --project "$scale" render --quiet
cmds=(-n "resolve 5000 x 2 (after)" "$after --project $scale resolve --quiet")
[[ -n "$before" ]] && cmds+=(-n "resolve 5000 x 2 (before)" "$before --project $scale resolve --quiet")
hyperfine --warmup 2 --runs 15 -N --export-markdown "$out/scale-resolve.md" "${cmds[@]}"
cmds=(-n "check 5000 x 2 (after)" "$after --project $scale check")
[[ -n "$before" ]] && cmds+=(-n "check 5000 x 2 (before)" "$before --project $scale check")
hyperfine --warmup 2 --runs 15 -N -i --export-markdown "$out/scale-check.md" "${cmds[@]}"
cmds=(-n "render --force 5000 x 2 (after)" "$after --project $scale render --force --quiet")
[[ -n "$before" ]] && cmds+=(-n "render --force 5000 x 2 (before)" "$before --project $scale render --force --quiet")
hyperfine --warmup 1 --runs 8 -N --export-markdown "$out/scale-render.md" "${cmds[@]}"

cat "$out"/sample-force.md "$out"/sample-noop.md "$out"/sample-check.md \
    "$out"/scale-resolve.md "$out"/scale-check.md "$out"/scale-render.md
