#!/usr/bin/env bash
# Benchmarks/generate-bench.sh [ROWS]: throughput of the generation engine on the loan table
# of rules/lending.seed (Benchmarks/specs/loan.seed: its columns, correlation, rules and
# scenario, without the customer parent), to memory and to CSV, beside a plain C loop writing
# the same number of 10-column CSV rows; then the peak memory of `seedbed generate` at 10M rows.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows="${1:-2000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path "$here" --product GenerateThroughput >/dev/null
swift build -c release --package-path "$root" --product seedbed >/dev/null
cc -O2 -o "$work/xorshift_csv" "$here/c/xorshift_csv.c"

echo "== loan shape, $rows rows, one process"
"$here/.build/release/GenerateThroughput" "$here/specs/loan.seed" loan "$rows" "$work/out" | tee "$work/seedbed.txt"
"$work/xorshift_csv" "$rows" "$work/baseline.csv" | tee "$work/c.txt"
seedbed_rate=$(awk '/^csv:/ {print $4}' "$work/seedbed.txt")
c_rate=$(awk '{print $5}' "$work/c.txt")
awk -v s="$seedbed_rate" -v c="$c_rate" 'BEGIN { printf "ratio (C / seedbed, CSV): %.1fx\n", c / s }'

echo "== peak memory, 10,000,000 rows to CSV"
/usr/bin/time -f "peak RSS: %M KB, %e s" "$root/.build/release/seedbed" generate "$here/specs/loan.seed" \
    --out "$work/big" --rows loan=10000000 >/dev/null
