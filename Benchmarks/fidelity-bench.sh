#!/usr/bin/env bash
# Benchmarks/fidelity-bench.sh [DATASETS_DIR]: issue 5's fidelity target. For each CSV in the
# shared datasets: `seedbed init` (profile + starter spec, `from profile` columns), `seedbed
# generate` the same number of rows, then `seedbed score --baseline` against the real CSV with
# SDMetrics' definitions (docs/metrics.md). Prints the time profiling took and the overall quality
# (mean of column shapes and column pair trends); the target is at least 0.90 per dataset.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
datasets="${1:-$root/../shared/datasets}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path "$root" --product seedbed >/dev/null
seedbed="$root/.build/release/seedbed"

for csv in "$datasets"/*.csv; do
    name="$(basename "$csv" .csv)"
    mkdir -p "$work/$name"
    start=$(date +%s.%N)
    "$seedbed" init --from "$csv" --out "$work/$name/$name.seed" >/dev/null
    end=$(date +%s.%N)
    "$seedbed" generate "$work/$name/$name.seed" --out "$work/$name/data" >/dev/null 2>&1
    "$seedbed" score "$work/$name/$name.seed" --data "$work/$name/data" --baseline "$csv" \
        --catalog "$work/catalog.sqlite" >"$work/$name/score.txt" 2>/dev/null || true
    fidelity=$(grep -m1 "^Fidelity" "$work/$name/score.txt" | sed 's/.*: //')
    awk -v n="$name" -v s="$start" -v e="$end" -v f="$fidelity" \
        'BEGIN { printf "%-16s init (profile + spec) %.2f s   %s\n", n, e - s, f }'
done
