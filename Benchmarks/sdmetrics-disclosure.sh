#!/usr/bin/env bash
# Benchmarks/sdmetrics-disclosure.sh [--release] [DATASETS_DIR]: agreement of
# `privacy.disclosure_protection` with SDMetrics 0.32.0's DisclosureProtection (CAP).
# For every CSV in the shared datasets: `seedbed init` (its quasi-identifier and sensitive
# guesses, plus the tags below for a dataset it guesses none for), `seedbed generate`, then
# `seedbed score --privacy-against REAL --format json --timings`, and SDMetrics'
# DisclosureProtection.compute_breakdown on the same real/synthetic pair with the same known
# and sensitive columns, the spec's numeric columns as `continuous_column_names`
# (sdmetrics-disclosure.py). Prints score, cap_protection and baseline_protection from both,
# and the time SDMetrics took beside Seedbed's whole privacy phase (DCR and MIA included).
# Exits 1 when a score differs by more than 1e-9.
#
# Needs Python 3 and the network once: SDMetrics goes into Benchmarks/.venv-sdmetrics (git
# ignores it), or SDMETRICS_VENV names an existing venv with sdmetrics 0.32.0. Never run in CI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
configuration=debug
datasets="$root/../shared/datasets"
for argument in "$@"; do
    case "$argument" in
        --release) configuration=release ;;
        *) datasets="$argument" ;;
    esac
done

venv="$("$here/sdmetrics-venv.sh")"

swift build -c "$configuration" --package-path "$root" --scratch-path "$root/.build" --product seedbed >/dev/null
seedbed="$root/.build/$configuration/seedbed"

# Tags for datasets whose column names `seedbed init` does not recognise: COLUMN:TAG ...
declare -A extra_tags=(
    [mortgage_hmda]="afam:quasi-identifier single:quasi-identifier selfemp:quasi-identifier deny:sensitive"
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
arguments=()
for csv in "$datasets"/*.csv; do
    name="$(basename "$csv" .csv)"
    mkdir -p "$work/$name"
    spec="$work/$name/$name.seed"
    "$seedbed" init --from "$csv" --out "$spec" >/dev/null
    for tag in ${extra_tags[$name]:-}; do
        column="${tag%%:*}" modifier="${tag#*:}"
        # The column's line, before any comment: `  NAME  TYPE  GENERATOR … MODIFIER`.
        sed -i -E "s/^(  $column[[:space:]][^#]*[^#[:space:]])/\1  $modifier/" "$spec"
    done
    "$seedbed" generate "$spec" --out "$work/$name/data" >/dev/null 2>&1
    # Exit 1 is a failed gate, which does not matter here; 2 and 3 do.
    status=0
    "$seedbed" score "$spec" --data "$work/$name/data" --privacy-against "$csv" --format json --timings \
        >"$work/$name/score.json" 2>"$work/$name/timings.txt" || status=$?
    if [ "$status" -gt 1 ]; then
        cat "$work/$name/timings.txt" >&2
        echo "seedbed score failed on $name (exit $status)" >&2
        exit "$status"
    fi
    arguments+=("$name" "$spec" "$csv" "$work/$name/data/$name.csv" "$work/$name/score.json" "$work/$name/timings.txt")
done
"$venv/bin/python" "$here/sdmetrics-disclosure.py" "${arguments[@]}"
