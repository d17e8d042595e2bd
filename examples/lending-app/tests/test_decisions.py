"""Integration tests: the application's decisions on the seeded lending book.

Every row of the seeded database obeys the spec's rules, so every customer is one the
application must let borrow and every loan one it must grant. Each test names the rule it
exercises (a `rule` property in the JUnit XML), which `seedbed ingest` links to the spec.
"""

from decimal import Decimal

import pytest

from lending.decisions import customer_reasons, disbursed_total, loan_reasons


def test_adult_customers_may_borrow(record_property, trace_rows, customers, as_of):
    record_property("rule", "ELIG-001")
    refused = {c.id: customer_reasons(c, as_of) for c in customers.values() if customer_reasons(c, as_of)}
    trace_rows("customer", sorted(refused))
    if refused:
        pytest.fail(f"adult customers refused: {refused}", pytrace=False)


def test_home_loans_within_the_ltv_limit_are_granted(record_property, trace_rows, customers, loans, as_of):
    record_property("rule", "ELIG-002")
    home = [loan for loan in loans if loan.product == "home"]
    assert home, "the data has no home loans"
    refused = {
        loan.id: reasons
        for loan in home
        if (reasons := [r for r in loan_reasons(customers[loan.customer_id], loan, as_of) if r.startswith("ELIG-002")])
    }
    trace_rows("loan", sorted(refused))
    if refused:
        pytest.fail(f"home loans within the LTV limit refused: {refused}", pytrace=False)


def test_student_loans_to_applicants_under_35_are_granted(record_property, trace_rows, customers, loans, as_of):
    record_property("rule", "CO-003")
    students = [loan for loan in loans if loan.product == "student"]
    assert students, "the data has no student loans"
    refused = {
        loan.id: reasons
        for loan in students
        if (reasons := [r for r in loan_reasons(customers[loan.customer_id], loan, as_of) if r.startswith("CO-003")])
    }
    trace_rows("loan", sorted(refused))
    if refused:
        pytest.fail(f"student loans to applicants under 35 refused: {refused}", pytrace=False)


def test_declined_loans_pay_nothing_out(record_property, loans):
    record_property("rule", "IMP-004")
    paid = disbursed_total(loans)
    expected: dict[str, Decimal] = {}
    for loan in loans:
        if loan.disbursed is not None:
            expected[loan.product] = expected.get(loan.product, Decimal("0")) + loan.amount
    # No declined loan was disbursed (IMP-004), so excluding them changes nothing.
    assert paid == expected

