#!/usr/bin/env bash
# Benchmarks/check-bench.sh: time `Checker().check` on a generated 10,000-line spec.
#
# Runs the SpecCheck benchmark (ordo-one/benchmark) and prints its table. The first
# run builds the benchmark package in release mode, which takes a few minutes.
# Extra arguments go to the benchmark plugin, e.g.
#   Benchmarks/check-bench.sh --format markdown
#   Benchmarks/check-bench.sh baseline update main
set -euo pipefail

# The repository root, so the script works from any directory.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ "$#" -eq 0 ]; then
    # The plain `run` prints the per-percentile table, which is the figure people quote.
    set -- run
fi

# `swift package benchmark` runs the plugin of the package in --package-path; the
# plugin builds the benchmark target in release mode itself, so no separate build step.
exec swift package --package-path "$root/Benchmarks" benchmark "$@" --target SpecCheck
