#!/usr/bin/env bash
# Benchmarks/ingest-bench.sh [MEGABYTES…]: for each size (default 20), a synthetic JUnit report
# (Benchmarks/junit-report.py: Surefire-shaped suites with properties, failures with stack
# traces and outputs, errors, skips, flaky reruns) is
#   1. ingested by `seedbed ingest` (release build) into a fresh SQLite catalog,
#   2. read by `seedbed ingest --dry-run` (parse, checks, fingerprints, records; no catalog), and
#   3. read by junitparser (Python, from PyPI, in Benchmarks/.venv-junit, made on first use)
#      looking at every test case's result (Benchmarks/junit-parse.py),
# in the same run, each under `/usr/bin/time -v`, RUNS times (default 3) interleaved: every run,
# then the medians of wall time, CPU time and peak RSS, MB/s, the ratios, and the rows stored;
# last, the floors: libxml2 alone reading the file (Benchmarks/c/junit_sax_floor.c) and SQLite
# alone storing the run's rows, read back from the catalog (Benchmarks/c/catalog_insert_floor.c).
# The machine is shared, so wall times move with its load; CPU time (user + system) moves less.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --package-path "$root" --product seedbed >/dev/null
seedbed="$root/.build/release/seedbed"
cc -O2 -o "$work/junit_sax_floor" "$here/c/junit_sax_floor.c" $(pkg-config --cflags --libs libxml-2.0)
cc -O2 -o "$work/catalog_insert_floor" "$here/c/catalog_insert_floor.c" -lsqlite3
venv="$here/.venv-junit"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet junitparser
fi
printf "junitparser %s\n" "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("junitparser"))')"

source "$here/ingest-common.sh"
bench_spec "$work/bench.seed"

# measure LOG OUT COMMAND…: runs COMMAND under /usr/bin/time -v with its output in OUT; prints
# "wall cpu peak_kib"; a reader's exit status does not stop the benchmark.
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

# median V…: the middle value (the lower middle for an even count).
median() { printf "%s\n" "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

runs="${RUNS:-3}"
for megabytes in "${sizes[@]}"; do
    report="$work/report-$megabytes.xml"
    python3 "$here/junit-report.py" "$megabytes" "$report"
    bytes=$(stat -c %s "$report")
    printf "\n%.1f MB report, %d runs of each reader, interleaved (wall s, CPU s, peak RSS KiB)\n" \
        "$(echo "$bytes / 1000000" | bc -l)" "$runs"
    s_walls=() d_walls=() p_walls=() s_cpus=() d_cpus=() p_cpus=() s_peaks=() d_peaks=() p_peaks=()
    for run in $(seq "$runs"); do
        empty_catalog "$seedbed" "$work/bench.seed" "$work/catalog.sqlite"
        cat "$report" >/dev/null # every reader starts from the page cache
        read -r wall cpu peak < <(measure "$work/seedbed.time" "$work/out.txt" "$seedbed" ingest "$report" \
            --dataset bench@1.0.0 --run bench --catalog "$work/catalog.sqlite")
        s_walls+=("$wall") s_cpus+=("$cpu") s_peaks+=("$peak")
        printf "  run %d: seedbed ingest %s %s %s" "$run" "$wall" "$cpu" "$peak"
        read -r wall cpu peak < <(measure "$work/dry.time" "$work/dry.txt" "$seedbed" ingest "$report" \
            --dataset bench@1.0.0 --run bench --dry-run)
        d_walls+=("$wall") d_cpus+=("$cpu") d_peaks+=("$peak")
        printf " | dry run %s %s %s" "$wall" "$cpu" "$peak"
        read -r wall cpu peak < <(measure "$work/python.time" "$work/python.txt" "$venv/bin/python" \
            "$here/junit-parse.py" "$report")
        p_walls+=("$wall") p_cpus+=("$cpu") p_peaks+=("$peak")
        printf " | junitparser %s %s %s\n" "$wall" "$cpu" "$peak"
    done
    grep -m1 "^total" "$work/out.txt" | sed 's/^/  seedbed:     /'
    sed 's/^/  junitparser: /' "$work/python.txt"
    printf "  medians:\n"
    awk -v b="$bytes" -v sw="$(median "${s_walls[@]}")" -v sc="$(median "${s_cpus[@]}")" -v sp="$(median "${s_peaks[@]}")" \
        -v dw="$(median "${d_walls[@]}")" -v dc="$(median "${d_cpus[@]}")" -v dp="$(median "${d_peaks[@]}")" \
        -v pw="$(median "${p_walls[@]}")" -v pc="$(median "${p_cpus[@]}")" -v pp="$(median "${p_peaks[@]}")" 'BEGIN {
        printf "  seedbed ingest: %6.2f s wall %6.1f MB/s, %6.2f s CPU %6.1f MB/s, peak RSS %5.0f MB\n", sw, b / 1e6 / sw, sc, b / 1e6 / sc, sp / 1024
        printf "  seedbed dry run:%6.2f s wall %6.1f MB/s, %6.2f s CPU %6.1f MB/s, peak RSS %5.0f MB\n", dw, b / 1e6 / dw, dc, b / 1e6 / dc, dp / 1024
        printf "  junitparser:    %6.2f s wall %6.1f MB/s, %6.2f s CPU %6.1f MB/s, peak RSS %5.0f MB\n", pw, b / 1e6 / pw, pc, b / 1e6 / pc, pp / 1024
        printf "  ratio (junitparser / seedbed ingest): %.1fx wall, %.1fx CPU\n", pw / sw, pc / sc
        printf "  ratio (junitparser / seedbed dry run): %.1fx wall, %.1fx CPU\n", pw / dw, pc / dc }'
    for table in test_result test_attempt test_link; do
        printf "  %s rows: %s\n" "$table" "$(sqlite3 "$work/catalog.sqlite" "SELECT count(*) FROM $table" 2>/dev/null || echo '?')"
    done
    printf "  catalog: %s MB\n" "$(du -m "$work/catalog.sqlite" | cut -f1)"
    # The floor: libxml2 alone on the same file, with callbacks that only count.
    read -r wall cpu peak < <(measure "$work/floor.time" "$work/floor.txt" "$work/junit_sax_floor" "$report")
    printf "  libxml2 alone (Benchmarks/c/junit_sax_floor.c): %s s wall, %s s CPU (%s)\n" "$wall" "$cpu" "$(cat "$work/floor.txt")"
    # The other floor: SQLite alone storing the run's rows (read back from this catalog) into a
    # catalog as the ingest found it, best of three.
    empty_catalog "$seedbed" "$work/bench.seed" "$work/empty.sqlite"
    for run in 1 2 3; do
        cp "$work/empty.sqlite" "$work/target.sqlite"
        rm -f "$work/target.sqlite-wal" "$work/target.sqlite-shm"
        "$work/catalog_insert_floor" "$work/catalog.sqlite" bench "$work/target.sqlite"
    done | sort -g | head -1 | sed 's/^/  SQLite alone (Benchmarks\/c\/catalog_insert_floor.c): /'
done
