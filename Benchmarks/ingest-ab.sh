#!/usr/bin/env bash
# Benchmarks/ingest-ab.sh [-n ROUNDS] [-m MEGABYTES] BINARY… : compares `seedbed ingest` builds on
# one report. A Surefire-shaped report (Benchmarks/junit-report.py, default 200 MB) and, for
# each binary, a fresh catalog (made by its own `generate`, so with its schema and page size) are
# made once; then each round ingests the report once with every binary, in turn, into a copy of
# its catalog. Prints each binary's wall times sorted, and its median wall and CPU time (user +
# system). Rounds alternate the binaries because this machine's speed drifts by up to 30%
# between minutes: compare medians of rounds (default 9), never single runs.
#
# Used to measure one change at a time: build main, copy .build/release/seedbed aside, build the
# change, then `Benchmarks/ingest-ab.sh /tmp/seedbed-before .build/release/seedbed`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/ingest-common.sh"
rounds=9
compare_options "usage: $0 [-n ROUNDS] [-m MEGABYTES] BINARY…" "$@"
set -- "${binaries[@]}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
compare_setup "$work"

for round in $(seq "$rounds"); do
    for index in $(seq $#); do
        binary="${!index}"
        rm -f "$work/catalog.sqlite"*
        cp "$work/empty-$index.sqlite" "$work/catalog.sqlite"
        cat "$work/report.xml" >/dev/null # every run starts from the page cache
        /usr/bin/time -f "$index %e %U %S" -a -o "$work/times" "$binary" ingest "$work/report.xml" \
            --dataset bench@1.0.0 --run bench --catalog "$work/catalog.sqlite" >/dev/null
    done
done
# median FILE: the middle value of a column of numbers (the lower middle for an even count).
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for index in $(seq $#); do
    awk -v i="$index" '$1 == i { print $2 }' "$work/times" | sort -g >"$work/walls"
    awk -v i="$index" '$1 == i { print $3 + $4 }' "$work/times" >"$work/cpus"
    printf "%s: walls %s| median %s s wall, %s s CPU\n" "${!index}" "$(tr '\n' ' ' <"$work/walls")" \
        "$(median "$work/walls")" "$(median "$work/cpus")"
done
