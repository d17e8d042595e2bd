#!/usr/bin/env bash
# Benchmarks/pg-baseline.sh URI CSV [RUNS]: the PostgreSQL baseline `seedbed seed` is compared
# with (issue 4: at least 80% of its throughput). Times psql's `\copy loan FROM 'CSV' CSV HEADER`
# of a loan-shaped CSV into a fresh table, best of RUNS (default 3), and prints rows per second.
#
# Make the CSV with the same rows seedbed seeds:
#   seedbed generate Benchmarks/specs/loan.seed --out DIR --rows loan=1000000   # DIR/loan.csv
# The table's types are what `seed --create` declares for the spec's types (Dialect.postgres).
set -euo pipefail
uri="${1:?usage: pg-baseline.sh CONNECTION-URI LOAN.csv [RUNS]}"
csv="${2:?usage: pg-baseline.sh CONNECTION-URI LOAN.csv [RUNS]}"
runs="${3:-3}"
rows=$(($(wc -l <"$csv") - 1))
table="seedbed_baseline_loan"

psql_() { psql -X -q -v ON_ERROR_STOP=1 -d "$uri" "$@"; }

best=""
for run in $(seq 1 "$runs"); do
    psql_ -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS $table" -c "CREATE TABLE $table (
        id bigint, customer_id bigint, product text, amount numeric(18,2), ltv numeric(18,3),
        status text, disbursed date)"
    start=$(date +%s.%N)
    psql_ -c "\\copy $table FROM '$csv' CSV HEADER"
    end=$(date +%s.%N)
    seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
    loaded=$(psql_ -At -c "SELECT count(*) FROM $table")
    [ "$loaded" -eq "$rows" ] || { echo "loaded $loaded rows, expected $rows" >&2; exit 1; }
    echo "run $run: $rows rows in $seconds s"
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$seconds"; fi
done
psql_ -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS $table"
awk -v r="$rows" -v s="$best" 'BEGIN { printf "psql \\copy: %d rows in %.3f s (best of runs): %.0f rows/s\n", r, s, r / s }'
