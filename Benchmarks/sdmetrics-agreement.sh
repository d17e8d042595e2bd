#!/usr/bin/env bash
# Benchmarks/sdmetrics-agreement.sh [--release] [--details] [DATASETS_DIR]: issue 6's agreement
# with the reference. For every CSV in the shared datasets: `seedbed init` (profile + starter
# spec), `seedbed generate` the synthetic twin, `seedbed score --baseline REAL --format json`,
# then SDMetrics 0.32.0's QualityReport on the same real/synthetic pair (sdmetrics-agreement.py),
# and a table of column shapes, column pair trends and overall from both with the differences.
# The target is agreement within 0.01 on every dataset; exits 1 when a difference is larger.
#
# Needs Python 3 and the network once: SDMetrics goes into Benchmarks/.venv-sdmetrics (git
# ignores it). Never run in CI. --details lists every column or pair whose scores differ.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
configuration=debug
details=()
datasets="$root/../shared/datasets"
for argument in "$@"; do
    case "$argument" in
        --release) configuration=release ;;
        --details) details=(--details) ;;
        *) datasets="$argument" ;;
    esac
done

venv="$("$here/sdmetrics-venv.sh")"

swift build -c "$configuration" --package-path "$root" --scratch-path "$root/.build" --product seedbed >/dev/null
seedbed="$root/.build/$configuration/seedbed"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
arguments=()
for csv in "$datasets"/*.csv; do
    name="$(basename "$csv" .csv)"
    mkdir -p "$work/$name"
    "$seedbed" init --from "$csv" --out "$work/$name/$name.seed" >/dev/null
    "$seedbed" generate "$work/$name/$name.seed" --out "$work/$name/data" >/dev/null 2>&1
    # Exit 1 is a failed gate (a mined rule, say), which does not matter here; 2 and 3 do.
    status=0
    "$seedbed" score "$work/$name/$name.seed" --data "$work/$name/data" --baseline "$csv" --format json \
        >"$work/$name/score.json" 2>/dev/null || status=$?
    if [ "$status" -gt 1 ]; then
        echo "seedbed score failed on $name (exit $status)" >&2
        exit "$status"
    fi
    arguments+=("$name" "$work/$name/$name.seed" "$csv" "$work/$name/data/$name.csv" "$work/$name/score.json")
done
"$venv/bin/python" "$here/sdmetrics-agreement.py" "${details[@]}" "${arguments[@]}"
