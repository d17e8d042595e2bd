#!/usr/bin/env bash
# Benchmarks/ingest-bench.sh [MEGABYTES]: `seedbed ingest` of a synthetic JUnit report (default
# 20 MB, Benchmarks/junit-report.py) into a fresh SQLite catalog, release build: wall time,
# throughput, peak memory, and the rows stored.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
megabytes="${1:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path "$root" --product seedbed >/dev/null
seedbed="$root/.build/release/seedbed"
python3 "$here/junit-report.py" "$megabytes" "$work/report.xml"
cat >"$work/bench.seed" <<'SPEC'
dataset bench
  version "1.0.0"
table t {
  rows 1
  id int key
}
SPEC
"$seedbed" generate "$work/bench.seed" --out "$work/data" --catalog "$work/catalog.sqlite" >/dev/null 2>&1
bytes=$(stat -c %s "$work/report.xml")
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$seedbed" ingest "$work/report.xml" --dataset bench@1.0.0 \
    --run bench --catalog "$work/catalog.sqlite" >"$work/out.txt"
tail -3 "$work/out.txt" | head -1
read -r seconds peak <"$work/time.txt"
awk -v b="$bytes" -v s="$seconds" -v p="$peak" \
    'BEGIN { printf "ingest: %.1f MB in %.2f s, %.1f MB/s, peak RSS %.0f MB\n", b / 1e6, s, b / 1e6 / s, p / 1024 }'
for table in test_result test_attempt test_link; do
    printf "%s rows: %s\n" "$table" "$(sqlite3 "$work/catalog.sqlite" "SELECT count(*) FROM $table" 2>/dev/null || echo '?')"
done
