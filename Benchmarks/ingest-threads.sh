#!/usr/bin/env bash
# Benchmarks/ingest-threads.sh [-n ROUNDS] [-m MEGABYTES] BINARY… : how an ingest's CPU splits
# between its two threads. As ingest-ab.sh (one report, a fresh catalog per binary, the binaries in
# turn each round), but each ingest runs under `perf record -F 1000` (cpu-clock: a sample is 1 ms),
# and prints per run the milliseconds sampled on the reading thread (the one with libxml2's
# samples) and on the writing thread (the one with SQLite's, the commit and checkpoint included).
# The wall time under perf is longer than without it. Needs `perf` (Debian: linux-perf).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/ingest-common.sh"
rounds=5
compare_options "usage: $0 [-n ROUNDS] [-m MEGABYTES] BINARY…" "$@"
set -- "${binaries[@]}"
command -v perf >/dev/null || { echo "$0: perf is not installed (Debian: apt-get install linux-perf)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
compare_setup "$work"

# thread DSO: the thread (pid column) with the most samples in the library named DSO.
thread() {
    perf report -i "$work/perf.data" --sort pid,dso --stdio -F sample,pid,dso 2>/dev/null |
        awk -v dso="$1" 'index($3, dso) { print $1, $2 }' | sort -rn | head -1 | awk '{ print $2 }'
}
for round in $(seq "$rounds"); do
    for index in $(seq $#); do
        binary="${!index}"
        rm -f "$work/catalog.sqlite"*
        cp "$work/empty-$index.sqlite" "$work/catalog.sqlite"
        cat "$work/report.xml" >/dev/null
        perf record -q -F 1000 -o "$work/perf.data" "$binary" ingest "$work/report.xml" \
            --dataset bench@1.0.0 --run bench --catalog "$work/catalog.sqlite" >/dev/null 2>&1
        reading="$(thread libxml2)" writing="$(thread libsqlite3)"
        perf report -i "$work/perf.data" --sort pid --stdio -F sample,pid 2>/dev/null |
            awk -v r="$reading" -v w="$writing" -v name="$binary" '
                $2 == r { read = $1 } $2 == w { write = $1 }
                END { printf "%s: reading %d ms, writing %d ms\n", name, read, write }'
    done
done
