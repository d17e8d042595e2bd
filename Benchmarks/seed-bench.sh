#!/usr/bin/env bash
# Benchmarks/seed-bench.sh [ROWS]: `seedbed seed` end to end (spec → introspection → generation →
# load → commit) of the loan shape (Benchmarks/specs/loan.seed) into a fresh SQLite file, beside
# the plain C prepared-INSERT loop of the same shape in one transaction (sqlite-baseline.sh), in
# the same run; the issue asks for at least 60% of the C figure. With PGBENCH_URL set (a
# PostgreSQL database the script may create tables in), also `seedbed seed` into PostgreSQL
# beside `psql \copy` of the same rows from a CSV file (at least 80%), and the peak RSS of a
# 10M-row seed into PostgreSQL (at most 256 MB).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path "$root" --product seedbed >/dev/null
seedbed="$root/.build/release/seedbed"

echo "== SQLite, $rows rows of the loan shape"
"$here/sqlite-baseline.sh" "$rows" | tee "$work/c.txt"
/usr/bin/time -f "%e s, peak RSS %M KB" "$seedbed" seed "$here/specs/loan.seed" --target "sqlite:$work/seed.db" \
    --create --rows "loan=$rows" --no-lineage --catalog "$work/catalog.sqlite" | tee "$work/seed.txt"
c_rate=$(awk '{print $(NF-1)}' "$work/c.txt")
seed_rate=$(grep -o '([0-9]* rows/s)' "$work/seed.txt" | tr -d '(' | awk '{print $1}')
awk -v s="$seed_rate" -v c="$c_rate" 'BEGIN { printf "seedbed / C: %.0f%%\n", 100 * s / c }'

if [ -n "${PGBENCH_URL:-}" ]; then
    echo "== PostgreSQL, $rows rows of the loan shape"
    "$seedbed" generate "$here/specs/loan.seed" --out "$work/csv" --rows "loan=$rows" >/dev/null
    "$here/pg-baseline.sh" "$PGBENCH_URL" "$work/csv/loan.csv" | tee "$work/psql.txt"
    # The same table as the baseline's (no index), so both pay the same server-side costs.
    psql -q "$PGBENCH_URL" -c "DROP TABLE IF EXISTS loan" -c "CREATE TABLE loan (id bigint, customer_id bigint,
        product text, amount numeric(18,2), ltv numeric(18,3), status text, disbursed date)"
    "$seedbed" seed "$here/specs/loan.seed" --target "$PGBENCH_URL" --rows "loan=$rows" --no-lineage \
        --catalog "$work/catalog.sqlite" | tee "$work/pgseed.txt"
    echo "== PostgreSQL, peak memory of 10,000,000 rows"
    /usr/bin/time -f "peak RSS: %M KB, %e s" "$seedbed" seed "$here/specs/loan.seed" --target "$PGBENCH_URL" \
        --rows "loan=10000000" --no-lineage --catalog "$work/catalog.sqlite"
fi
