#!/usr/bin/env bash
# Benchmarks/privacy-bench.sh [ROWS]: issue 6's privacy speed target. Generates ROWS (default
# 100,000) rows of a 9-column table twice with different seeds, one standing in for the real
# source, and times `seedbed score --data GEN --privacy-against REAL/ --format json`: k-anonymity
# and l-diversity, exact matches, DCR with its baseline and overfitting protection, the distance
# membership-inference attack on a holdout split, and disclosure protection, with the rules and
# diagnostics. Target: under 30 s at 100k vs 100k. Prints the phases (`--timings`) and the figures.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows="${1:-100000}"

swift build -c release --package-path "$root" --scratch-path "$root/.build" --product seedbed >/dev/null
seedbed="$root/.build/release/seedbed"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat >"$work/privacy.seed" <<EOF
dataset privacy_bench
  as of 2026-01-01

table patient {
  rows $rows
  id          int         key
  birth_year  int         uniform(1930, 2007)             quasi-identifier
  sex         text        one of { "F": 0.51, "M": 0.49 }  quasi-identifier
  region      text        one of { "north", "south", "east", "west", "centre" }  quasi-identifier
  weight      decimal(1)  normal(mean: 75, sd: 14)  min 30  max 200
  height      int         normal(mean: 170, sd: 10)  min 120  max 220
  visits      int         poisson(3)
  cost        decimal(2)  lognormal(median: 800, sigma: 0.9)
  diagnosis   text        one of { "J45": 0.3, "E11": 0.25, "I10": 0.3, "F32": 0.15 }  sensitive
  outcome     text        one of { "recovered": 0.7, "chronic": 0.25, "died": 0.05 }   sensitive
}
EOF
"$seedbed" generate "$work/privacy.seed" --out "$work/gen" --seed 1 >/dev/null 2>&1
"$seedbed" generate "$work/privacy.seed" --out "$work/real" --seed 2 >/dev/null 2>&1
rm -f "$work/real/_lineage.csv"
echo "rows: $rows synthetic vs $rows real, 9 compared columns (+ key)"
status=0
/usr/bin/time -f "seedbed score with privacy: %e s wall, %U s user, peak RSS %M KB" \
    "$seedbed" score "$work/privacy.seed" --data "$work/gen" --privacy-against "$work/real" --format json \
    --timings >"$work/score.json" 2>"$work/timings.txt" || status=$?
cat "$work/timings.txt"
if [ "$status" -gt 1 ]; then
    echo "seedbed score failed (exit $status)" >&2
    exit "$status"
fi
python3 - "$work/score.json" <<'EOF'
import json, sys
privacy = json.load(open(sys.argv[1]))["privacy"]
for key in ("k_anonymity", "l_diversity", "exact_match_rate", "dcr_baseline_protection", "mia_auc",
            "disclosure_protection"):
    print(f"  {key}: {privacy.get(key)}")
EOF
