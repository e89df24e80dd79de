#!/usr/bin/env bash
# `verdict batch` at 1 and 2 threads on the credit data (tests/data/credit_data.csv
# repeated BATCH_COPIES times), as shipped but with SHAP for every decision:
# full trace, native TreeSHAP, JSON Lines out, no decision log. Runs the two
# in turn BATCH_RUNS times and takes the median wall time of each, so the
# ratio holds when the machine's speed drifts; the outputs must be the same
# bytes (decisions are written in input order whatever the threads).
# Ends with one line per thread count:
#   batch threads=T rows=N wall_s=W rows_per_s=R [scaling=S]
# Environment: VERDICT_BUILD_DIR (default build), BATCH_COPIES (5), BATCH_RUNS (5).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VERDICT=${VERDICT_BUILD_DIR:-build}/tools/verdict/verdict
COPIES=${BATCH_COPIES:-5}
RUNS=${BATCH_RUNS:-5}
[ -x "$VERDICT" ] || scripts/bootstrap.sh >&2

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
sed -e "s#^ruleset = .*#ruleset = \"$ROOT/rules/credit_approval.rules\"#" \
    -e "s#\.\./models/#$ROOT/models/#" -e 's#^shap = .*#shap = "always"#' -e '/^log *=/d' \
    rules/credit_approval.deploy.toml > "$WORK/deploy.toml"
{ head -1 tests/data/credit_data.csv
  for _ in $(seq "$COPIES"); do tail -n +2 tests/data/credit_data.csv; done; } > "$WORK/rows.csv"
ROWS=$(($(wc -l < "$WORK/rows.csv") - 1))

run() {  # threads -> wall seconds of one run
  local start end
  start=$(date +%s.%N)
  "$VERDICT" batch --config "$WORK/deploy.toml" --in "$WORK/rows.csv" --out "$WORK/out$1.jsonl" \
    --ignore-columns Status --threads "$1" -q
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {print b - a}' 
}

one=() two=()
for _ in $(seq "$RUNS"); do
  one+=("$(run 1)")
  two+=("$(run 2)")
done
cmp -s "$WORK/out1.jsonl" "$WORK/out2.jsonl" || { echo "batch_scaling: 1 and 2 threads wrote different decisions" >&2; exit 1; }
[ "$(wc -l < "$WORK/out1.jsonl")" -eq "$ROWS" ] || { echo "batch_scaling: not every row was decided" >&2; exit 1; }

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
w1=$(median "${one[@]}")
w2=$(median "${two[@]}")
awk -v n="$ROWS" -v a="$w1" -v b="$w2" 'BEGIN {
  printf "batch threads=1 rows=%d wall_s=%.3f rows_per_s=%.0f\n", n, a, n / a
  printf "batch threads=2 rows=%d wall_s=%.3f rows_per_s=%.0f scaling=%.2f\n", n, b, n / b, a / b
}' 
