#!/usr/bin/env python3
"""Runs `seedbed generate --negative` rows through the application's intake validation.

    python3 check_negative.py DIR [--as-of 2026-01-01] [--junit FILE]

DIR is what `seedbed generate SPEC --out DIR --negative` wrote: the dataset (DIR/customer.csv,
DIR/loan.csv), DIR/negative/ with rows that each break exactly one rule, and DIR/_lineage.csv
naming the rule each negative row breaks. Every negative row is an application the intake must
reject; the table printed says, per rule, how many it rejected and which rows it let through.
Exit 0 when every negative row was rejected, 1 when some got through.

--junit FILE also writes the checks as JUnit XML for `seedbed ingest`: one test per negative row,
`intake.test_intake_accepts[TABLE:KEY]`, asserting what holds for every valid application (the
intake accepts it), with the `rule` the row breaks and the `record` as properties. On negative
data that test must fail: a failure is the row caught, a pass the row let through, and
`seedbed effectiveness` turns them into the negative-data catch rate (docs/effectiveness.md).
"""

import argparse
import csv
import sys
from datetime import date
from pathlib import Path
from xml.sax.saxutils import quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lending.decisions import customer_reasons, validate_application  # noqa: E402
from lending.store import customer_from_row, loan_from_row  # noqa: E402


def read(path: Path) -> list[dict[str, str | None]]:
    # seedbed's CSV writes null as an empty unquoted field; no column read here is empty text.
    with path.open(newline="") as file:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(file)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 1, 1))
    parser.add_argument("--junit", type=Path, help="also write the checks as JUnit XML to this file")
    args = parser.parse_args()

    broken = {
        (row["table"], row["key"]): row["id"]
        for row in read(args.dir / "_lineage.csv")
        if row["kind"] == "negative"
    }
    customers = {int(r["id"]): customer_from_row(r) for r in read(args.dir / "customer.csv")}
    negative_customers = [customer_from_row(r) for r in read(args.dir / "negative" / "customer.csv")]
    customers.update({c.id: c for c in negative_customers})

    # Per rule: each negative row with the intake's reasons for rejecting it (none: let through).
    checks: dict[str, list[tuple[str, list[str]]]] = {}
    for customer in negative_customers:
        rule = broken[("customer", str(customer.id))]
        checks.setdefault(rule, []).append((f"customer:{customer.id}", customer_reasons(customer, args.as_of)))
    for row in read(args.dir / "negative" / "loan.csv"):
        loan = loan_from_row(row)
        rule = broken[("loan", str(loan.id))]
        reasons = validate_application(customers[loan.customer_id], loan, args.as_of)
        checks.setdefault(rule, []).append((f"loan:{loan.id}", reasons))
    results = {rule: [(name, bool(reasons)) for name, reasons in rows] for rule, rows in checks.items()}
    if args.junit:
        write_junit(args.junit, checks)

    print(f"{'RULE':<10} {'ROWS':>4} {'REJECTED':>8} {'MISSED':>6}  LET THROUGH")
    missed_any = False
    for rule in sorted(results):
        rows = results[rule]
        missed = [name for name, rejected in rows if not rejected]
        missed_any |= bool(missed)
        shown = ", ".join(missed[:5]) + (f" (+{len(missed) - 5})" if len(missed) > 5 else "")
        print(f"{rule:<10} {len(rows):>4} {len(rows) - len(missed):>8} {len(missed):>6}  {shown or '-'}")
    return 1 if missed_any else 0


def write_junit(path: Path, checks: dict[str, list[tuple[str, list[str]]]]) -> None:
    cases = []
    failures = 0
    for rule in sorted(checks):
        for record, reasons in checks[rule]:
            case = (
                f'    <testcase classname="intake" name={quoteattr(f"test_intake_accepts[{record}]")} time="0">\n'
                f'      <properties><property name="rule" value={quoteattr(rule)}/>'
                f'<property name="record" value={quoteattr(record)}/></properties>\n'
            )
            if reasons:
                failures += 1
                message = f"intake rejected {record}: " + "; ".join(reasons)
                case += f'      <failure type="Rejected" message={quoteattr(message)}/>\n'
            cases.append(case + "    </testcase>\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'
        f'  <testsuite name="negative-intake" tests="{len(cases)}" failures="{failures}" errors="0" skipped="0">\n'
        + "".join(cases)
        + "  </testsuite>\n</testsuites>\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())
