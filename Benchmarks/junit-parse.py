#!/usr/bin/env python3
"""Benchmarks/junit-parse.py FILE: the Python baseline of ingest-bench.sh. junitparser (from
PyPI, in Benchmarks/.venv-junit) reads FILE and every test case's result is looked at, as a
Python consumer of the report would: prints the counts so they can be checked against
`seedbed ingest`'s."""
import sys

from junitparser import Error, Failure, JUnitXml, Skipped, TestSuite


def cases(node):
    """Every test case under a suite, nested suites included."""
    for child in node:
        if isinstance(child, TestSuite):
            yield from cases(child)
        else:
            yield child


def main() -> None:
    report = JUnitXml.fromfile(sys.argv[1])
    counts = {"tests": 0, "passed": 0, "failed": 0, "errors": 0, "skipped": 0}
    suites = [report] if isinstance(report, TestSuite) else list(report)
    for suite in suites:
        for case in cases(suite):
            counts["tests"] += 1
            results = case.result
            if any(isinstance(result, Error) for result in results):
                counts["errors"] += 1
            elif any(isinstance(result, Failure) for result in results):
                counts["failed"] += 1
            elif any(isinstance(result, Skipped) for result in results):
                counts["skipped"] += 1
            else:
                counts["passed"] += 1
    print(" ".join(f"{name}={value}" for name, value in counts.items()))


main()
