"""The seeded database the suite reads, and the business date it runs on."""

import os
from datetime import date

import pytest

from lending import store


@pytest.fixture(scope="session")
def target() -> str:
    # LENDING_DATABASE is the app's own setting; ci/seed-and-test.sh exports SEEDBED_TARGET,
    # the database it just seeded.
    value = os.environ.get("LENDING_DATABASE") or os.environ.get("SEEDBED_TARGET")
    if not value:
        pytest.fail("set LENDING_DATABASE (or SEEDBED_TARGET) to the seeded database: sqlite:PATH or a PostgreSQL URI")
    return value


@pytest.fixture(scope="session")
def as_of() -> date:
    # The spec's `as of` date: the day the data's ages and dates are computed for.
    return date.fromisoformat(os.environ.get("LENDING_AS_OF", "2026-01-01"))


@pytest.fixture(scope="session")
def customers(target):
    return store.customers(target)


@pytest.fixture(scope="session")
def loans(target):
    return store.loans(target)


@pytest.fixture(scope="session")
def lineage(target):
    return store.lineage(target)


@pytest.fixture
def trace_rows(record_property, lineage):
    """Names the rows a failure is about, so `seedbed trace` can lead back to them: each as a
    `record` property, and the scenario that made it (from seedbed's _seedbed_lineage table) as
    a `scenario` property."""

    def name(table: str, keys: list[int]) -> None:
        scenarios = []
        for key in keys:
            record_property("record", f"{table}:{key}")
            scenario = lineage.get((table, str(key)))
            if scenario and scenario not in scenarios:
                scenarios.append(scenario)
        for scenario in scenarios:
            record_property("scenario", scenario)

    return name
