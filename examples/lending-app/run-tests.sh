#!/usr/bin/env sh
# The lending app's integration tests on the seeded database, as ci/seed-and-test.sh runs them:
# JUnit XML into $SEEDBED_JUNIT_DIR (else test-results/), the database from LENDING_DATABASE
# or SEEDBED_TARGET. Extra arguments go to pytest.
set -eu
junit_dir="${SEEDBED_JUNIT_DIR:-$(pwd)/test-results}"
cd "$(dirname "$0")"
exec python3 -m pytest -q --junitxml "$junit_dir/lending-app.xml" "$@"
