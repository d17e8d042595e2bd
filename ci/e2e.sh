#!/usr/bin/env bash
# ci/e2e.sh: the whole feedback loop, end to end, on examples/lending-app, asserted.
#
#   1. lending@1.0.0 (no edge scenario) is seeded, passes its gates, the app's tests are green,
#      and the run is ingested;
#   2. lending@2.0.0 adds the EDGE-LTV and EDGE-AGE scenarios; the same, unchanged app (same
#      commit) fails one test, and the run is ingested;
#   3. `seedbed effectiveness` shows version 2 revealed a defect version 1 missed;
#   4. `seedbed trace` leads from the failing test to the scenario, the rule and the spec lines;
#   5. `seedbed generate --negative` rows of version 2 run through the app's intake validation
#      as one JUnit test per row; ingested with --negative, `seedbed effectiveness` gives the
#      negative-data catch rate (IMP-004 missed: intake does not check it) and `seedbed trace`
#      leads from a rejected row through _lineage.csv to the rule it breaks.
#
# Everything happens in a temporary folder with its own catalog and SQLite database; the
# transcript is printed, and any step that does not show what it should stops the script with
# "e2e: FAILED: ..." and exit 1.
#
# Environment: SEEDBED (default: .build/debug/seedbed, built when missing); E2E_KEEP=1 keeps
# the temporary folder. Needs python3 with pytest (installed with pip when missing).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="$root/examples/lending-app"
started=$SECONDS

fail() {
    printf '\ne2e: FAILED: %s\n' "$*" >&2
    exit 1
}
banner() { printf '\n######## %s\n' "$*"; }
# Prints a command, then runs it, its output to the transcript and to $out.
out=""
show() {
    printf '\n$ %s\n' "$*"
    local status=0
    out="$("$@" 2>&1)" || status=$?
    printf '%s\n' "$out"
    return "$status"
}
expect() { # expect PATTERN WHAT: $out must contain the extended regular expression
    grep -Eq -- "$1" <<<"$out" || fail "$2 (no line matching /$1/ in the output above)"
}

# ---- tools ----
seedbed="${SEEDBED:-$root/.build/debug/seedbed}"
if [ ! -x "$seedbed" ]; then
    echo "e2e: building seedbed (debug)" >&2
    swift build --package-path "$root" --product seedbed >&2
fi
[ -x "$seedbed" ] || fail "no seedbed binary at $seedbed"
command -v python3 >/dev/null || fail "python3 is needed for the example app"
if ! python3 -m pytest --version >/dev/null 2>&1; then
    echo "e2e: installing pytest for the example app" >&2
    python3 -m pip install --quiet pytest >&2 || fail "pytest is missing and could not be installed"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/seedbed-e2e.XXXXXX")"
if [ "${E2E_KEEP:-}" = "1" ]; then
    echo "e2e: keeping $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi
cd "$work"
# The specs are copied in, so the trace shows paths a reader of the walkthrough recognises.
mkdir specs && cp "$app"/specs/lending-v1.seed "$app"/specs/lending-v2.seed "$app"/gate.yml specs/

export SEEDBED="$seedbed"
export SEEDBED_CATALOG="$work/catalog.sqlite"
# One commit for both runs: the application did not change between them, only its data.
export SEEDBED_COMMIT="lending-app-unchanged"
# The tests run against the app's own schema, made by its migration, as in a real pipeline.
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).executescript(open(sys.argv[2]).read())' \
    "$work/app.db" "$app/schema.sql"
target="sqlite:$work/app.db"

# ---- 1. version 1: green ----
banner "1. lending@1.0.0: no edge scenario; the tests pass"
status=0
show env SEEDBED_RESULTS="$work/v1" SEEDBED_RUN_ID=ci-run-1 \
    "$root/ci/seed-and-test.sh" specs/lending-v1.seed "$target" specs/gate.yml -- "$app/run-tests.sh" || status=$?
[ "$status" -eq 0 ] || fail "version 1 should pass its gates and its tests (seed-and-test.sh exit $status)"
expect '^PASSED: all 4 gates hold' "version 1's gates should all hold"
expect '^4 passed' "the app's 4 tests should pass on version 1"
expect 'stored run ci-run-1 of lending@1\.0\.0 at commit lending-app-unchanged: 4 tests' "version 1's run should be ingested"

# ---- 2. version 2: the same app fails ----
banner "2. lending@2.0.0: adds the EDGE-LTV and EDGE-AGE scenarios; the same app fails"
status=0
show env SEEDBED_RESULTS="$work/v2" SEEDBED_RUN_ID=ci-run-2 \
    "$root/ci/seed-and-test.sh" specs/lending-v2.seed "$target" specs/gate.yml -- "$app/run-tests.sh" || status=$?
[ "$status" -eq 1 ] || fail "version 2 should fail the tests, exit 1 (seed-and-test.sh exit $status)"
expect '^PASSED: all 4 gates hold' "version 2's gates should hold (its data is right; the app is wrong)"
expect 'loan: [0-9]+ rows, scenarios: EDGE-AGE 3, EDGE-LTV 3' "version 2 should seed 3 rows for each scenario"
expect '^FAILED tests/test_decisions.py::test_student_loans_to_applicants_under_35_are_granted' \
    "the student-loan test should fail on version 2"
expect '^1 failed, 3 passed' "exactly one test should fail on version 2"
expect 'stored run ci-run-2 of lending@2\.0\.0 at commit lending-app-unchanged: 4 tests' "version 2's run should be ingested"
show "$seedbed" catalog diff lending@1.0.0 lending@2.0.0 || fail "seedbed catalog diff failed"
expect 'EDGE-AGE' "the catalog diff should show the EDGE-AGE scenario version 2 adds"

# ---- 3. effectiveness ----
banner "3. effectiveness: version 2 revealed a defect version 1 missed"
show "$seedbed" effectiveness lending || fail "seedbed effectiveness failed"
# VERSION RUNS TESTS FAILING FINGERPRINTS REVEALED SAME-COMMIT FLAKY RULES-TESTED RULES-FAILING CATCH-RATE
expect '^lending@1\.0\.0 +1 +4 +0 +0 +- +- +0 +4/4 +0 +-$' "version 1 should show 4 tests, none failing"
expect '^lending@2\.0\.0 +1 +4 +1 +1 +1 +1 +0 +4/4 +1 +-$' \
    "version 2 should show 1 failing test and 1 fingerprint revealed on the same commit"
expect '^lending@2\.0\.0 revealed \(not failing on lending@1\.0\.0\): v1:[0-9a-f]{16}' \
    "the revealed fingerprint should be listed"

# ---- 4. trace ----
banner "4. trace: from the failing test to the scenario, the rule and the spec lines"
show "$seedbed" trace test_student_loans_to_applicants_under_35_are_granted || fail "seedbed trace failed"
rule_line="$(grep -n '^rule CO-003' specs/lending-v2.seed | cut -d: -f1)"
scenario_line="$(grep -n '^scenario EDGE-AGE' specs/lending-v2.seed | cut -d: -f1)"
expect "^  rule CO-003 +.*specs/lending-v2\.seed:$rule_line +rule CO-003 co-occurrence \"Student loans go to applicants under 35\"" \
    "the trace should lead to rule CO-003 at lending-v2.seed:$rule_line"
expect "^  scenario EDGE-AGE +.*specs/lending-v2\.seed:$scenario_line +scenario EDGE-AGE " \
    "the trace should lead to scenario EDGE-AGE at lending-v2.seed:$scenario_line"
expect '^  failed on +lending@2\.0\.0$' "the trace should say the test failed on version 2"
expect '^  passed on +lending@1\.0\.0$' "the trace should say the test passed on version 1"

# ---- 5. negative data ----
banner "5. negative data: rows that each break one rule, through the app's intake validation"
show "$seedbed" generate specs/lending-v2.seed --out negative --negative || fail "seedbed generate --negative failed"
status=0
show python3 "$app/check_negative.py" negative --junit "$work/negative-results/intake.xml" || status=$?
[ "$status" -eq 1 ] || fail "the app should let some negative rows through (check_negative.py exit $status)"
expect '^CO-003 +10 +10 +0 ' "every student loan to a 35+ applicant should be rejected"
expect '^ELIG-002 +10 +10 +0 ' "every home loan over 95% LTV should be rejected"
expect '^IMP-004 +10 +0 +10 ' "no declined-and-disbursed loan should be rejected: intake does not check IMP-004"
expect '^ELIG-001 +10 +[0-9] +[1-9][0-9]* ' \
    "some minors should get through: the calendar-year age makes a 17-year-old born late in 2008 18"
# --negative: the tests ran on rule-breaking rows, so their failures are expected and count only
# towards the catch rate, not as failures of version 2.
show "$seedbed" ingest "$work/negative-results" --dataset lending@2.0.0 --run ci-run-negative --negative \
    --commit "$SEEDBED_COMMIT" || fail "ingesting the negative run failed"
expect 'stored run ci-run-negative of lending@2\.0\.0' "the negative run should be ingested"
expect '^a run on negative data' "the run should be marked as a run on negative data"
show "$seedbed" effectiveness lending || fail "seedbed effectiveness failed"
expect '^lending@2\.0\.0 +1 +4 +1 +1 +1 +1 +0 +4/4 +1 +3/4 \(75%\)$' \
    "version 2 should keep its figures and gain a catch rate of 3 of its 4 rules"
# RULE NEGATIVE-ROWS TESTS FAILED VERDICT
expect '^CO-003 +10 +10 +10 +caught$' "every CO-003 row should make its test fail"
expect '^ELIG-002 +10 +10 +10 +caught$' "every ELIG-002 row should make its test fail"
expect '^IMP-004 +10 +10 +0 +missed$' "no IMP-004 row should make its test fail: intake does not check it"
catch_line="$(grep -E '^lending@2\.0\.0 negative data' <<<"$out")" ||
    fail "effectiveness should summarise the negative data"
show "$seedbed" effectiveness lending --format json || fail "seedbed effectiveness --format json failed"
expect '"catchRate" : 0\.[0-9]+' "the JSON should carry the catch rate"
record="$(grep -o 'test_intake_accepts\[loan:[0-9]*\]' "$work/negative-results/intake.xml" | head -1)"
[ -n "$record" ] || fail "the negative report should have a loan test"
show "$seedbed" trace "$record" || fail "seedbed trace of a negative row failed"
expect "^  record loan:[0-9]+ +a negative row breaking rule [A-Z]+-[0-9]+ \(.*negative/_lineage\.csv\)$" \
    "the trace should find the row in the negative folder's lineage"
expect "^    .*specs/lending-v2\.seed:[0-9]+ +rule [A-Z]+-[0-9]+ " "the trace should lead to the rule's spec line"

printf '\ne2e: the loop works: version 2 revealed the defect version 1 missed, traced to EDGE-AGE and CO-003; %s (%ss)\n' \
    "${catch_line#lending@2.0.0 }" "$((SECONDS - started))"
