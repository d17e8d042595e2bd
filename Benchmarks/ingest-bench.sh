#!/usr/bin/env bash
# Benchmarks/ingest-bench.sh [MEGABYTES…]: for each size (default 20), a synthetic JUnit report
# (Benchmarks/junit-report.py: Surefire-shaped suites with properties, failures with stack
# traces and outputs, errors, skips, flaky reruns) is
#   1. ingested by `seedbed ingest` (release build) into a fresh SQLite catalog,
#   2. read by `seedbed ingest --dry-run` (parse, checks, fingerprints, records; no catalog), and
#   3. read by junitparser (Python, from PyPI, in Benchmarks/.venv-junit, made on first use)
#      looking at every test case's result (Benchmarks/junit-parse.py),
# in the same run, each under `/usr/bin/time -v`: wall time, CPU time, MB/s, peak RSS, the ratio,
# and the rows stored. The machine is shared, so wall times move with its load; CPU time
# (user + system) moves less.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path "$root" --product seedbed >/dev/null
seedbed="$root/.build/release/seedbed"
venv="$here/.venv-junit"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet junitparser
fi
printf "junitparser %s\n" "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("junitparser"))')"

cat >"$work/bench.seed" <<'SPEC'
dataset bench
  version "1.0.0"
table t {
  rows 1
  id int key
}
SPEC

# measure LOG OUT COMMAND…: runs COMMAND under /usr/bin/time -v with its output in OUT; prints
# "wall cpu peak_kib". `ingest` exits 1 for a run that is not green, as this one is not.
measure() {
    local log="$1" out="$2"
    shift 2
    /usr/bin/time -v -o "$log" "$@" >"$out" 2>&1 || true
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
        /User time/ { cpu += $2 } /System time/ { cpu += $2 }
        /Maximum resident set size/ { peak = $2 }
        END { printf "%.2f %.2f %d\n", wall, cpu, peak }' "$log"
}

for megabytes in "${sizes[@]}"; do
    report="$work/report-$megabytes.xml"
    python3 "$here/junit-report.py" "$megabytes" "$report"
    bytes=$(stat -c %s "$report")
    rm -rf "$work/catalog.sqlite"* "$work/data"
    "$seedbed" generate "$work/bench.seed" --out "$work/data" --catalog "$work/catalog.sqlite" >/dev/null 2>&1
    cat "$report" >/dev/null # both readers start from the page cache
    read -r s_wall s_cpu s_peak < <(measure "$work/seedbed.time" "$work/out.txt" "$seedbed" ingest "$report" \
        --dataset bench@1.0.0 --run bench --catalog "$work/catalog.sqlite")
    read -r d_wall d_cpu d_peak < <(measure "$work/dry.time" "$work/dry.txt" "$seedbed" ingest "$report" \
        --dataset bench@1.0.0 --run bench --dry-run)
    read -r p_wall p_cpu p_peak < <(measure "$work/python.time" "$work/python.txt" "$venv/bin/python" \
        "$here/junit-parse.py" "$report")
    printf "\n%.1f MB report\n" "$(echo "$bytes / 1000000" | bc -l)"
    grep -m1 "^total" "$work/out.txt" | sed 's/^/  seedbed:     /'
    sed 's/^/  junitparser: /' "$work/python.txt"
    awk -v b="$bytes" -v sw="$s_wall" -v sc="$s_cpu" -v sp="$s_peak" -v dw="$d_wall" -v dc="$d_cpu" -v dp="$d_peak" -v pw="$p_wall" -v pc="$p_cpu" -v pp="$p_peak" 'BEGIN {
        printf "  seedbed ingest: %6.2f s wall %6.1f MB/s, %6.2f s CPU %6.1f MB/s, peak RSS %5.0f MB\n", sw, b / 1e6 / sw, sc, b / 1e6 / sc, sp / 1024
        printf "  seedbed dry run:%6.2f s wall %6.1f MB/s, %6.2f s CPU %6.1f MB/s, peak RSS %5.0f MB\n", dw, b / 1e6 / dw, dc, b / 1e6 / dc, dp / 1024
        printf "  junitparser:    %6.2f s wall %6.1f MB/s, %6.2f s CPU %6.1f MB/s, peak RSS %5.0f MB\n", pw, b / 1e6 / pw, pc, b / 1e6 / pc, pp / 1024
        printf "  ratio (junitparser / seedbed ingest): %.1fx wall, %.1fx CPU\n", pw / sw, pc / sc
        printf "  ratio (junitparser / seedbed dry run): %.1fx wall, %.1fx CPU\n", pw / dw, pc / dc }'
    for table in test_result test_attempt test_link; do
        printf "  %s rows: %s\n" "$table" "$(sqlite3 "$work/catalog.sqlite" "SELECT count(*) FROM $table" 2>/dev/null || echo '?')"
    done
    printf "  catalog: %s MB\n" "$(du -m "$work/catalog.sqlite" | cut -f1)"
done
