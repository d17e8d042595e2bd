#!/usr/bin/env bash
# Benchmarks/sqlite-baseline.sh [ROWS]: the plain C floor for loading SQLite — one prepared
# INSERT in one transaction into a fresh file (Benchmarks/c/sqlite_insert.c), rows of the loan
# shape of Benchmarks/specs/loan.seed. `seedbed seed` end-to-end is compared against this figure
# in the same run. Prints "c sqlite baseline: N rows in S s, R rows/s".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rows="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cc -O2 -o "$work/sqlite_insert" "$here/c/sqlite_insert.c" -lsqlite3
"$work/sqlite_insert" "$rows" "$work/baseline.db"
