#!/usr/bin/env bash
# Benchmarks/score-bench.sh [ROWS] [--no-sdmetrics]: issue 6's scorecard speed target. Generates
# ROWS (default 1,000,000) rows of a 10-column table twice with different seeds, one as the
# "real" baseline, then times the full scorecard without privacy (`seedbed score --data GEN
# --baseline REAL.csv --format json`: every rule on every row, diagnostics, column shapes and
# the 45 column pairs) and, in the same run on the same two CSV files, SDMetrics 0.32.0's
# QualityReport. Two ratios: the metrics alone (Seedbed's fidelity phase from `--timings`, which
# also computes boundary and category adherence, against SDMetrics' `generate`), and the whole
# job (Seedbed's process, CSV reading and rule checking included, against pandas' read_csv plus
# `generate`). Targets: Seedbed under 10 s at 1M rows, and at least 20 times faster than SDMetrics.
#
# SDMetrics comes from Benchmarks/.venv-sdmetrics (sdmetrics-agreement.sh makes it). Never run
# in CI. The machine is shared: run it twice and quote both, or read the user time.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows=1000000
sdmetrics=yes
for argument in "$@"; do
    case "$argument" in
        --no-sdmetrics) sdmetrics=no ;;
        *) rows="$argument" ;;
    esac
done
venv="$here/.venv-sdmetrics"
if [ "$sdmetrics" = yes ] && [ ! -x "$venv/bin/python" ]; then
    echo "no SDMetrics venv: run Benchmarks/sdmetrics-agreement.sh once, or pass --no-sdmetrics" >&2
    exit 2
fi

swift build -c release --package-path "$root" --scratch-path "$root/.build" --product seedbed >/dev/null
seedbed="$root/.build/release/seedbed"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Ten compared columns (five numeric, one date, four categorical) and a key, three rules.
cat >"$work/bench.seed" <<EOF
dataset score_bench
  as of 2026-01-01

table account {
  rows $rows
  id        int         key
  age       int         normal(mean: 42, sd: 12)  min 18  max 95
  income    decimal(2)  lognormal(median: 48_000, sigma: 0.6)
  balance   decimal(2)  normal(mean: 5_000, sd: 2_500)
  score     int         uniform(300, 850)
  tenure    float       uniform(0, 30)
  opened    date        uniform(2010-01-01, 2025-12-31)  nullable 5%
  segment   text        one of { "retail": 0.6, "premium": 0.3, "private": 0.1 }
  region    text        one of { "north", "south", "east", "west", "centre", "islands" }
  status    text        one of { "active": 0.8, "dormant": 0.15, "closed": 0.05 }
  channel   text        one of { "branch": 0.3, "web": 0.5, "phone": 0.2 }  nullable 2%
  correlate age, income 0.6
  correlate income, balance 0.7
}

rule R-001 eligibility "Adults only"
  require account.age >= 18

rule R-002 eligibility "Scores in the bureau's range"
  require account.score between 300 and 850

rule R-003 impossible "A closed account has no balance above 10k"
  when account.status = "closed"
  forbid account.balance > 10_000
EOF

"$seedbed" generate "$work/bench.seed" --out "$work/gen" --seed 1 >/dev/null 2>&1
"$seedbed" generate "$work/bench.seed" --out "$work/real" --seed 2 >/dev/null 2>&1
echo "rows: $rows x 10 compared columns (+ key), 3 rules; $(du -h "$work/gen/account.csv" | cut -f1) per CSV"

start=$(date +%s.%N)
status=0
"$seedbed" score "$work/bench.seed" --data "$work/gen" --baseline "$work/real/account.csv" --format json \
    --timings >"$work/score.json" 2>"$work/timings.txt" || status=$?
end=$(date +%s.%N)
if [ "$status" -gt 1 ]; then
    echo "seedbed score failed (exit $status)" >&2
    exit "$status"
fi
seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
overall=$("${venv}/bin/python" -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["fidelity"]["score"], 4))' \
    "$work/score.json" 2>/dev/null || python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["fidelity"]["score"], 4))' "$work/score.json")
fidelity=$(sed -n 's/^timing: fidelity: \([0-9.]*\) s$/\1/p' "$work/timings.txt")
echo "seedbed score: ${seconds} s in all (fidelity ${fidelity} s), overall $overall"
sed -n 's/^timing: /    /p' "$work/timings.txt"

if [ "$sdmetrics" = yes ]; then
    sd=$("$venv/bin/python" - "$work/real/account.csv" "$work/gen/account.csv" <<'PY'
import sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from sdmetrics.reports.single_table import QualityReport
numerical = ["age", "income", "balance", "score", "tenure"]
categorical = ["segment", "region", "status", "channel"]
columns = {c: {"sdtype": "numerical"} for c in numerical}
columns["opened"] = {"sdtype": "datetime", "datetime_format": "%Y-%m-%d"}
columns.update({c: {"sdtype": "categorical"} for c in categorical})
started = time.perf_counter()
real = pd.read_csv(sys.argv[1])[list(columns)]
synthetic = pd.read_csv(sys.argv[2])[list(columns)]
start = time.perf_counter()
report = QualityReport()
report.generate(real, synthetic, {"columns": columns}, verbose=False)
end = time.perf_counter()
print(f"{end - start:.2f} {end - started:.2f} {report.get_score():.4f}")
PY
)
    read -r sd_seconds sd_total sd_overall <<<"$sd"
    echo "SDMetrics 0.32.0: ${sd_total} s in all (QualityReport.generate ${sd_seconds} s), overall $sd_overall"
    awk -v a="$sd_seconds" -v b="$fidelity" -v c="$sd_total" -v d="$seconds" \
        'BEGIN { printf "metrics: Seedbed %.1fx faster; whole job: %.1fx faster\n", a / b, c / d }'
fi
