#!/usr/bin/env bash
# Runs one fuzz target of the report crate. See docs/fuzzing.md.
#
#   fuzz/run.sh <target> [seconds] [extra libFuzzer flags…]
#
# target: manifest | fluent | markup | data | pdf | xliff2 | xliff1 | po |
# bibliography. Default duration: 600 s.
# The committed seeds (fuzz/seeds/<target>/), the committed corpus of earlier
# runs (fuzz/corpora/<target>.tar.gz, minimized with -merge=1) and any saved
# regressions (fuzz/regressions/<target>/) are copied into the working corpus
# (fuzz/corpus/<target>/, git-ignored) before the run; a crash is written to
# fuzz/artifacts/<target>/.
set -euo pipefail

cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh <manifest|fluent|markup|data|pdf|xliff2|xliff1|po|bibliography> [seconds] [libFuzzer flags...]}
seconds=${2:-600}
shift $(( $# >= 2 ? 2 : 1 ))

case $target in
  manifest|fluent|markup|data|pdf|xliff2|xliff1|po|bibliography) ;;
  *) echo "unknown target: $target" >&2; exit 2 ;;
esac

corpus=corpus/$target
mkdir -p "$corpus"
cp -n seeds/"$target"/* "$corpus"/ 2>/dev/null || true
if [ -f corpora/"$target".tar.gz ]; then
  tar -xzf corpora/"$target".tar.gz -C "$(dirname "$corpus")" --skip-old-files
fi
if [ -d regressions/"$target" ]; then
  cp -n regressions/"$target"/* "$corpus"/ 2>/dev/null || true
fi

# cargo-fuzz passes nightly-only flags (-Zsanitizer=address, …) to rustc;
# RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them.
export RUSTC_BOOTSTRAP=1
# One process (libFuzzer's default): `-jobs=N` would fork workers that log
# to fuzz-N.log instead of the terminal. FUZZ_CARGO_FLAGS passes options to
# `cargo fuzz run`, e.g. FUZZ_CARGO_FLAGS="-s none" to build without ASan.
# shellcheck disable=SC2086
exec cargo fuzz run ${FUZZ_CARGO_FLAGS:-} "$target" "$corpus" -- \
  -max_total_time="$seconds" -print_final_stats=1 \
  -dict="dicts/$target.dict" -timeout=10 -rss_limit_mb=4096 "$@"
