#!/usr/bin/env bash
# ci/seed-and-test.sh: seed the test database, gate it, run the tests on it, and feed their
# results back to the catalog.
#
# Usage:
#   ci/seed-and-test.sh SPEC TARGET POLICY [--] TEST-COMMAND [ARG...]
#
#   SPEC          the spec file (*.seed); it needs a `version "..."` so its runs can be ingested
#   TARGET        the test database: sqlite:PATH, or a PostgreSQL URI / 'host=... dbname=...'
#   POLICY        the gate policy (docs/gate-policy.md) the seeded data must pass
#   TEST-COMMAND  the integration tests; they must write JUnit XML into $SEEDBED_JUNIT_DIR
#
# Steps: seedbed check, seed, score (gates), the tests, ingest, report. The tests see:
#   SEEDBED_TARGET    TARGET, the database just seeded
#   SEEDBED_DATASET   NAME@VERSION of the data in it
#   SEEDBED_JUNIT_DIR the folder to write JUnit XML into (emptied before the tests run)
#
# Environment:
#   SEEDBED           a seedbed binary; when unset one is built (`swift build -c release`)
#   SEEDBED_CATALOG   the catalog (seedbed reads it itself); default .seedbed/catalog.sqlite,
#                     which a CI workspace throws away: share one to compare versions
#   SEEDBED_RESULTS   where the outputs go (default: seedbed-results): scorecard.xml,
#                     junit/, report/
#   SEEDBED_SEED_ARGS more arguments for `seedbed seed`, split on spaces (e.g. "--create",
#                     "--mode truncate")
#   SEEDBED_RUN_ID    the run ID for `seedbed ingest --run` (default: the CI system's job ID)
#   SEEDBED_COMMIT    the commit under test (default: the CI system's, else git's HEAD)
#
# Exit codes: 0 the data passed its gates and the tests passed; 1 the spec has errors, a gate
# failed or a test failed; 2 a usage or input error; 3 the environment (seedbed cannot be built
# or run, the database or catalog cannot be reached, the tests wrote no JUnit XML).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf 'seed-and-test: %s\n' "$*" >&2; }
step() { printf '\n==> %s\n' "$*"; }
usage() {
    sed -n '4,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# ---- arguments ----
[ "$#" -ge 4 ] || usage
spec="$1" target="$2" policy="$3"
shift 3
[ "$1" = "--" ] && shift
[ "$#" -ge 1 ] || usage
[ -f "$spec" ] || { say "no such spec file: $spec"; exit 2; }
[ -f "$policy" ] || { say "no such policy file: $policy"; exit 2; }

results="${SEEDBED_RESULTS:-seedbed-results}"
mkdir -p "$results" || { say "cannot create $results"; exit 3; }
results="$(cd "$results" && pwd)"
junit="$results/junit"

run_id="${SEEDBED_RUN_ID:-}"
if [ -z "$run_id" ]; then
    if [ -n "${GITHUB_RUN_ID:-}" ]; then
        run_id="github-${GITHUB_RUN_ID}-${GITHUB_RUN_ATTEMPT:-1}-${GITHUB_JOB:-job}"
    elif [ -n "${CI_JOB_ID:-}" ]; then
        run_id="gitlab-${CI_JOB_ID}"
    else
        # Named here rather than left to ingest, so the last message can say what to trace.
        run_id="local-$(date -u +%Y%m%dT%H%M%SZ)-$$"
    fi
fi
commit="${SEEDBED_COMMIT:-${GITHUB_SHA:-${CI_COMMIT_SHA:-}}}"
if [ -z "$commit" ]; then
    commit="$(git rev-parse HEAD 2>/dev/null || true)"
fi

# ---- which seedbed ----
if [ -n "${SEEDBED:-}" ]; then
    if [ ! -x "$SEEDBED" ]; then
        say "SEEDBED is set to '$SEEDBED', which is not an executable file"
        exit 3
    fi
    seedbed="$SEEDBED"
else
    say "building seedbed (release); set SEEDBED to reuse a binary"
    if ! swift build --package-path "$root" -c release --product seedbed >&2; then
        say "could not build seedbed"
        exit 3
    fi
    seedbed="$(swift build --package-path "$root" -c release --show-bin-path)/seedbed"
fi

# ---- 1. check ----
step "1/6 check the spec: seedbed check $spec"
"$seedbed" check "$spec"
status=$?
if [ "$status" -ne 0 ]; then
    say "the spec has errors (seedbed check exit $status): nothing was seeded"
    exit "$status"
fi

# ---- 2. seed ----
# SEEDBED_SEED_ARGS is split on spaces on purpose: it holds options, not file names.
# shellcheck disable=SC2206
seed_args=(${SEEDBED_SEED_ARGS:-})
step "2/6 seed the test database: seedbed seed $spec --target <TARGET>${seed_args[*]:+ ${seed_args[*]}}"
seed_log="$results/seed.stderr"
"$seedbed" seed "$spec" --target "$target" "${seed_args[@]}" 2>"$seed_log"
status=$?
cat "$seed_log" >&2
if [ "$status" -ne 0 ]; then
    say "seeding failed (seedbed seed exit $status): the database is as it was"
    exit "$status"
fi
# The catalog's name for what was seeded, as seedbed itself reports it (a --version in
# SEEDBED_SEED_ARGS included): "seedbed: recorded lending@2.0.0 in ...".
dataset="$(sed -n 's/^seedbed: recorded \([^ ]*@[^ ]*\) in .*/\1/p' "$seed_log" | head -n 1)"
if [ -z "$dataset" ]; then
    say "the seeded data was not recorded in the catalog (see seedbed's note above), so test runs"
    say "cannot be ingested: give the spec a version (version \"1.0.0\") or pass --version"
    exit 2
fi

# ---- 3. score ----
step "3/6 score $dataset against the gates of $policy"
"$seedbed" score "$spec" --target "$target" --policy "$policy" --format junit --out "$results/scorecard.xml"
status=$?
# The scorecard's JUnit (one test case per gate, rule and scenario) is for the CI's test view;
# here, one line per gate.
{
    sed -n 's/.*classname="seedbed.gates" name="\([^"]*\)".*/  gate \1/p' "$results/scorecard.xml"
    grep -o 'failure message="[^"]*"' "$results/scorecard.xml" | sed 's/^failure message="\(.*\)"$/  FAILED: \1/'
} 2>/dev/null | sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&amp;/\&/g'
case "$status" in
    0) ;;
    1)
        say "a gate failed: the tests are not run on data that would mislead them"
        say "the scorecard is in $results/scorecard.xml"
        exit 1
        ;;
    *)
        say "scoring failed (seedbed score exit $status)"
        exit "$status"
        ;;
esac

# ---- 4. tests ----
step "4/6 run the tests on $dataset: $*"
rm -rf "$junit" && mkdir -p "$junit"
SEEDBED_TARGET="$target" SEEDBED_DATASET="$dataset" SEEDBED_JUNIT_DIR="$junit" "$@"
tests_status=$?
if [ -z "$(find "$junit" -name '*.xml' -type f -print -quit)" ]; then
    say "the test command (exit $tests_status) wrote no JUnit XML into \$SEEDBED_JUNIT_DIR ($junit)"
    exit 3
fi

# ---- 5. ingest ----
ingest_args=(--dataset "$dataset" --run "$run_id")
[ -n "$commit" ] && ingest_args+=(--commit "$commit")
step "5/6 ingest the test results: seedbed ingest ${junit#"$PWD"/} ${ingest_args[*]}"
"$seedbed" ingest "$junit" "${ingest_args[@]}"
status=$?
if [ "$status" -ne 0 ]; then
    say "ingesting the test results failed (seedbed ingest exit $status)"
    exit "$status"
fi

# ---- 6. report ----
# `seedbed report` joins in a later release; `seedbed report --help` cannot tell (an unknown
# subcommand with --help prints the top-level help and exits 0), the top-level help's
# subcommand list can.
if "$seedbed" --help 2>/dev/null | grep -Eq '^[[:space:]]+report[[:space:]]'; then
    step "6/6 refresh the report: seedbed report --out ${results#"$PWD"/}/report"
    "$seedbed" report --out "$results/report"
    status=$?
    if [ "$status" -ne 0 ]; then
        say "the report could not be written (seedbed report exit $status)"
        exit "$status"
    fi
else
    step "6/6 report: skipped (this seedbed has no report command)"
fi

if [ "$tests_status" -ne 0 ]; then
    say "the tests failed (exit $tests_status) on $dataset; their results are in the catalog:"
    say "  seedbed trace $run_id"
    exit 1
fi
say "$dataset passed its gates and the tests passed"
