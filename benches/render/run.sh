#!/usr/bin/env bash
# Benchmarks of `report render` (see BENCHMARKS.md for the figures).
#
#   bash benches/render/run.sh [OUT_DIR]
#
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time);
# installs them when run as root. Builds report in release mode; uses the
# Typst that report finds (installing it on first use).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
out=${1:-/tmp/report-bench}
mkdir -p "$out"

if ! command -v hyperfine >/dev/null || [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq hyperfine time >/dev/null
  else
    echo "install hyperfine and GNU time first (apt-get install hyperfine time)" >&2
    exit 1
  fi
fi

cargo build --release --quiet
report="$repo/target/release/report"
typst=$("$report" doctor 2>/dev/null | awk '/ok +Typst/ {print $5; exit}')
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "report $("$report" --version | cut -d' ' -f2), $("$typst" --version)"

# --- The sample report: report vs Typst run directly -----------------------
sample="$out/sample"
rm -rf "$sample" && mkdir -p "$sample"
cp -r report.toml locales data templates "$sample/"
"$report" --project "$sample" render --format pdf,html --quiet
ts=1713139200
cat > "$out/typst-direct.sh" <<SH
#!/usr/bin/env bash
# The four typst compile commands report runs for the sample, two at a time.
cd "$sample"
printf '%s\n' es en | xargs -P 2 -I{} sh -c '
  "$typst" compile --root . --ignore-system-fonts --diagnostic-format short --format pdf \
    --input report-data=/build/.report/{}.json --creation-timestamp $ts \
    --pdf-standard ua-1 --pdf-standard a-2a templates/report.typ "$out/direct-{}.pdf" &&
  "$typst" compile --root . --ignore-system-fonts --diagnostic-format short --format html --features html \
    --input report-data=/build/.report/{}.json templates/report.typ "$out/direct-{}.html" 2>/dev/null'
SH
chmod +x "$out/typst-direct.sh"
# Same jobs as report's default on this machine.
hyperfine --warmup 5 --runs 40 -N \
  --export-markdown "$out/overhead.md" --export-json "$out/overhead.json" \
  -n "typst directly (4 editions, 2 at a time)" "$out/typst-direct.sh" \
  -n "report render --force (4 editions)" "$report --project $sample render --format pdf,html --force --quiet"

hyperfine --warmup 3 --runs 30 -N \
  --export-markdown "$out/noop.md" --export-json "$out/noop.json" \
  -n "report render (nothing changed)" "$report --project $sample render --format pdf,html --quiet" \
  -n "report render --force" "$report --project $sample render --format pdf,html --force --quiet"

# One Spanish message changes before every run: only es pdf + es html rebuild.
toggle="$out/toggle.sh"
cat > "$toggle" <<SH
#!/usr/bin/env bash
f="$sample/locales/es/sections.ftl"
if grep -q '^summary-title = Resumen$' "\$f"; then sed -i 's/^summary-title = Resumen$/summary-title = Resumen breve/' "\$f";
else sed -i 's/^summary-title = Resumen breve$/summary-title = Resumen/' "\$f"; fi
SH
chmod +x "$toggle"
hyperfine --warmup 2 --runs 20 -N --prepare "$toggle" \
  --export-markdown "$out/one-language.md" --export-json "$out/one-language.json" \
  -n "report render after one Spanish edit" "$report --project $sample render --format pdf,html --quiet"

# --- Scale: 1x and 10x -------------------------------------------------------
for n in 500 5000; do
  dir="$out/scale-$n"
  rm -rf "$dir" && python3 benches/render/gen_scale.py "$dir" "$n"
  "$report" --project "$dir" render --quiet
  echo "scale $n: $(pdfinfo "$dir/build/es/scale.pdf" 2>/dev/null | awk '/Pages/ {print $2}') pages per edition"
  # The two typst compile commands report runs for this project, side by side.
  cat > "$out/typst-direct-$n.sh" <<SH
#!/usr/bin/env bash
cd "$dir"
printf '%s\n' es en | xargs -P 2 -I{} "$typst" compile --root . --ignore-system-fonts \
  --diagnostic-format short --format pdf --input report-data=/build/.report/{}.json \
  --creation-timestamp 1704067200 templates/report.typ "$out/direct-$n-{}.pdf"
SH
  chmod +x "$out/typst-direct-$n.sh"
  hyperfine --warmup 2 --runs 10 -N \
    --export-markdown "$out/scale-$n.md" --export-json "$out/scale-$n.json" \
    -n "resolve $n messages x 2 languages" "$report --project $dir resolve --quiet" \
    -n "typst directly, $n messages x 2 languages (PDF)" "$out/typst-direct-$n.sh" \
    -n "render --force $n messages x 2 languages (PDF)" "$report --project $dir render --force --quiet"
  # Maximum resident set size of resolve (report alone), in KiB.
  /usr/bin/time -f "%M" -o "$out/rss" "$report" --project "$dir" resolve --quiet >/dev/null
  echo "peak RSS (resolve, $n): $(cat "$out/rss") KiB"
  # For render, GNU time counts the largest Typst child too; report's own
  # peak (VmHWM) is what `render -v` prints.
  /usr/bin/time -f "%M" -o "$out/rss" "$report" --project "$dir" -v render --force 2>"$out/render-v.txt" >/dev/null
  echo "peak RSS (render --force, $n, report + largest Typst child): $(cat "$out/rss") KiB"
  echo "peak RSS (render --force, $n): $(grep 'peak memory of report itself' "$out/render-v.txt")"
done
echo "results in $out/*.md"
