#!/usr/bin/env bash
# ci/check-specs.sh: run `seedbed check` over the spec files, failing the job on errors.
#
# Usage:
#   ci/check-specs.sh                 # every rules/*.seed of the repository
#   ci/check-specs.sh a.seed b.seed   # just these files (paths as the caller sees them)
#
# Environment:
#   SEEDBED  path to a seedbed binary to use; when unset the script builds one
#            (`swift build -c release --product seedbed`), which is slow the first time.
#   CI       when set (CI systems set CI=true), diagnostics are printed as JSON on
#            stdout, so the pipeline can annotate the files; otherwise as text.
#
# Exit codes follow seedbed's: 0 every spec is clean, 1 a spec has errors, 2 a usage or
# input error (a missing file, no specs found), 3 the environment (seedbed cannot be built
# or run).
set -euo pipefail

# The repository root, found from this script, so it can be run from any directory.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf 'check-specs: %s\n' "$*" >&2; }

# ---- which specs ----
specs=()
if [ "$#" -gt 0 ]; then
    specs=("$@")
else
    # Relative names (rules/x.seed) read better in diagnostics and CI annotations than
    # absolute ones; nullglob so an empty rules/ is reported below, not passed on as a
    # literal pattern.
    cd "$root"
    shopt -s nullglob
    specs=(rules/*.seed)
    shopt -u nullglob
fi
if [ "${#specs[@]}" -eq 0 ]; then
    say "no spec files found under $root/rules (give SPEC files as arguments)"
    exit 2
fi
for spec in "${specs[@]}"; do
    if [ ! -f "$spec" ]; then
        say "no such spec file: $spec"
        exit 2
    fi
done

# ---- which seedbed ----
if [ -n "${SEEDBED:-}" ]; then
    # A pipeline that already built seedbed (or downloaded a release) should not pay twice.
    if [ ! -x "$SEEDBED" ]; then
        say "SEEDBED is set to '$SEEDBED', which is not an executable file"
        exit 3
    fi
    seedbed="$SEEDBED"
else
    say "building seedbed (release); set SEEDBED to reuse a binary"
    # Build output goes to stderr so that stdout carries only seedbed's own report
    # (the JSON a CI step may parse).
    if ! swift build --package-path "$root" -c release --product seedbed >&2; then
        say "could not build seedbed"
        exit 3
    fi
    seedbed="$(swift build --package-path "$root" -c release --show-bin-path)/seedbed"
fi

# ---- check ----
args=(check)
if [ -n "${CI:-}" ]; then
    args+=(--format json)
fi

# seedbed's exit code is the answer; capture it instead of letting `set -e` stop here, so
# the summary below is printed for failures too.
status=0
"$seedbed" "${args[@]}" "${specs[@]}" || status=$?

case "$status" in
    0) say "${#specs[@]} spec(s) checked clean" ;;
    1) say "errors found in the specs above" ;;
    2) say "seedbed rejected the invocation or could not read a spec (exit 2)" ;;
    *) say "seedbed failed with exit code $status" ;;
esac
exit "$status"
